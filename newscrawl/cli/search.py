"""``newscrawl search``: full-text search of the archive, for people and for scripts."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newscrawl.archive import Archive, ArchiveError
from newscrawl.archive.search import HIGHLIGHT

CSV_COLUMNS = (
    "id",
    "url",
    "title",
    "site",
    "section",
    "published_at",
    "published_precision",
    "source",
    "author",
    "duplicate_of",
    "score",
    "snippet",
)


def highlighted(snippet: str) -> Text:
    """The snippet with its highlight markers turned into bold text."""
    text = Text()
    rest = snippet
    while HIGHLIGHT[0] in rest and HIGHLIGHT[1] in rest:
        before, _, tail = rest.partition(HIGHLIGHT[0])
        match, _, rest = tail.partition(HIGHLIGHT[1])
        text.append(before)
        text.append(match, style="bold yellow")
    text.append(rest)
    return text


def print_table(results: list[dict[str, Any]]) -> None:
    console = Console()
    if not results:
        console.print("no matches")
        return
    table = Table(show_lines=True)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("title", ratio=2, overflow="fold")
    table.add_column("site", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("snippet", ratio=4, overflow="fold")
    for result in results:
        table.add_row(
            str(result["id"]),
            result["title"] or "",
            result["site"] or "",
            (result["published_at"] or "")[:10],
            highlighted(result["snippet"]),
        )
    console.print(table)


def print_csv(results: list[dict[str, Any]]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for result in results:
        writer.writerow({**result, "author": "; ".join(result["author"])})


@click.command("search", context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1, required=True)
@click.option("--site", help="Only this site profile.")
@click.option("--section", help="Only this section.")
@click.option("--since", metavar="DATE", help="Published on or after DATE (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Published on or before DATE (YYYY-MM-DD).")
@click.option("--author", help="Author name contains this (either script).")
@click.option("--source", help="Source contains this (either script).")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option(
    "--format",
    "output",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@click.option("--all", "all_copies", is_flag=True, help="Show every copy of republished stories.")
@click.option("--db", type=click.Path(dir_okay=False), default="data/archive.db", show_default=True)
def search(
    query: tuple[str, ...],
    site: str | None,
    section: str | None,
    since: str | None,
    until: str | None,
    author: str | None,
    source: str | None,
    limit: int,
    output: str,
    all_copies: bool,
    db: str,
) -> None:
    """Search archived articles.

    QUERY is Chinese (any length, traditional or simplified) or English words; AND, OR,
    NOT, -word and "quoted phrases" combine them. Matches in snippets are marked « ».
    Put '--' before a query word that is also an option name: newscrawl search -- --all.
    """
    try:
        with Archive(db, readonly=True) as archive:
            results = archive.search(
                " ".join(query),
                site=site,
                section=section,
                since=since,
                until=until,
                author=author,
                source=source,
                limit=limit,
                all_copies=all_copies,
            )
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    if output == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    elif output == "csv":
        print_csv(results)
    else:
        print_table(results)
