"""The short report printed after a crawl: what the run archived, where, and what failed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newscrawl.archive import Archive


def run_summary(db: str, site: str) -> dict:
    """Figures of the latest run of ``site``, read from the archive's public tables."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        run = conn.execute(
            "SELECT id, status, counts, started_at, finished_at FROM crawl_runs "
            "WHERE site = ? ORDER BY id DESC LIMIT 1",
            (site,),
        ).fetchone()
        if run is None:
            return {"site": site, "run": None}
        run_id, status, counts, started, finished = run
        sections = conn.execute(
            "SELECT coalesce(nullif(section, ''), '(none)'), count(*) FROM articles "
            "WHERE site = ? GROUP BY 1 ORDER BY 2 DESC",
            (site,),
        ).fetchall()
        failures = conn.execute(
            "SELECT reason, count(*) FROM failures WHERE run_id = ? GROUP BY reason", (run_id,)
        ).fetchall()
    finally:
        conn.close()
    return {
        "site": site,
        "run": run_id,
        "status": status,
        "started_at": started,
        "finished_at": finished,
        "counts": json.loads(counts or "{}"),
        "sections": dict(sections),
        "failures": dict(failures),
    }


def print_summary(db: str, site: str, query: str | None = None) -> None:
    console = Console()
    summary = run_summary(db, site)
    if summary["run"] is None:
        console.print(f"no crawl of {site} recorded in {db}")
        return
    counts = summary["counts"]
    console.print(
        f"[bold]{site}[/bold]: run {summary['run']} {summary['status']}, "
        f"{counts.get('pages', 0)} pages fetched; articles "
        f"new {counts.get('articles_new', 0)}, updated {counts.get('articles_updated', 0)}, "
        f"unchanged {counts.get('articles_unchanged', 0)}"
    )
    table = Table("section", "articles archived", title=f"archive {Path(db).resolve()}")
    for section, n in summary["sections"].items():
        table.add_row(section, str(n))
    console.print(table)
    failures = summary["failures"]
    dropped = {k: v for k, v in counts.items() if k.startswith("dropped/")}
    errors = ", ".join(f"{k}: {v}" for k, v in {**failures, **dropped}.items()) or "none"
    console.print(f"errors and skips: {errors}")
    if query:
        with Archive(db) as archive:
            hits = archive.search(query, limit=3)
        hits_table = Table(
            "published",
            "title",
            "url",
            title=f'sample search: newscrawl search "{query}" --db {db}',
        )
        for hit in hits:
            hits_table.add_row((hit["published_at"] or "")[:16], hit["title"], hit["url"])
        console.print(hits_table)
