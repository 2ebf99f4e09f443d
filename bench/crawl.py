"""Load: crawl a synthetic site of N realistic article pages end to end into a fresh archive.

The site (``tests.faults.synthetic``: 20-80 KB pages, UTF-8/GBK/GB18030/Big5, sidebars of links,
a sitemap index) is served on 127.0.0.1 by this process; the crawl runs in a child process as
``newscrawl crawl`` would. Measured:

- end to end: articles/s, peak RSS, RSS sampled against the article count (flat or growing?);
- the CPU split of the crawl process (Scrapy and Twisted, cleaning, SQLite), from CPU timers
  wrapped around the cleaning stages and the archive calls of the same run;
- the cleaning-only rate: the same pages through ``process_page`` (the ``newscrawl extract``
  logic) in one process, no network, no archive;
- ``scrapy bench`` on the same machine (Scrapy alone following links on a local server).

Run from the repository root: ``.venv/bin/python -m bench.crawl [--pages 10000]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._results import write_section
from newscrawl.clean.page import process_page
from tests.faults.harness import child_env, write_profile
from tests.faults.synthetic import SyntheticSite, article_url, page, profile_fields

SETTINGS = {"LOG_LEVEL": "WARNING", "CONCURRENT_REQUESTS_PER_DOMAIN": 16}
# The crawl child: ``run_crawl`` with the archive calls and the cleaning stages wrapped in CPU
# timers (cheap, unlike a profiler), so the split of the crawl's CPU time comes from the
# measured run itself. It prints one JSON line at the end.
_CHILD = """
import inspect, json, resource, sys, time
from newscrawl.archive.store import Archive
import newscrawl.pipelines as stages
from newscrawl.crawl import run_crawl

site, db, proxy, settings = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
cpu = {"sqlite": 0.0, "cleaning": 0.0}

def timed(fn, bucket):
    if inspect.iscoroutinefunction(fn):
        # With no cleaning workers the stages never suspend, so this times only their own work.
        async def awrapper(*args, **kwargs):
            started = time.process_time()
            try:
                return await fn(*args, **kwargs)
            finally:
                cpu[bucket] += time.process_time() - started
        return awrapper
    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            cpu[bucket] += time.process_time() - started
    return wrapper

for name in ("add_capture", "save_article", "record_failure", "start_run", "finish_run"):
    setattr(Archive, name, timed(getattr(Archive, name), "sqlite"))
for name in ("DecodePipeline", "RepairPipeline", "ExtractPipeline", "ValidatePipeline"):
    cls = getattr(stages, name)
    cls.process_item = timed(cls.process_item, "cleaning")
started = time.process_time()
run_crawl(site, db, proxy=proxy, **settings)
usage = resource.getrusage(resource.RUSAGE_SELF)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
with open("/proc/self/status") as status:  # not ru_maxrss: Linux keeps it across fork+exec
    hwm = int(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
print(json.dumps({**cpu, "crawl": time.process_time() - started, "peak_kb": hwm,
                  "workers_cpu": workers.ru_utime + workers.ru_stime}))
"""


def tree_rss_mb(pid: int) -> float:
    """RSS of ``pid`` and its child processes (the cleaning workers), in MB."""
    total = rss_mb(pid) or 0.0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return total
    return total + sum(tree_rss_mb(int(child)) for child in children)


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a running process, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def count_articles(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def end_to_end(pages: int, workdir: Path, workers: int) -> dict:
    profile = write_profile(workdir, "synth", **profile_fields())
    db = workdir / "archive.db"
    samples: list[tuple[float, int, float, float]] = []
    tree_peak = 0.0
    with SyntheticSite(pages) as site:
        started = time.monotonic()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _CHILD,
                str(profile),
                str(db),
                site.proxy,
                json.dumps({**SETTINGS, "NEWSCRAWL_CLEAN_WORKERS": workers}),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=child_env(),
            cwd=workdir,
            text=True,
        )
        while proc.poll() is None:
            time.sleep(2)
            rss, cpu = rss_mb(proc.pid), cpu_seconds(proc.pid)
            tree_peak = max(tree_peak, tree_rss_mb(proc.pid))
            if rss is not None and cpu is not None:
                samples.append((time.monotonic() - started, count_articles(db), rss, cpu))
        out = proc.communicate()[0]
        elapsed = time.monotonic() - started
    printed = json.loads(out.strip().splitlines()[-1])
    first = next((s for s in samples if s[1] > 0), samples[0])
    archived = count_articles(db)
    cpu = printed["crawl"]
    # From the first archived article on, so interpreter start-up is not counted.
    return {
        "returncode": proc.returncode,
        "elapsed": elapsed,
        "archived": archived,
        "rate": (archived - first[1]) / max(1e-9, elapsed - first[0]),
        "cpu_rate": (archived - first[1]) / max(1e-9, cpu - first[3]),
        "peak_rss": printed["peak_kb"] / 1024,
        "tree_peak_rss": tree_peak,
        "workers_cpu": printed["workers_cpu"],
        "cpu": cpu,
        "split": {k: printed[k] / cpu for k in ("cleaning", "sqlite")},
        "samples": samples,
        "db_mb": db.stat().st_size / 2**20 if db.exists() else 0,
    }


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


def rss_at(samples: list[tuple[float, int, float, float]], articles: int) -> float:
    """RSS at the first sample with ``articles`` archived, or the last sample before exit."""
    after = [rss for _t, n, rss, _cpu in samples if n >= articles]
    return after[0] if after else samples[-1][2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--clean-pages", type=int, default=300)
    parser.add_argument(
        "--clean-workers", type=int, default=0, help="NEWSCRAWL_CLEAN_WORKERS for the crawl"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newscrawl-load-") as tmp:
        e2e = end_to_end(args.pages, Path(tmp), args.clean_workers)
    split = {**e2e["split"], "scrapy": 1 - sum(e2e["split"].values())}
    clean_rate = cleaning_only(args.clean_pages, args.pages)
    bench_rate = scrapy_bench()
    # In-process cleaning: compare CPU rates (the wall clock also counts other work on the
    # shared cores). With workers the crawl uses both cores, so compare its wall-clock rate.
    ratio = (e2e["rate"] if args.clean_workers else e2e["cpu_rate"]) / clean_rate
    basis = "wall clock, cleaning in worker processes" if args.clean_workers else "CPU"
    if args.clean_workers:
        cpu_note = (
            f"CPU: the crawl process {e2e['cpu']:.0f} s (Scrapy, link extraction, the archive: "
            f"SQLite {e2e['split']['sqlite']:.0%} of it), the {args.clean_workers} cleaning "
            f"workers {e2e['workers_cpu']:.0f} s together."
        )
    else:
        cpu_note = (
            "CPU split of the crawl process (CPU timers around the cleaning stages and the "
            "archive calls in the measured run; start-up counts as Scrapy): cleaning "
            f"{split['cleaning']:.0%}, SQLite and the archive (compression, FTS indexing, "
            f"near-duplicate signatures) {split['sqlite']:.0%}, Scrapy, Twisted, link "
            f"extraction and the rest {split['scrapy']:.0%}."
        )
    marks = sorted({m for m in (1000, 2000, 5000, args.pages) if m <= e2e["archived"]})
    rss_line = ", ".join(f"{m}: {rss_at(e2e['samples'], m):.0f} MB" for m in marks)
    markdown = f"""
## Load: end-to-end crawl of a synthetic site{" (cleaning in worker processes)" if args.clean_workers else ""}

`.venv/bin/python -m bench.crawl --pages {args.pages} --clean-pages {args.clean_pages} --clean-workers {args.clean_workers}` on this machine (2 cores, shared with other work during the
run: load average {os.getloadavg()[0]:.1f}; the site is served by the benchmark process, the crawl
runs in its own process{f", cleaning in {args.clean_workers} worker processes" if args.clean_workers else ""}). With cleaning in the crawl's process, rates are compared per CPU
second because the wall clock also counts other processes' use of the cores; with cleaning
workers, the crawl's wall-clock rate is compared with one process cleaning flat out.

| measure | value | target |
|---|---|---|
| articles archived | {e2e["archived"]} of {args.pages} (exit {e2e["returncode"]}) | all |
| wall time | {e2e["elapsed"]:.0f} s | |
| end-to-end rate, wall clock | {e2e["rate"]:.1f} articles/s | |
| end-to-end rate per CPU second of the crawl process | {e2e["cpu_rate"]:.1f} articles/s | ≥ 80% of cleaning-only |
| cleaning-only rate per CPU second (`process_page`, one process) | {clean_rate:.1f} pages/s | |
| end-to-end / cleaning-only ({basis}) | {ratio:.0%} | ≥ 80% |
| `scrapy bench` (Scrapy alone, same machine) | {bench_rate or 0:.0f} pages/s | |
| peak RSS of the crawl | {e2e["peak_rss"] or 0:.0f} MB | < 400 MB |
| peak RSS of the crawl and its cleaning workers together (sampled every 2 s) | {e2e["tree_peak_rss"]:.0f} MB | |
| RSS by articles archived | {rss_line} | flat |
| archive size | {e2e["db_mb"]:.0f} MB | |

{cpu_note}
"""
    print(markdown)
    write_section("crawl-workers" if args.clean_workers else "crawl", markdown)


if __name__ == "__main__":
    main()
