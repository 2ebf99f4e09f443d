"""``newscrawl extract FILE...``: run the page pipeline on saved pages and print the fields."""

from __future__ import annotations

import gzip
import json
import sys
import zlib
from pathlib import Path
from typing import Any

import click

from newscrawl.clean.page import process_page

_SUMMARY_FIELDS = (
    "url",
    "title",
    "subtitle",
    "original_title",
    "published_at",
    "published_precision",
    "author",
    "editor",
    "source",
    "site_name",
    "section",
    "language",
    "canonical_url",
    "encoding",
    "repairs",
    "spam",
    "images",
)


def read_page(path: Path) -> bytes:
    """A saved page's raw bytes; gzip files (``.gz`` or gzip magic) are decompressed."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw


def _load_profile(name: str | None) -> Any:
    if not name:
        return None
    from newscrawl.profiles import ProfileError, load_profile

    try:
        return load_profile(name)
    except ProfileError as exc:
        raise click.ClickException(str(exc)) from exc


def _summary(result: dict[str, Any]) -> str:
    lines = []
    for key in _SUMMARY_FIELDS:
        value = result.get(key)
        if isinstance(value, list):
            value = ", ".join(
                f"{v['kind']}×{v['count']}" if isinstance(v, dict) else str(v) for v in value
            )
        lines.append(f"{key + ':':16}{value if value not in (None, '') else '-'}")
    return "\n".join(lines) + "\n\n" + (result.get("body") or "")


@click.command(name="extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--url", help="The page's URL (dates and relative links are read from it).")
@click.option("--site", "site", help="Site profile name (selectors, timezone, site name).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (an array for several files).")
def extract(files: tuple[Path, ...], url: str | None, site: str | None, as_json: bool) -> None:
    """Extract the article and its fields from saved pages (raw bytes, .gz read as is)."""
    profile = _load_profile(site)
    results = []
    for path in files:
        try:
            raw = read_page(path)
        except (OSError, EOFError, zlib.error) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            click.echo(f"newscrawl extract: cannot read {path}: {reason}", err=True)
            sys.exit(1)
        results.append(process_page(raw, url=url, profile=profile))
    if as_json:
        payload: Any = results[0] if len(results) == 1 else results
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo("\n\n".join(_summary(r) for r in results))
