"""``newscrawl stats``: what each crawl run and each site produced."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from newscrawl.archive import Archive, ArchiveError
from newscrawl.archive.stats import OUTCOMES, run_stats, site_stats


def _errors(errors: dict[str, int]) -> str:
    return ", ".join(f"{reason} {count}" for reason, count in sorted(errors.items())) or "-"


def _size(count: float) -> str:
    for unit in ("B", "KiB", "MiB"):
        if count < 1024:
            return f"{count:.0f} {unit}"
        count /= 1024
    return f"{count:.1f} GiB"


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} s"


def _articles(entry: dict[str, Any]) -> str:
    return " / ".join(str(entry.get(outcome, 0)) for outcome in OUTCOMES)


def print_tables(runs: list[dict[str, Any]], sites: list[dict[str, Any]]) -> None:
    console = Console()
    table = Table(title="Crawl runs (articles: new / updated / unchanged)")
    for name in ("run", "site", "status", "started", "time", "pages", "articles", "errors"):
        table.add_column(name)
    table.add_column("bytes", justify="right")
    for run in runs:
        table.add_row(
            str(run["run"]),
            run["site"] or "",
            run["status"],
            run["started_at"],
            _seconds(run["duration_s"]),
            str(run["pages"]),
            _articles(run),
            _errors(run["errors"]),
            _size(run["bytes"]),
        )
    console.print(table)
    table = Table(title="Sites")
    for name in ("site", "runs", "articles held", "duplicates", "pages", "articles", "errors"):
        table.add_column(name)
    for name in ("bytes", "crawl time", "last run"):
        table.add_column(name)
    for site in sites:
        table.add_row(
            site["site"] or "",
            str(site["runs"]),
            str(site["articles"]),
            str(site["duplicates"]),
            str(site.get("pages", 0)),
            _articles(site),
            _errors(site["errors"]),
            _size(site.get("bytes", 0)),
            _seconds(site.get("duration_s")),
            site["last_run"] or "-",
        )
    console.print(table)


@click.command("stats")
@click.option("--site", help="Only this site profile.")
@click.option("--runs", type=click.IntRange(min=1), default=20, show_default=True)
@click.option(
    "--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option("--db", type=click.Path(dir_okay=False), default="data/archive.db", show_default=True)
def stats(site: str | None, runs: int, output: str, db: str) -> None:
    """Pages, articles new/updated/unchanged, errors, bytes and duration per run and site."""
    try:
        with Archive(db, readonly=True) as archive:
            per_run = run_stats(archive.connection, site, runs)
            per_site = site_stats(archive.connection, site)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    if output == "json":
        click.echo(json.dumps({"runs": per_run, "sites": per_site}, ensure_ascii=False, indent=2))
    else:
        print_tables(per_run, per_site)
