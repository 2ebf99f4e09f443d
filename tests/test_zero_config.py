"""Zero-configuration crawls of a small "internet" of fixture sites served on 127.0.0.1.

Each site under tests/internet/ has its own structure (sitemaps in robots.txt, a feed only,
paginated lists with no sitemap, slug URLs and tag pages) and a hand-written manifest.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newscrawl.demo_server import SiteServer
from tests.crawling import ROOT, query

INTERNET = Path(__file__).resolve().parent / "internet"
SITES = sorted(p for p in INTERNET.iterdir() if (p / "manifest.json").is_file())


def manifest(site: Path) -> dict:
    return json.loads((site / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    import subprocess
    import sys

    db = tmp_path_factory.mktemp("zero") / "archive.db"
    with SiteServer({site.name: site for site in SITES}) as server:
        for site in SITES:
            start = manifest(site).get("start_url") or f"http://{site.name}/"
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "scrapy",
                    "crawl",
                    "regional",
                    "-a",
                    f"start={start}",
                    "-a",
                    f"proxy={server.proxy}",
                    "-s",
                    f"NEWSCRAWL_DB={db}",
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert result.returncode == 0, result.stderr[-3000:]
    return db


@pytest.mark.parametrize("site", SITES, ids=lambda p: p.name)
def test_every_article_and_nothing_else(archive, site):
    expected = manifest(site)
    host = urlsplit(expected["articles"][0]["url"]).hostname
    archived = {
        u for (u,) in query(archive, "SELECT url FROM articles WHERE url LIKE ?", f"%//{host}/%")
    }
    assert archived == {a["url"] for a in expected["articles"]}
    assert not archived & set(expected["non_articles"])


@pytest.mark.parametrize("site", SITES, ids=lambda p: p.name)
def test_fields_match_the_manifest(archive, site):
    rows = {
        url: (title, published_at, json.loads(author))
        for url, title, published_at, author in query(
            archive, "SELECT url, title, published_at, author FROM articles"
        )
    }
    for article in manifest(site)["articles"]:
        expected = (article["title"], article["published_at"], article["author"])
        assert rows.get(article["url"]) == expected, article["url"]
