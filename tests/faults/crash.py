"""SIGKILL a real crawl at random points while it archives, and check the archive after each kill.

Used by tests/test_crash_safety.py (a few kills) and bench/crash.py (20 and more).
"""

from __future__ import annotations

import random
import re
import sqlite3
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.faults.harness import child_env, crawl_command, run_crawl, write_profile
from tests.faults.synthetic import SyntheticSite, article_url, profile_fields

ARCHIVED = re.compile(r"archived \((?:new|updated|unchanged)\): (\S+)")
CRAWL_SETTINGS = {"LOG_LEVEL": "INFO", "CONCURRENT_REQUESTS_PER_DOMAIN": 8}


@dataclass
class KillReport:
    kills: int = 0
    logged: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    articles_after_kills: list[int] = field(default_factory=list)
    final_articles: int = 0
    final_returncode: int | None = None


def archive_problems(db: Path, logged: set[str]) -> list[str]:
    """What is wrong with the archive at ``db``: corruption, lost or duplicated articles."""
    conn = sqlite3.connect(db)
    try:
        problems = []
        integrity = conn.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            problems.append(f"integrity_check: {integrity[:3]}")
        urls = [u for (u,) in conn.execute("SELECT url FROM articles")]
        if len(urls) != len(set(urls)):
            problems.append("duplicate article URLs")
        missing = logged - set(urls)
        if missing:
            problems.append(f"{len(missing)} logged articles missing, e.g. {sorted(missing)[:3]}")
        versions = conn.execute(
            "SELECT article_id FROM article_versions GROUP BY article_id HAVING count(*) > 1"
        ).fetchall()
        if versions:
            problems.append(f"{len(versions)} articles stored more than once as versions")
        dangling = conn.execute(
            "SELECT count(*) FROM captures WHERE sha256 NOT IN (SELECT sha256 FROM blobs)"
        ).fetchone()[0]
        dangling += conn.execute(
            "SELECT count(*) FROM articles WHERE capture_id NOT IN (SELECT id FROM captures)"
        ).fetchone()[0]
        if dangling:
            problems.append(f"{dangling} rows point at missing captures or blobs")
        return problems
    finally:
        conn.close()


def article_count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def _wait_for_archiving(log: Path, proc: subprocess.Popen, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if "archived (" in log.read_text(encoding="utf-8", errors="replace"):
            return True
        time.sleep(0.05)
    return False


def kill_loop(
    workdir: Path,
    kills: int,
    size: int,
    seed: int,
    kb: tuple[int, int] = (8, 24),
    max_delay: float = 2.0,
) -> KillReport:
    """Crawl a synthetic site of ``size`` articles into a fresh archive, SIGKILL the crawl
    ``kills`` times at a random moment after it started archiving, check the archive after
    each kill, then let one crawl finish and check that every article is there exactly once."""
    rng = random.Random(seed)
    profile = write_profile(workdir, "synth", **profile_fields())
    db = workdir / "archive.db"
    report = KillReport()
    with SyntheticSite(size, kb) as site:
        for k in range(kills):
            log = workdir / f"kill-{k}.log"
            with log.open("wb") as err:
                proc = subprocess.Popen(
                    crawl_command(profile, db, site.proxy, CRAWL_SETTINGS),
                    stdout=subprocess.DEVNULL,
                    stderr=err,
                    env=child_env(),
                    cwd=workdir,
                )
            started = _wait_for_archiving(log, proc, timeout=90)
            time.sleep(rng.uniform(0, max_delay))
            proc.kill()
            proc.wait()
            report.kills += 1
            report.logged |= set(ARCHIVED.findall(log.read_text("utf-8", errors="replace")))
            if not started:
                report.problems.append(f"kill {k}: the crawl archived nothing before the kill")
            report.problems += [f"kill {k}: {p}" for p in archive_problems(db, report.logged)]
            report.articles_after_kills.append(article_count(db))
        final = run_crawl(profile, db, site.proxy, CRAWL_SETTINGS, timeout=900)
    report.final_returncode = final.returncode
    expected = {article_url(n) for n in range(size)}
    report.problems += [f"final: {p}" for p in archive_problems(db, report.logged | expected)]
    report.final_articles = article_count(db)
    return report
