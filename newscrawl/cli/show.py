"""``newscrawl show``: one archived article, or the raw bytes it was extracted from."""

from __future__ import annotations

import json

import click

from newscrawl.archive import Archive, ArchiveError

FIELDS = (
    "id",
    "url",
    "site",
    "site_name",
    "section",
    "published_at",
    "published_precision",
    "author",
    "editor",
    "source",
    "original_title",
    "subtitle",
    "language",
    "script",
    "encoding",
    "fetched_at",
    "last_seen_at",
    "version",
    "duplicate_of",
    "capture_id",
)
LABEL_WIDTH = max(len(name) for name in FIELDS) + 2


def render(article: dict) -> str:
    lines = [article["title"] or "(untitled)", ""]
    for name in FIELDS:
        value = article.get(name)
        if value in (None, "", []):
            continue
        shown = ", ".join(value) if isinstance(value, list) else value
        lines.append(f"{name + ':':{LABEL_WIDTH}}{shown}")
    if article.get("repairs"):
        repairs = ", ".join(f"{r['kind']} ×{r['count']}" for r in article["repairs"])
        lines.append(f"{'repairs:':{LABEL_WIDTH}}{repairs}")
    lines += ["", article["body"] or ""]
    return "\n".join(lines)


@click.command("show")
@click.argument("article")
@click.option("--raw", is_flag=True, help="Print the captured bytes exactly as fetched.")
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@click.option("--db", type=click.Path(dir_okay=False), default="data/archive.db", show_default=True)
def show(article: str, raw: bool, as_json: bool, db: str) -> None:
    """Show the article with id or URL ARTICLE."""
    try:
        with Archive(db, readonly=True) as archive:
            found = archive.get_article(article)
            if found is None:
                raise ArchiveError(f"no article {article!r} in {db}")
            body = archive.capture_body(found["capture_id"]) if raw else b""
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    if raw:
        stream = click.get_binary_stream("stdout")
        stream.write(body)
        stream.flush()
    elif as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        click.echo(render(found))
