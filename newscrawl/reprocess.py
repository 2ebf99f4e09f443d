"""Re-derive every archived article from its stored raw capture with the current cleaning code.

Offline: nothing is fetched. Decoding, repair and extraction (CPU-bound) run in a pool of
worker processes; the archive is written by this process alone, and ``save_article`` records a
new version only where the result changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Any

from newscrawl.archive import Archive
from newscrawl.clean.page import process_page
from newscrawl.profiles import ProfileError, SiteProfile, load_profile

BATCH = 50  # saves per commit


@dataclass
class Counts:
    changed: int = 0
    unchanged: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        return self.changed + self.unchanged + self.failed


@cache
def _profile(site: str | None) -> SiteProfile | None:
    if not site:
        return None
    try:
        return load_profile(site)
    except ProfileError:
        return None


def derive(raw: bytes, url: str, content_type: str | None, site: str | None) -> dict[str, Any]:
    """One page through the current pipeline (runs in a worker process)."""
    return process_page(raw, url=url, content_type=content_type, profile=_profile(site))


@dataclass(frozen=True)
class Job:
    url: str
    site: str | None
    capture_id: int
    fetched_at: str
    content_type: str | None


def _jobs(archive: Archive, site: str | None) -> list[Job]:
    where, params = ("WHERE a.site = ?", [site]) if site else ("", [])
    rows = archive.connection.execute(
        "SELECT a.url, a.site, a.capture_id, c.fetched_at, c.headers FROM articles AS a "
        f"JOIN captures AS c ON c.id = a.capture_id {where} ORDER BY a.id",
        params,
    ).fetchall()
    jobs = []
    for url, row_site, capture_id, fetched_at, headers_json in rows:
        headers = json.loads(headers_json)
        content_type = next(
            (value for name, value in headers.items() if name.lower() == "content-type"), None
        )
        if isinstance(content_type, list):
            content_type = content_type[0] if content_type else None
        jobs.append(Job(url, row_site, capture_id, fetched_at, content_type))
    return jobs


def _submitted(
    pool: ProcessPoolExecutor, archive: Archive, jobs: list[Job], window: int
) -> Iterator[tuple[Job, Future[dict[str, Any]]]]:
    """Futures in job order, with at most ``window`` pages in flight (memory stays flat)."""
    pending: list[tuple[Job, Future[dict[str, Any]]]] = []
    for job in jobs:
        try:
            raw = archive.capture_body(job.capture_id)
        except Exception as exc:  # noqa: BLE001 - a damaged capture fails alone
            future: Future[dict[str, Any]] = Future()
            future.set_exception(exc)
        else:
            future = pool.submit(derive, raw, job.url, job.content_type, job.site)
        pending.append((job, future))
        if len(pending) >= window:
            yield pending.pop(0)
    yield from pending


def reprocess(
    archive: Archive,
    site: str | None = None,
    workers: int = 2,
    progress: Callable[[Counts], None] | None = None,
) -> Counts:
    """Re-extract the articles (of ``site``) from their captures; return what changed."""
    counts = Counts()
    jobs = _jobs(archive, site)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = _submitted(pool, archive, jobs, window=workers * 8)
        while chunk := list(islice(results, BATCH)):
            with archive.batch():
                for job, future in chunk:
                    _save(archive, counts, job, future)
            if progress:
                progress(counts)
    return counts


def _save(archive: Archive, counts: Counts, job: Job, future: Future[dict[str, Any]]) -> None:
    try:
        article = future.result()
        article.update(url=job.url, site=job.site, fetched_at=job.fetched_at)
        outcome = archive.save_article(article, job.capture_id)
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop the others
        counts.failed += 1
        archive.record_failure(job.url, "reprocess_error", detail=f"{type(exc).__name__}: {exc}")
        return
    if outcome == "unchanged":
        counts.unchanged += 1
    else:
        counts.changed += 1
