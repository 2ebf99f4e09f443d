"""`newscrawl crawl URL` with no profile, then `newscrawl profile suggest URL`."""

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from newscrawl.cli import main
from newscrawl.demo_server import SiteServer
from tests.crawling import ROOT

SITE = ROOT / "tests" / "internet" / "www.hbtimes.test"


def test_zero_config_crawl_then_suggest_a_profile(tmp_path: Path):
    db = tmp_path / "a.db"
    with SiteServer({"www.hbtimes.test": SITE}) as server:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "newscrawl",
                "crawl",
                "http://www.hbtimes.test/",
                "--db",
                str(db),
                "-s",
                f"NEWSCRAWL_PROXY={server.proxy}",
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "newscrawl profile suggest http://www.hbtimes.test/" in result.stdout
    suggested = CliRunner().invoke(
        main, ["profile", "suggest", "http://www.hbtimes.test/", "--db", str(db)]
    )
    assert suggested.exit_code == 0, suggested.output
    assert 'domains = ["hbtimes.test"]' in suggested.output
    assert "sitemap_news.xml" in suggested.output
    assert "article_pattern = '" in suggested.output


def test_suggest_without_a_crawl_is_one_clear_error(tmp_path: Path):
    db = tmp_path / "a.db"
    from newscrawl.archive import Archive

    Archive(db).close()
    result = CliRunner().invoke(
        main, ["profile", "suggest", "http://nowhere.test/", "--db", str(db)]
    )
    assert result.exit_code == 1
    assert "no crawl of nowhere.test" in result.output


def test_profile_list_shows_the_shipped_profiles():
    result = CliRunner().invoke(main, ["profile", "list"])
    assert result.exit_code == 0
    assert "demo" in result.output and "news.xiling.test" in result.output
