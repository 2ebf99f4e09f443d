"""Incremental and resumable crawls: the second run fetches only what changed.

A small site is served on 127.0.0.1, crawled, changed (articles added, one edited with its
sitemap lastmod bumped, one removed) and crawled again; what each run fetched is read back
from the archive's captures and the run's recorded counts.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawl.demo_server import SiteServer
from tests.crawling import ROOT, article_html, query, scrapy_crawl, write_profile

HOST = "www.incr.test"


class Site:
    def __init__(self, root: Path):
        self.root = root
        self.articles: dict[int, tuple[str, str]] = {}  # id -> (title, lastmod)

    def url(self, n: int) -> str:
        return f"http://{HOST}/news/2024-03/{n % 28 + 1:02d}/content_{n}.html"

    def path(self, n: int) -> Path:
        return self.root / self.url(n).split(HOST + "/", 1)[1]

    def put(self, n: int, title: str, lastmod: str = "2024-03-01T08:00:00+08:00") -> None:
        paragraphs = [
            f"{title}。这是第{n}篇报道的正文，介绍西岭市第{n}项民生工程的进展情况和下一步安排。"
        ] * 3
        self.path(n).parent.mkdir(parents=True, exist_ok=True)
        self.path(n).write_bytes(article_html(title, paragraphs, "2024-03-01 08:00"))
        self.articles[n] = (title, lastmod)
        self.publish()

    def remove(self, n: int) -> None:
        self.path(n).unlink()
        del self.articles[n]
        self.publish()

    def publish(self) -> None:
        links = "".join(
            f'<li><a href="{self.url(n)}">{t}</a></li>' for n, (t, _) in self.articles.items()
        )
        (self.root / "index.html").write_text(
            f"<html><body><ul>{links}</ul></body></html>", "utf-8"
        )
        urls = "".join(
            f"<url><loc>{self.url(n)}</loc><lastmod>{m}</lastmod></url>"
            for n, (_, m) in self.articles.items()
        )
        (self.root / "sitemap.xml").write_text(
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>', "utf-8"
        )


def article_fetches(db: Path, run_id: int) -> set[str]:
    rows = query(db, "SELECT url FROM captures WHERE run_id = ? AND url LIKE '%content_%'", run_id)
    return {u for (u,) in rows}


def last_run(db: Path) -> tuple[int, dict]:
    run_id, counts = query(db, "SELECT id, counts FROM crawl_runs ORDER BY id DESC LIMIT 1")[0]
    return run_id, json.loads(counts)


@pytest.fixture
def site(tmp_path) -> Site:
    site = Site(tmp_path / "site")
    site.root.mkdir()
    for n in range(1, 6):
        site.put(n, f"西岭第{n}号新闻")
    return site


def test_second_run_fetches_only_what_changed(site: Site, tmp_path: Path):
    profile = write_profile(tmp_path / "incr.toml", HOST, sitemaps=f'["http://{HOST}/sitemap.xml"]')
    db = tmp_path / "archive.db"
    with SiteServer({HOST: site.root}) as server:
        assert scrapy_crawl(profile, server.proxy, db).returncode == 0
        first, counts = last_run(db)
        assert counts["articles_new"] == 5

        site.put(6, "西岭第6号新闻")
        site.put(7, "西岭第7号新闻")
        site.put(2, "西岭第2号新闻（更正）", lastmod=datetime.now(UTC).isoformat())
        site.remove(5)
        time.sleep(1.1)  # Last-Modified has one-second resolution
        assert scrapy_crawl(profile, server.proxy, db).returncode == 0
        second, counts = last_run(db)
        assert article_fetches(db, second) == {site.url(6), site.url(7), site.url(2)}
        assert (counts["articles_new"], counts["articles_updated"]) == (2, 1)
        assert counts["articles_skipped_known"] >= 3

        assert scrapy_crawl(profile, server.proxy, db).returncode == 0
        third, counts = last_run(db)
        assert article_fetches(db, third) == set()
        assert counts["not_modified"] >= 2  # home page and sitemap answered 304

    versions = query(
        db,
        "SELECT v.version, v.title FROM article_versions v JOIN articles a ON a.id = v.article_id "
        "WHERE a.url = ? ORDER BY v.version",
        site.url(2),
    )
    assert [t for _, t in versions] == ["西岭第2号新闻", "西岭第2号新闻（更正）"]
    assert query(db, "SELECT count(*) FROM articles WHERE url = ?", site.url(5)) == [(1,)]
    assert query(db, "SELECT count(*) FROM articles") == [(7,)]


def test_killed_crawl_resumes_without_loss_or_duplicates(tmp_path: Path):
    site = Site(tmp_path / "site")
    site.root.mkdir()
    for n in range(1, 41):
        site.articles[n] = (f"西岭第{n}号新闻", "2024-03-01T08:00:00+08:00")
        site.path(n).parent.mkdir(parents=True, exist_ok=True)
        site.path(n).write_bytes(
            article_html(
                site.articles[n][0],
                [f"第{n}篇报道正文，介绍西岭市民生工程进展。"] * 3,
                "2024-03-01 08:00",
            )
        )
    site.publish()
    profile = write_profile(tmp_path / "incr.toml", HOST)
    db = tmp_path / "archive.db"
    with SiteServer({HOST: site.root}) as server:
        crawl = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "scrapy",
                "crawl",
                "regional",
                "-a",
                f"site={profile}",
                "-a",
                f"proxy={server.proxy}",
                "-s",
                f"NEWSCRAWL_DB={db}",
                "-s",
                "DOWNLOAD_DELAY=0.1",
                "-s",
                "CONCURRENT_REQUESTS_PER_DOMAIN=1",
            ],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        reported = set()
        for line in crawl.stderr:
            if "archived (new): " in line:
                reported.add(line.rsplit("archived (new): ", 1)[1].strip())
            if len(reported) >= 8:
                crawl.send_signal(signal.SIGKILL)
                break
        crawl.wait(timeout=30)
        assert crawl.returncode == -signal.SIGKILL
        archived = {u for (u,) in query(db, "SELECT url FROM articles")}
        assert reported <= archived

        assert scrapy_crawl(profile, server.proxy, db).returncode == 0
    urls = [u for (u,) in query(db, "SELECT url FROM articles")]
    assert sorted(urls) == sorted(site.url(n) for n in range(1, 41))
    statuses = [s for (s,) in query(db, "SELECT status FROM crawl_runs ORDER BY id")]
    assert statuses == ["killed", "finished"]
    assert not article_fetches(db, 2) & archived  # nothing archived before is fetched again
