"""Run one real crawl in a subprocess (Twisted's reactor runs once per process) and read the
archive it wrote."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The child prints its own peak RSS after the crawl, so a test can bound memory. VmHWM, not
# getrusage's ru_maxrss: Linux carries ru_maxrss over fork and exec, so a child of a large
# parent (pytest after hundreds of tests) would report the parent's size as its own.
_CHILD = """
import json, sys
from newscrawl.crawl import run_crawl
site, db, proxy, settings = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
run_crawl(site, db, proxy=proxy, **settings)
with open("/proc/self/status") as status:
    hwm = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
print("PEAK_RSS_KB", hwm, flush=True)
"""


@dataclass
class CrawlResult:
    returncode: int
    stdout: str
    stderr: str
    peak_rss_mb: float | None


def write_profile(directory: Path, name: str, **fields: object) -> Path:
    """A site profile TOML file (``load_profile`` accepts a path ending in .toml)."""
    lines = [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    path = directory / f"{name}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def crawl_command(profile: Path, db: Path, proxy: str, settings: dict[str, object]) -> list[str]:
    return [sys.executable, "-c", _CHILD, str(profile), str(db), proxy, json.dumps(settings)]


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def run_crawl(
    profile: Path, db: Path, proxy: str, settings: dict[str, object], timeout: float = 120
) -> CrawlResult:
    done = subprocess.run(
        crawl_command(profile, db, proxy, settings),
        capture_output=True,
        text=True,
        timeout=timeout,
        env=child_env(),
        cwd=db.parent,
    )
    peak = None
    for line in done.stdout.splitlines():
        if line.startswith("PEAK_RSS_KB "):
            peak = int(line.split()[1]) / 1024
    return CrawlResult(done.returncode, done.stdout, done.stderr, peak)


def rows(db: Path, sql: str, *params: object) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
