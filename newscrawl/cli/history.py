"""``newscrawl history``: every stored version of an article, with what changed."""

from __future__ import annotations

import difflib

import click

from newscrawl.archive import Archive, ArchiveError

COMPARED = (
    "title",
    "subtitle",
    "published_at",
    "published_precision",
    "author",
    "editor",
    "source",
    "section",
)


def as_lines(version: dict) -> list[str]:
    lines = []
    for name in COMPARED:
        value = version.get(name)
        lines.append(f"{name}: {', '.join(value) if isinstance(value, list) else value or ''}")
    return [*lines, "", *(version.get("body") or "").splitlines()]


def version_diff(old: dict, new: dict) -> list[str]:
    """A unified diff (fields, then the body line by line) from ``old`` to ``new``."""
    return list(
        difflib.unified_diff(
            as_lines(old),
            as_lines(new),
            fromfile=f"version {old['version']} ({old['fetched_at']})",
            tofile=f"version {new['version']} ({new['fetched_at']})",
            lineterm="",
        )
    )


@click.command("history")
@click.argument("url")
@click.option("--db", type=click.Path(dir_okay=False), default="data/archive.db", show_default=True)
def history(url: str, db: str) -> None:
    """List the versions of the article at URL, each with a diff from the one before."""
    try:
        with Archive(db, readonly=True) as archive:
            versions = archive.history(url)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    if not versions:
        raise click.ClickException(f"no article at {url} in {db}")
    for version in versions:
        click.echo(
            f"version {version['version']}  fetched {version['fetched_at']}  "
            f"saved {version['saved_at']}  capture {version['capture_id']}  "
            f"{version['content_hash'][:12]}  {version['title'] or ''}"
        )
    for old, new in zip(versions, versions[1:], strict=False):
        click.echo("")
        click.echo("\n".join(version_diff(old, new)))
