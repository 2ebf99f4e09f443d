"""The progress extension: plain log lines off a terminal, a live line on one."""

from __future__ import annotations

import io
import json
import logging
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from newscrawl.demo_server import SiteServer
from newscrawl.progress import Progress, count_errors

REPO = Path(__file__).resolve().parent.parent
HOST = "www.progress.test"
PAGE = """<html><head><meta charset="utf-8"><title>第{n}条新闻</title></head><body>
<h1>西岭召开第{n}次工作会议</h1><div class="info">发布时间：2024-03-07 14:52</div>
<div class="content"><p>3月7日，西岭市召开第{n}次工作会议，部署今年重点工作。会议指出，要坚持稳中求进，
推动高质量发展。各地各部门要狠抓落实，确保全年目标任务完成。</p></div></body></html>"""


def stats_crawler(values: dict) -> Crawler:
    crawler = get_crawler()
    crawler.stats.open_spider()
    for key, value in values.items():
        crawler.stats.set_value(key, value)
    return crawler


def test_plain_mode_logs_figures_from_the_stats(caplog):
    crawler = stats_crawler({})
    progress = Progress(crawler.stats, interval=30, console=Console(file=io.StringIO()))
    assert not progress.on_terminal
    with caplog.at_level(logging.INFO, "newscrawl.progress"):
        progress.start()
        for key, value in {
            "response_received_count": 12,
            "newscrawl/articles_new": 5,
            "newscrawl/articles_updated": 2,
            "scheduler/enqueued": 20,
            "scheduler/dequeued": 13,
            "newscrawl/failures/http 404": 2,
            "newscrawl/failures/TimeoutError": 1,
        }.items():
            crawler.stats.set_value(key, value)
        progress.tick()
        progress.finish("finished")
    first, last = caplog.messages
    assert re.match(
        r"progress: 12 pages \(\d+\.\d/s\), articles 5 new, 2 updated, 7 queued, 3 errors", first
    )
    assert last.startswith("crawl finished: 12 pages")
    assert progress.live is None


def test_errors_count_failures_and_callback_exceptions_only():
    stats = {
        "newscrawl/failures/http 500": 3,
        "spider_exceptions/count": 1,
        "spider_exceptions/ValueError": 1,
        "newscrawl/dropped/not_article": 9,
        "log_count/ERROR": 4,
    }
    assert count_errors(stats) == 4


def test_terminal_mode_draws_a_live_line_and_restores_logging():
    crawler = stats_crawler({})
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=200)
    progress = Progress(crawler.stats, interval=30, console=console)
    assert progress.on_terminal
    root = logging.getLogger()
    handler = logging.StreamHandler(out)
    root.addHandler(handler)
    try:
        progress.start()
        assert handler.stream is not out  # routed through the live display meanwhile
        root.warning("a log line during the crawl")
        crawler.stats.set_value("response_received_count", 40)
        crawler.stats.set_value("newscrawl/articles_new", 31)
        progress.tick()
        progress.finish("shutdown")
    finally:
        root.removeHandler(handler)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.getvalue())
    assert "a log line during the crawl\n" in text
    assert "crawl shutdown: 40 pages" in text and "articles 31 new" in text
    assert handler.stream is out and progress.live is None


def test_a_real_crawl_off_a_terminal_logs_progress_that_matches_the_run(tmp_path):
    (tmp_path / "site/news").mkdir(parents=True)
    links = "".join(f'<a href="/news/content_{n}.html">{n}</a>' for n in range(1, 5))
    (tmp_path / "site/index.html").write_text(f"<html><body>{links}</body></html>", "utf-8")
    for n in range(1, 5):
        (tmp_path / f"site/news/content_{n}.html").write_text(PAGE.format(n=n), "utf-8")
    profile = tmp_path / "progress.toml"
    profile.write_text(
        f'domains = ["{HOST}"]\nstart_urls = ["http://{HOST}/"]\n'
        "article_pattern = 'content_\\d+\\.html'\nautothrottle = false\n",
        "utf-8",
    )
    db = tmp_path / "archive.db"
    with SiteServer({HOST: tmp_path / "site"}) as server:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "scrapy",
                "crawl",
                "regional",
                *("-a", f"site={profile}", "-a", f"proxy={server.proxy}"),
                *("-s", f"NEWSCRAWL_DB={db}", "-s", "NEWSCRAWL_PROGRESS_INTERVAL=0.2"),
                *("-s", 'EXTENSIONS={"newscrawl.progress.Progress": 500}'),
                *("-s", "DOWNLOAD_DELAY=0.5", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False"),
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = re.findall(r"\[newscrawl\.progress\] INFO: (.*)", result.stderr)
    assert len(lines) >= 3 and all(line.startswith("progress: ") for line in lines[:-1])
    pages = [int(re.search(r"(\d+) pages", line).group(1)) for line in lines]
    assert pages == sorted(pages)
    conn = sqlite3.connect(db)
    (counts,) = conn.execute("SELECT counts FROM crawl_runs").fetchone()
    conn.close()
    counts = json.loads(counts)
    assert lines[-1].startswith(f"crawl finished: {counts['pages']} pages")
    assert f"articles {counts['articles_new']} new" in lines[-1] and counts["articles_new"] == 4
