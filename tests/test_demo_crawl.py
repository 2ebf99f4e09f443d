"""End to end: real Scrapy crawls the bundled demo site served on 127.0.0.1.

The expectations come from data/demo_site/manifest.json, written by hand with the site.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.demo_server import DEMO_ROOT

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = json.loads((DEMO_ROOT / "manifest.json").read_text(encoding="utf-8"))
ARTICLES = {a["url"]: a for a in MANIFEST["articles"]}


def newscrawl(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def rows(db: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo_twice(tmp_path_factory) -> tuple[Path, list[subprocess.CompletedProcess]]:
    """Run ``newscrawl demo`` twice in a row from an unrelated working directory."""
    workdir = tmp_path_factory.mktemp("elsewhere")
    db = workdir / "out" / "archive.db"
    runs = [newscrawl("demo", "--db", str(db), cwd=workdir) for _ in range(2)]
    return db, runs


def test_demo_runs_twice_and_prints_a_summary(demo_twice):
    db, runs = demo_twice
    for run in runs:
        assert run.returncode == 0, run.stderr[-3000:]
        assert "articles archived" in run.stdout
        assert str(db.resolve()) in run.stdout.replace("\n", "")
    assert f"new {len(ARTICLES)}" in runs[0].stdout
    assert "new 0" in runs[1].stdout


def test_every_article_archived_exactly_once_and_nothing_else(demo_twice):
    db, _ = demo_twice
    urls = [u for (u,) in rows(db, "SELECT url FROM articles")]
    assert len(urls) == len(set(urls))
    assert set(urls) == set(ARTICLES)
    non_articles = {n["url"] for n in MANIFEST["non_articles"]}
    assert not non_articles & set(urls)


def test_every_fetch_is_kept_as_a_raw_capture(demo_twice):
    db, _ = demo_twice
    captured = {u for (u,) in rows(db, "SELECT DISTINCT url FROM captures")}
    assert set(ARTICLES) <= captured
    assert rows(db, "SELECT count(*) FROM crawl_runs WHERE status = 'finished'") == [(2,)]


@pytest.mark.parametrize("field", ["title", "published_at", "author"])
def test_fields_match_the_manifest(demo_twice, field):
    db, _ = demo_twice
    got = {
        url: (json.loads(value) if field == "author" else value)
        for url, value in rows(db, f"SELECT url, {field} FROM articles")
    }
    wrong = {
        url: (got.get(url), article[field])
        for url, article in ARTICLES.items()
        if got.get(url) != article[field]
    }
    assert not wrong


def test_no_footer_text_in_any_body(demo_twice):
    db, _ = demo_twice
    for url, body in rows(db, "SELECT url, body FROM articles"):
        for marker in MANIFEST["footer_markers"]:
            assert marker not in body, (url, marker)
