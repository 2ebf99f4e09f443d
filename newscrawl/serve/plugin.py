"""Datasette plugin: the archive's Chinese-aware query parser behind Datasette's full-text search.

Datasette wraps ``?_search=`` text in ``escape_fts()``, which quotes whitespace-separated words
and so can never match inside unsegmented Chinese. Registered last (``trylast``), this replaces
``escape_fts`` on the archive's connections with the same parser ``newscrawl search`` uses.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

from newscrawl.archive.query import parse_query
from newscrawl.archive.textindex import register_functions

# An FTS5 expression that is valid and matches nothing (no token is empty).
NOTHING = '""'


def escape_fts(query: str | None) -> str:
    return parse_query(query or "").match_expression() or NOTHING


@hookimpl(trylast=True)
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("escape_fts", 1, escape_fts, deterministic=True)
    register_functions(conn)
