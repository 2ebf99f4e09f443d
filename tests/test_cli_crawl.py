"""`newscrawl crawl` exits non-zero, with one line, unless the crawl went through."""

import os
import subprocess
import sys
from pathlib import Path

from newscrawl.archive import Archive
from newscrawl.demo_server import SiteServer
from tests.crawling import ROOT, article_html, write_profile

HOST = "www.exit.test"


def crawl(profile: Path, db: Path, proxy: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "newscrawl",
            "crawl",
            str(profile),
            "--db",
            str(db),
            "-s",
            f"NEWSCRAWL_PROXY={proxy}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_exit_status_follows_how_the_crawl_ended(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "content_1.html").write_bytes(
        article_html(
            "西岭新闻",
            ["西岭市今天召开会议，部署全年工作，要求各地狠抓落实。"] * 3,
            "2024-03-07 08:00",
        )
    )
    (site / "index.html").write_text('<a href="/content_1.html">1</a>', "utf-8")
    profile = write_profile(tmp_path / "exit.toml", HOST)
    db = tmp_path / "archive.db"
    with SiteServer({HOST: site}) as server:
        ok = crawl(profile, db, server.proxy)
        assert ok.returncode == 0, ok.stderr[-2000:]
        assert "articles new 1" in ok.stdout.replace("\n", " ")

        Archive(db).close()
        os.chmod(db, 0o444)
        try:
            refused = crawl(profile, db, server.proxy)
        finally:
            os.chmod(db, 0o644)
    assert refused.returncode == 1
    assert "newscrawl: crawl ended: failed: archive" in refused.stderr
    assert "read-only" in refused.stderr
