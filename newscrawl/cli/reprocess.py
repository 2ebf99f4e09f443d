"""``newscrawl reprocess``: re-derive archived articles with the current cleaning code."""

from __future__ import annotations

import os

import click

from newscrawl import reprocess as reprocessing
from newscrawl.archive import Archive, ArchiveError


@click.command("reprocess")
@click.option("--site", help="Only this site profile.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=min(2, os.cpu_count() or 1),
    show_default=True,
    help="Worker processes for decoding and extraction.",
)
@click.option("--db", type=click.Path(dir_okay=False), default="data/archive.db", show_default=True)
def reprocess(site: str | None, workers: int, db: str) -> None:
    """Re-extract every article from its stored raw capture (offline); a new version is
    recorded only where the result changed."""
    if not os.path.isfile(db):
        raise click.ClickException(f"no archive at {db}")

    def progress(counts: reprocessing.Counts) -> None:
        click.echo(f"\r{counts.total} articles…", nl=False, err=True)

    try:
        with Archive(db) as archive:
            counts = reprocessing.reprocess(archive, site=site, workers=workers, progress=progress)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo("", err=True)
    click.echo(f"changed {counts.changed}, unchanged {counts.unchanged}, failed {counts.failed}")
