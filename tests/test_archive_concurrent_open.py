"""Several processes creating the same new archive at once (a scheduler starting two sites)."""

import multiprocessing
from pathlib import Path

from newscrawl.archive import Archive
from newscrawl.archive.schema import SCHEMA_VERSION, current_version


def _open(db: str, barrier: multiprocessing.Barrier, results: multiprocessing.Queue) -> None:
    barrier.wait()
    try:
        with Archive(db) as archive:
            results.put(current_version(archive.connection))
    except Exception as exc:  # reported to the test, which fails on it
        results.put(repr(exc))


def test_concurrent_first_opens_all_succeed(tmp_path: Path):
    ctx = multiprocessing.get_context("spawn")
    db = str(tmp_path / "new" / "archive.db")
    workers = 4
    barrier, results = ctx.Barrier(workers), ctx.Queue()
    procs = [ctx.Process(target=_open, args=(db, barrier, results)) for _ in range(workers)]
    for proc in procs:
        proc.start()
    outcomes = [results.get(timeout=60) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
    assert outcomes == [SCHEMA_VERSION] * workers
