"""How an article dict becomes an ``articles`` row, and what counts as a change of content."""

from __future__ import annotations

import hashlib
import json
from typing import Any

# Columns of ``articles`` copied from the article dict; list-valued ones are stored as JSON text.
ARTICLE_COLUMNS = (
    "url",
    "site",
    "title",
    "subtitle",
    "original_title",
    "body",
    "published_at",
    "published_precision",
    "author",
    "editor",
    "source",
    "site_name",
    "section",
    "language",
    "script",
    "canonical_url",
    "images",
    "encoding",
    "repairs",
    "spam",
    "fetched_at",
)
JSON_COLUMNS = frozenset({"author", "images", "repairs", "spam"})
# A new version is recorded only when one of these changes (not on a new fetch time or a
# different decoding path that produced the same text). ``published_precision`` is not one:
# it only qualifies ``published_at``, and archives written before it existed have it NULL
# (an unchanged save fills it in instead of recording a version).
CONTENT_FIELDS = (
    "title",
    "subtitle",
    "original_title",
    "body",
    "published_at",
    "author",
    "editor",
    "source",
    "section",
    "images",
)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def article_row(article: dict[str, Any]) -> dict[str, Any]:
    """The ``articles`` columns for ``article``; missing lists become ``[]``."""
    row: dict[str, Any] = {}
    for column in ARTICLE_COLUMNS:
        value = article.get(column)
        if column in JSON_COLUMNS:
            value = dumps(_as_list(value))
        elif isinstance(value, list | dict):
            value = dumps(value)
        row[column] = value
    return row


def _as_list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return list(value)


def content_hash(row: dict[str, Any]) -> str:
    payload = dumps({field: row.get(field) for field in CONTENT_FIELDS})
    return hashlib.sha256(payload.encode()).hexdigest()


def decode_row(row: dict[str, Any]) -> dict[str, Any]:
    """An ``articles`` row with its JSON columns turned back into lists."""
    out = dict(row)
    for column in JSON_COLUMNS:
        if isinstance(out.get(column), str):
            out[column] = json.loads(out[column])
    return out
