"""Crash safety at length: SIGKILL a real crawl 20+ times at random points during heavy archiving.

After every kill the archive must pass ``PRAGMA integrity_check``, hold every article the crawl
had logged as archived, and hold no article twice; after the last kill one crawl runs to the end
and every article of the site must be there exactly once.

Run from the repository root: ``.venv/bin/python -m bench.crash [--kills 25] [--size 300]``.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from bench._results import write_section
from tests.faults.crash import kill_loop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=25)
    parser.add_argument("--size", type=int, default=300, help="articles on the synthetic site")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="newscrawl-crash-") as tmp:
        report = kill_loop(Path(tmp), args.kills, args.size, seed, kb=(20, 80), max_delay=3.0)
    elapsed = time.monotonic() - started
    growth = ", ".join(str(n) for n in report.articles_after_kills)
    verdict = "none" if not report.problems else "; ".join(report.problems[:10])
    markdown = f"""
## Crash safety (SIGKILL during archiving)

`.venv/bin/python -m bench.crash --kills {args.kills} --size {args.size} --seed {seed}`
({elapsed:.0f} s)

| kills | articles logged as archived before a kill | articles after the final run | problems |
|---|---|---|---|
| {report.kills} | {len(report.logged)} | {report.final_articles} of {args.size} | {verdict} |

Articles in the archive after each kill: {growth}.

Checked after every kill: `PRAGMA integrity_check` is `ok`; every URL the crawl logged as
archived is in `articles`; no URL twice; no article with more than one version; no capture
without its blob and no article without its capture. The final run exits
{report.final_returncode}.
"""
    print(markdown)
    write_section("crash", markdown)


if __name__ == "__main__":
    main()
