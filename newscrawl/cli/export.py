"""``newscrawl export``: articles as JSONL/CSV, raw captures as WARC/1.1."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from newscrawl.archive import Archive, ArchiveError
from newscrawl.archive.export import check_destination, write_csv, write_jsonl, write_warc


@click.command("export")
@click.option("--site", help="Only this site profile.")
@click.option("--since", metavar="DATE", help="Published (WARC: fetched) on or after DATE.")
@click.option("--format", "output", type=click.Choice(["jsonl", "csv", "warc"]), required=True)
@click.option(
    "-o",
    "--output",
    "destination",
    type=click.Path(dir_okay=False, allow_dash=True),
    required=True,
    help="File to write ('-' for standard output; WARC is gzipped when FILE ends in .gz).",
)
@click.option("--db", type=click.Path(dir_okay=False), default="data/archive.db", show_default=True)
def export(site: str | None, since: str | None, output: str, destination: str, db: str) -> None:
    """Export clean articles (JSONL, CSV) or the raw captures (WARC/1.1 request+response)."""
    filters = {"site": site, "since": since}
    try:
        with Archive(db, readonly=True) as archive:
            if destination == "-":
                if output == "warc":
                    count = write_warc(archive, sys.stdout.buffer, gzip=False, **filters)
                else:
                    writer = write_jsonl if output == "jsonl" else write_csv
                    count = writer(archive.connection, sys.stdout, **filters)
            else:
                path = Path(destination)
                check_destination(archive, path)
                count = _to_file(archive, path, output, filters)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {destination}: {exc.strerror}") from None
    noun = "captures" if output == "warc" else "articles"
    click.echo(f"exported {count} {noun} to {destination}", err=True)


def _to_file(archive: Archive, path: Path, output: str, filters: dict[str, str | None]) -> int:
    """Write to a temporary file first, so a failed export never leaves half a file."""
    partial = path.with_name(path.name + ".partial")
    try:
        if output == "warc":
            with partial.open("wb") as out:
                count = write_warc(archive, out, gzip=path.suffix == ".gz", **filters)
        else:
            writer = write_jsonl if output == "jsonl" else write_csv
            with partial.open("w", encoding="utf-8", newline="") as out:
                count = writer(archive.connection, out, **filters)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return count
