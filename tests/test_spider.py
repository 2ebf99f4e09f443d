"""The regional spider against a small site served on 127.0.0.1 (real Scrapy, real HTTP)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.demo_server import SiteServer
from tests.crawling import article_html, query, scrapy_crawl, write_profile

HOST = "www.tiny.test"
ARTICLE = "/news/2024-03/07/content_1.html"
PARAGRAPHS = [
    "3月7日，西岭市召开全市经济工作会议，部署今年重点工作。会议指出，要坚持稳中求进，推动高质量发展。",
    "会议强调，各地各部门要狠抓落实，确保全年目标任务完成。市长王喆出席会议并讲话。",
]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
    (root / "news/2024-03/07").mkdir(parents=True)
    (root / "private").mkdir()
    (root / "index.html").write_text(
        f'<html><body><a href="{ARTICLE}?utm_source=home">头条</a>'
        f'<a href="{ARTICLE}">头条</a><a href="/about.html">关于</a>'
        '<a href="/private/secret_content_9.html">内部</a><a href="/gone.html">旧闻</a>'
        "</body></html>",
        encoding="utf-8",
    )
    page = article_html("西岭召开经济工作会议", PARAGRAPHS, "2024-03-07 14:52", charset="gbk")
    (root / ARTICLE.lstrip("/")).write_bytes(page)
    (root / "private/secret_content_9.html").write_bytes(
        article_html("不该抓取", PARAGRAPHS, "2024-03-07 14:52")
    )
    (root / "about.html").write_text("<html><body><p>关于我们</p></body></html>", "utf-8")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", "utf-8")
    profile = write_profile(root / "tiny.toml", HOST)
    db = root / "archive.db"
    with SiteServer({HOST: root}) as server:
        result = scrapy_crawl(profile, server.proxy, db)
    assert result.returncode == 0, result.stderr[-3000:]
    return db


def test_article_archived_once_under_its_canonical_url(crawled):
    rows = query(crawled, "SELECT url, title, published_at, author, editor, encoding FROM articles")
    assert len(rows) == 1
    url, title, published_at, author, editor, encoding = rows[0]
    assert url == f"http://{HOST}{ARTICLE}"
    assert (title, published_at, json.loads(author), editor) == (
        "西岭召开经济工作会议",
        "2024-03-07T14:52:00+08:00",
        ["张三"],
        "李四",
    )
    assert encoding == "gb18030"


def test_non_articles_are_captured_not_archived_and_robots_is_obeyed(crawled):
    captured = {u for (u,) in query(crawled, "SELECT url FROM captures")}
    assert f"http://{HOST}/about.html" in captured
    assert not any("/private/" in u for u in captured)


def test_missing_pages_are_recorded_as_failures(crawled):
    failures = query(crawled, "SELECT url, reason FROM failures")
    assert (f"http://{HOST}/gone.html", "http 404") in failures


def test_the_run_is_recorded_with_its_counts(crawled):
    ((status, counts),) = query(crawled, "SELECT status, counts FROM crawl_runs")
    assert status == "finished"
    assert json.loads(counts)["articles_new"] == 1


def test_identity_and_page_budget(tmp_path):
    """The User-Agent names the operator's contact; a profile's page budget ends the run."""
    for n in range(1, 8):
        page = article_html(f"西岭第{n}号新闻", PARAGRAPHS, "2024-03-07 14:52")
        (tmp_path / f"content_{n}.html").write_bytes(page)
    links = "".join(f'<a href="/content_{n}.html">{n}</a>' for n in range(1, 8))
    (tmp_path / "index.html").write_text(f"<html><body>{links}</body></html>", "utf-8")
    profile = write_profile(tmp_path / "budget.toml", HOST, max_pages="3")
    db = tmp_path / "archive.db"
    with SiteServer({HOST: tmp_path}) as server:
        result = scrapy_crawl(
            profile,
            server.proxy,
            db,
            "NEWSCRAWL_CONTACT=mailto:ops@example.org",
            "CONCURRENT_REQUESTS=1",
        )
        agents = {headers.get("User-Agent") for _, headers in server.requests}
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(agents) == 1
    agent = agents.pop()
    assert agent.startswith("newscrawl/") and "(+mailto:ops@example.org;" in agent
    ((status, counts),) = query(db, "SELECT status, counts FROM crawl_runs")
    assert status == "closespider_pagecount"
    assert json.loads(counts)["pages"] <= 4


def test_cleaning_in_worker_processes_gives_the_same_articles(crawled, tmp_path):
    """NEWSCRAWL_CLEAN_WORKERS=2 runs decode/repair/extract in a process pool: same result."""
    site = crawled.parent
    db = tmp_path / "workers.db"
    with SiteServer({HOST: site}) as server:
        result = scrapy_crawl(site / "tiny.toml", server.proxy, db, "NEWSCRAWL_CLEAN_WORKERS=2")
    assert result.returncode == 0, result.stderr[-3000:]
    columns = "url, title, published_at, author, editor, body, encoding"
    assert query(db, f"SELECT {columns} FROM articles") == query(
        crawled, f"SELECT {columns} FROM articles"
    )
