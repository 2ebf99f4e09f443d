"""Crash safety: SIGKILL mid-crawl, concurrent writers and readers, a full disk, a read-only file.

The long version (20+ kills) is ``python -m bench.crash``.
"""

from __future__ import annotations

import hashlib
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys

from newscrawl.archive import Archive
from tests.faults.crash import CRAWL_SETTINGS, archive_problems, article_count, kill_loop
from tests.faults.harness import child_env, crawl_command, rows, run_crawl, write_profile
from tests.faults.synthetic import SyntheticSite, profile_fields

SIZE = 150  # enough that three kills up to 1 s apart never find the site fully archived


def test_sigkill_at_random_points_never_corrupts_loses_or_duplicates(tmp_path):
    seed = random.SystemRandom().randrange(2**32)
    report = kill_loop(tmp_path, kills=3, size=SIZE, seed=seed, max_delay=1.0)
    assert report.problems == [], f"seed {seed}"
    assert report.final_returncode == 0
    assert report.final_articles == SIZE
    # The runs the kills interrupted are not left looking alive.
    statuses = [s for (s,) in rows(tmp_path / "archive.db", "SELECT status FROM crawl_runs")]
    assert statuses[-1] == "finished" and "running" not in statuses


_WRITER = """
import sys, time
from newscrawl.archive import Archive
db, seconds = sys.argv[1], float(sys.argv[2])
done, end = 0, time.monotonic() + seconds
with Archive(db) as archive:
    while time.monotonic() < end:
        url = f"http://reprocess.test/{done}.html"
        body = f"<p>重新处理的第{done}篇文章</p>".encode()
        capture = archive.add_capture(url, 200, {}, body, "2024-01-01T00:00:00+00:00")
        article = {"url": url, "title": f"文章{done}", "body": f"正文{done}" * 50, "site": "x"}
        archive.save_article(article, capture)
        done += 1
print(done)
"""
_READER = """
import sys, time
from newscrawl.archive import Archive
db, seconds = sys.argv[1], float(sys.argv[2])
done, end = 0, time.monotonic() + seconds
with Archive(db, readonly=True) as archive:
    while time.monotonic() < end:
        archive.search("新闻")
        archive.connection.execute("SELECT count(*) FROM articles").fetchone()
        done += 1
print(done)
"""


def test_a_crawl_a_second_writer_and_readers_at_once(tmp_path):
    profile = write_profile(tmp_path, "synth", **profile_fields())
    db = tmp_path / "archive.db"
    Archive(db).close()
    env = child_env()
    with SyntheticSite(SIZE, (8, 24)) as site:
        crawl = subprocess.Popen(
            crawl_command(profile, db, site.proxy, CRAWL_SETTINGS),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
        )
        others = [
            subprocess.Popen(
                [sys.executable, "-c", code, str(db), "5"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for code in (_WRITER, _READER, _READER)
        ]
        outputs = [p.communicate(timeout=120) for p in others]
        _out, crawl_err = crawl.communicate(timeout=300)
    assert crawl.returncode == 0, crawl_err[-2000:]
    for proc, (out, err) in zip(others, outputs, strict=True):
        assert proc.returncode == 0, err[-2000:]
        assert int(out) > 0
    written = int(outputs[0][0])
    assert "database is locked" not in crawl_err.decode(errors="replace")
    assert archive_problems(db, set()) == []
    assert article_count(db) == SIZE + written


def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_full_disk_stops_the_crawl_cleanly_and_a_later_run_resumes(tmp_path):
    profile = write_profile(tmp_path, "synth", **profile_fields())
    db = tmp_path / "archive.db"
    Archive(db).close()
    with SyntheticSite(SIZE, (20, 40)) as site:
        full = subprocess.run(
            crawl_command(profile, db, site.proxy, CRAWL_SETTINGS),
            capture_output=True,
            text=True,
            timeout=300,
            env=child_env(),
            preexec_fn=_limit_file_size(db.stat().st_size + 300_000),
        )
        stopped_at = article_count(db)
        assert "archive write failed, stopping the crawl" in full.stderr
        assert archive_problems(db, set()) == []
        assert stopped_at < SIZE
        assert rows(db, "SELECT count(*) FROM crawl_runs WHERE status = 'finished'") == [(0,)]
        again = run_crawl(profile, db, site.proxy, CRAWL_SETTINGS, timeout=300)
    assert again.returncode == 0
    assert archive_problems(db, set()) == []
    assert article_count(db) == SIZE


def test_read_only_archive_is_refused_and_left_untouched(tmp_path):
    profile = write_profile(tmp_path, "synth", **profile_fields())
    db = tmp_path / "archive.db"
    with Archive(db) as archive:
        archive.start_run("regional", "synth")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    os.chmod(db, 0o444)
    try:
        with SyntheticSite(10, (8, 16)) as site:
            result = run_crawl(profile, db, site.proxy, CRAWL_SETTINGS, timeout=120)
    finally:
        os.chmod(db, 0o644)
    assert "is read-only" in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def test_kill_report_catches_a_lost_article(tmp_path):
    """The checker itself must fail when an article that was logged as archived is gone."""
    db = tmp_path / "archive.db"
    Archive(db).close()
    assert archive_problems(db, {"http://synth.test/news/a-1.html"})
