"""What an incremental crawl needs to know from the archive: the archive is the crawl state.

No separate state file exists to lose: a fresh machine with an existing archive continues
incrementally, and a crawl killed mid-way is resumed by simply running it again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from newscrawl.archive.store import Archive


@dataclass(frozen=True)
class KnownArticle:
    last_fetched: str  # ISO 8601 UTC of the latest capture that produced or confirmed it
    published_at: str | None


def close_stale_runs(archive: Archive, site: str, current_run: int) -> int:
    """Mark runs of ``site`` still 'running' as 'killed'.

    Call it while holding the site's crawl lock: no other live process can own such a run.
    """
    with archive.transaction() as conn:
        cursor = conn.execute(
            "UPDATE crawl_runs SET status = 'killed' "
            "WHERE site = ? AND status = 'running' AND id < ?",
            (site, current_run),
        )
        return cursor.rowcount


def previous_run_finished(archive: Archive, site: str, current_run: int) -> bool:
    row = archive.connection.execute(
        "SELECT status FROM crawl_runs WHERE site = ? AND id < ? ORDER BY id DESC LIMIT 1",
        (site, current_run),
    ).fetchone()
    return row is not None and row[0] == "finished"


def known_articles(archive: Archive, site: str) -> dict[str, KnownArticle]:
    rows = archive.connection.execute(
        "SELECT url, max(coalesce(last_seen_at, ''), coalesce(fetched_at, '')), published_at "
        "FROM articles WHERE site = ?",
        (site,),
    )
    return {url: KnownArticle(seen, published) for url, seen, published in rows}


def validators(archive: Archive, url: str) -> dict[str, str]:
    """Conditional-request headers from the latest successful capture of ``url``."""
    row = archive.connection.execute(
        "SELECT headers FROM captures WHERE url = ? AND status = 200 ORDER BY id DESC LIMIT 1",
        (url,),
    ).fetchone()
    if row is None:
        return {}
    headers = {k.lower(): v for k, v in json.loads(row[0]).items()}
    conditional = {}
    for name, request_name in (("etag", "If-None-Match"), ("last-modified", "If-Modified-Since")):
        value = headers.get(name)
        if isinstance(value, list):
            value = value[0] if value else None
        if value:
            conditional[request_name] = value
    return conditional


def site_urls(archive: Archive, site: str) -> tuple[list[str], list[str]]:
    """(every URL fetched or failed in runs of ``site``, the URLs archived as its articles)."""
    seen = [
        url
        for (url,) in archive.connection.execute(
            "SELECT url FROM captures WHERE run_id IN (SELECT id FROM crawl_runs WHERE site = ?) "
            "UNION SELECT url FROM failures "
            "WHERE run_id IN (SELECT id FROM crawl_runs WHERE site = ?)",
            (site, site),
        )
    ]
    articles = [
        url
        for (url,) in archive.connection.execute("SELECT url FROM articles WHERE site = ?", (site,))
    ]
    return seen, articles
