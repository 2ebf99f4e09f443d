"""Crawl statistics per run and per site, from ``crawl_runs``, ``captures`` and ``failures``."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import datetime
from typing import Any

OUTCOMES = ("articles_new", "articles_updated", "articles_unchanged")


def _number(value: Any) -> int:
    """A count from run counts/stats, which crawlers may have stored as text."""
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return 0


def _duration(started: str | None, finished: str | None) -> float | None:
    if not started or not finished:
        return None
    try:
        return (datetime.fromisoformat(finished) - datetime.fromisoformat(started)).total_seconds()
    except ValueError:
        return None


def run_stats(
    conn: sqlite3.Connection, site: str | None = None, runs: int | None = None
) -> list[dict[str, Any]]:
    """The latest ``runs`` crawl runs (of ``site``), newest first.

    Pages and bytes come from the run's captures; errors are the run's failures by reason,
    plus any error count the crawler reported; article outcomes come from the run's counts.
    """
    where, params = ("WHERE r.site = ?", [site]) if site else ("", [])
    limit = " LIMIT ?" if runs else ""
    rows = conn.execute(
        "SELECT r.*, COUNT(c.id) AS captured, COALESCE(SUM(c.size), 0) AS captured_bytes "
        f"FROM crawl_runs AS r LEFT JOIN captures AS c ON c.run_id = r.id {where} "
        f"GROUP BY r.id ORDER BY r.id DESC{limit}",
        [*params, runs] if runs else params,
    ).fetchall()
    result = []
    for row in rows:
        counts = json.loads(row["counts"] or "{}")
        stats = json.loads(row["stats"] or "{}")
        errors = Counter(
            dict(
                conn.execute(
                    "SELECT reason, COUNT(*) FROM failures WHERE run_id = ? GROUP BY reason",
                    (row["id"],),
                ).fetchall()
            )
        )
        result.append(
            {
                "run": row["id"],
                "spider": row["spider"],
                "site": row["site"],
                "status": row["status"],
                "started_at": row["started_at"],
                "finished_at": row["finished_at"],
                "duration_s": _duration(row["started_at"], row["finished_at"]),
                "pages": max(_number(counts.get("pages")), row["captured"]),
                "bytes": max(
                    _number(counts.get("bytes")),
                    _number(stats.get("downloader/response_bytes")),
                    row["captured_bytes"],
                ),
                **{outcome: _number(counts.get(outcome)) for outcome in OUTCOMES},
                "errors": dict(errors),
                "errors_reported": _number(counts.get("errors")),
                "dropped": counts.get("dropped", {}),
            }
        )
    return result


def site_stats(conn: sqlite3.Connection, site: str | None = None) -> list[dict[str, Any]]:
    """Totals per site over all its runs, with the articles it holds now."""
    runs = run_stats(conn, site)
    per_site: dict[str, dict[str, Any]] = {}
    for run in runs:
        entry = per_site.setdefault(
            run["site"] or "",
            {"site": run["site"], "runs": 0, "pages": 0, "bytes": 0, "duration_s": 0.0}
            | {outcome: 0 for outcome in OUTCOMES}
            | {"errors": Counter(), "last_run": run["started_at"]},
        )
        entry["runs"] += 1
        for key in ("pages", "bytes", *OUTCOMES):
            entry[key] += run[key]
        entry["duration_s"] += run["duration_s"] or 0.0
        entry["errors"].update(run["errors"])
    where, params = ("WHERE site = ?", [site]) if site else ("", [])
    for name, articles, duplicates in conn.execute(
        "SELECT site, COUNT(*), COUNT(duplicate_of) FROM articles "
        f"{where} GROUP BY site ORDER BY site",
        params,
    ):
        entry = per_site.setdefault(
            name or "", {"site": name, "runs": 0, "errors": Counter(), "last_run": None}
        )
        entry["articles"] = articles
        entry["duplicates"] = duplicates
    for entry in per_site.values():
        entry.setdefault("articles", 0)
        entry.setdefault("duplicates", 0)
        entry["errors"] = dict(entry["errors"])
    return [per_site[key] for key in sorted(per_site)]
