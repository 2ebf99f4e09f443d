"""Load: crawl a synthetic site of N realistic article pages end to end into a fresh archive.

The site (``tests.faults.synthetic``: 20-80 KB pages, UTF-8/GBK/GB18030/Big5, sidebars of links,
a sitemap index) is served on 127.0.0.1 by this process; the crawl runs in a child process as
``newscrawl crawl`` would. Measured:

- end to end: articles/s, peak RSS, RSS sampled against the article count (flat or growing?);
- the CPU split of the crawl process (Scrapy and Twisted, cleaning, SQLite), from a cProfile run
  of a smaller crawl (cProfile slows Python code more than C code: read it as a split, not as
  absolute times);
- the cleaning-only rate: the same pages through ``process_page`` (the ``newscrawl extract``
  logic) in one process, no network, no archive;
- ``scrapy bench`` on the same machine (Scrapy alone following links on a local server).

Run from the repository root: ``.venv/bin/python -m bench.crawl [--pages 10000]``.
"""

from __future__ import annotations

import argparse
import json
import pstats
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._results import write_section
from newscrawl.clean.page import process_page
from tests.faults.harness import child_env, crawl_command, write_profile
from tests.faults.synthetic import SyntheticSite, article_url, page, profile_fields

SETTINGS = {"LOG_LEVEL": "WARNING", "CONCURRENT_REQUESTS_PER_DOMAIN": 16}
_PROFILED = """
import cProfile, json, sys
from newscrawl.crawl import run_crawl
site, db, proxy, settings, out = sys.argv[1:6]
cProfile.run("run_crawl(site, db, proxy=proxy, **json.loads(settings))", out)
"""
# Where a function's own time goes, by the file it is defined in.
CLEANING = ("newscrawl/clean/", "trafilatura", "htmldate", "justext", "jieba", "opencc", "ftfy")
SQLITE = ("newscrawl/archive/", "sqlite3", "zstandard", "datasketch", "{method 'execute'")


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def count_articles(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def end_to_end(pages: int, workdir: Path) -> dict:
    profile = write_profile(workdir, "synth", **profile_fields())
    db = workdir / "archive.db"
    samples: list[tuple[float, int, float]] = []
    with SyntheticSite(pages) as site:
        started = time.monotonic()
        proc = subprocess.Popen(
            crawl_command(profile, db, site.proxy, SETTINGS),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=child_env(),
            cwd=workdir,
            text=True,
        )
        while proc.poll() is None:
            time.sleep(2)
            rss = rss_mb(proc.pid)
            if rss is not None:
                samples.append((time.monotonic() - started, count_articles(db), rss))
        out = proc.communicate()[0]
        elapsed = time.monotonic() - started
    peak = next((int(x.split()[1]) / 1024 for x in out.splitlines() if "PEAK_RSS_KB" in x), None)
    first = next((s for s in samples if s[1] > 0), samples[0])
    archived = count_articles(db)
    return {
        "returncode": proc.returncode,
        "elapsed": elapsed,
        "archived": archived,
        # From the first archived article on, so interpreter start-up is not counted.
        "rate": (archived - first[1]) / max(1e-9, elapsed - first[0]),
        "peak_rss": peak,
        "samples": samples,
        "db_mb": db.stat().st_size / 2**20 if db.exists() else 0,
    }


def cpu_split(pages: int, workdir: Path) -> dict[str, float]:
    profile = write_profile(workdir, "synth", **profile_fields())
    db, out = workdir / "profiled.db", workdir / "crawl.prof"
    with SyntheticSite(pages) as site:
        subprocess.run(
            [sys.executable, "-c", _PROFILED, str(profile), str(db), site.proxy]
            + [json.dumps(SETTINGS), str(out)],
            env=child_env(),
            cwd=workdir,
            check=True,
            capture_output=True,
        )
    split = {"cleaning": 0.0, "sqlite": 0.0, "scrapy": 0.0}
    for (filename, _line, name), row in pstats.Stats(str(out)).stats.items():  # type: ignore[attr-defined]
        own = row[2]
        where = f"{filename} {name}"
        if any(k in where for k in CLEANING):
            split["cleaning"] += own
        elif any(k in where for k in SQLITE):
            split["sqlite"] += own
        else:
            split["scrapy"] += own
    total = sum(split.values()) or 1.0
    return {k: v / total for k, v in split.items()}


def cleaning_only(pages: int, size: int) -> float:
    bodies = [page(n, size) for n in range(pages)]
    process_page(bodies[0], url=article_url(0))
    started = time.process_time()
    for n, body in enumerate(bodies):
        process_page(body, url=article_url(n))
    return pages / (time.process_time() - started)


def scrapy_bench(seconds: int = 20) -> float | None:
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}"],
        capture_output=True,
        text=True,
        timeout=seconds + 120,
        cwd=tempfile.gettempdir(),
    )
    rates = re.findall(r"at (\d+) pages/min", done.stderr)
    return max(int(r) for r in rates) / 60 if rates else None


def rss_at(samples: list[tuple[float, int, float]], articles: int) -> float | None:
    after = [rss for _t, n, rss in samples if n >= articles]
    return after[0] if after else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--profile-pages", type=int, default=500)
    parser.add_argument("--clean-pages", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newscrawl-load-") as tmp:
        e2e = end_to_end(args.pages, Path(tmp))
    with tempfile.TemporaryDirectory(prefix="newscrawl-prof-") as tmp:
        split = cpu_split(args.profile_pages, Path(tmp))
    clean_rate = cleaning_only(args.clean_pages, args.pages)
    bench_rate = scrapy_bench()
    ratio = e2e["rate"] / clean_rate
    marks = sorted({m for m in (1000, 2000, 5000, args.pages) if m <= e2e["archived"]})
    rss_line = ", ".join(f"{m}: {rss_at(e2e['samples'], m) or 0:.0f} MB" for m in marks)
    markdown = f"""
## Load: end-to-end crawl of a synthetic site

`.venv/bin/python -m bench.crawl --pages {args.pages} --profile-pages {args.profile_pages}
--clean-pages {args.clean_pages}` on this machine (2 cores; the site is served by the
benchmark process, the crawl runs in its own process).

| measure | value | target |
|---|---|---|
| articles archived | {e2e["archived"]} of {args.pages} (exit {e2e["returncode"]}) | all |
| wall time | {e2e["elapsed"]:.0f} s | |
| end-to-end rate | {e2e["rate"]:.1f} articles/s | ≥ 80% of cleaning-only |
| cleaning-only rate (`process_page`, one process) | {clean_rate:.1f} pages/s | |
| end-to-end / cleaning-only | {ratio:.0%} | ≥ 80% |
| `scrapy bench` (Scrapy alone, same machine) | {bench_rate or 0:.0f} pages/s | |
| peak RSS of the crawl | {e2e["peak_rss"] or 0:.0f} MB | < 400 MB |
| RSS by articles archived | {rss_line} | flat |
| archive size | {e2e["db_mb"]:.0f} MB | |

CPU split of the crawl process (cProfile of a {args.profile_pages}-page crawl, own time by
module): cleaning {split["cleaning"]:.0%}, SQLite and the archive {split["sqlite"]:.0%},
Scrapy/Twisted/link extraction and the rest {split["scrapy"]:.0%}.
"""
    print(markdown)
    write_section("crawl", markdown)


if __name__ == "__main__":
    main()
