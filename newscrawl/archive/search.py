"""Full-text search over the archive: bm25-ranked, filtered, one result per duplicate cluster."""

from __future__ import annotations

import re
import sqlite3
from datetime import date, datetime, timedelta
from typing import Any

from newscrawl.archive.errors import ArchiveError
from newscrawl.archive.query import ParsedQuery, Term, parse_query
from newscrawl.archive.records import decode_row
from newscrawl.archive.textindex import SPLIT_CHARS, to_simplified

HIGHLIGHT = ("«", "»")
BROAD_QUERY = 10_000  # articles; above this a query is listed newest first instead of ranked
_HAN = re.compile(f"[{SPLIT_CHARS}]")
_RESULT_COLUMNS = (
    "a.id, a.url, a.title, a.site, a.section, a.published_at, a.published_precision, a.source, "
    "a.author, a.duplicate_of, COALESCE(a.duplicate_of, a.id) AS cluster"
)


class SearchError(ArchiveError):
    """Bad search arguments (a malformed date, a negative limit)."""


def parse_day(value: str, *, end: bool = False) -> str:
    """``YYYY-MM-DD`` or ISO 8601 to a comparable prefix; ``end`` makes a day inclusive."""
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return (day + timedelta(days=1)).isoformat() if end else day.isoformat()
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        raise SearchError(f"bad date {value!r} (expected YYYY-MM-DD)") from None


def _filters(
    site: str | None,
    section: str | None,
    since: str | None,
    until: str | None,
    author: str | None,
    source: str | None,
) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if site:
        clauses.append("a.site = ?")
        params.append(site)
    if section:
        clauses.append("a.section = ?")
        params.append(section)
    when = "COALESCE(a.published_at, a.fetched_at)"
    if since:
        clauses.append(f"{when} >= ?")
        params.append(parse_day(since))
    if until:
        clauses.append(f"{when} < ?" if len(until) == 10 else f"{when} <= ?")
        params.append(parse_day(until, end=True))
    if author:
        clauses.append(
            "EXISTS (SELECT 1 FROM json_each(a.author) WHERE instr(simplified(value), ?))"
        )
        params.append(to_simplified(author))
    if source:
        clauses.append("instr(simplified(a.source), ?)")
        params.append(to_simplified(source))
    return clauses, params


def _capped_count(conn: sqlite3.Connection, expression: str, cap: int) -> int:
    return conn.execute(
        "SELECT COUNT(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)",
        (expression, cap),
    ).fetchone()[0]


def estimate_matches(conn: sqlite3.Connection, parsed: ParsedQuery) -> int:
    """An upper bound of the articles the positive part matches, counted only up to
    ``BROAD_QUERY + 1``: a phrase matches at most as many articles as its rarest token, an AND
    at most as many as its rarest group, an OR at most the sum of its terms."""
    cap = BROAD_QUERY + 1
    counts: dict[str, int] = {}

    def term_bound(term: Term) -> int:
        bounds = []
        for index, token in enumerate(term.tokens):
            last = index == len(term.tokens) - 1
            expression = Term((token,), term.prefix and last).fts()
            if expression not in counts:
                counts[expression] = _capped_count(conn, expression, cap)
            bounds.append(counts[expression])
        return min(bounds)

    return min(sum(term_bound(term) for term in group) for group in parsed.groups)


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    site: str | None = None,
    section: str | None = None,
    since: str | None = None,
    until: str | None = None,
    author: str | None = None,
    source: str | None = None,
    limit: int = 20,
    all_copies: bool = False,
) -> list[dict[str, Any]]:
    """Articles matching ``query`` (see ``newscrawl.archive.query``), best first.

    Results are ranked by bm25 (title weighted 4:1 over body). bm25 must score every match,
    and a query whose tokens occur in more than ``BROAD_QUERY`` articles (a common character,
    a frequent word) would take seconds on a large archive, while its ranking says little: such
    queries list the most recently archived matches first instead (``score`` is None).

    Each result has ``id, url, title, site, section, published_at, published_precision,
    source, author, duplicate_of, score, snippet``; the snippet is cut from the stored text (not the tokenised
    copy) with matches wrapped in ``HIGHLIGHT``. An empty query lists the newest articles.
    """
    if limit < 1:
        raise SearchError("limit must be at least 1")
    parsed = parse_query(query)
    clauses, params = _filters(site, section, since, until, author, source)
    match = parsed.match_expression()
    excluded = parsed.exclusion_expression()
    if match is None and parsed.had_text and excluded is None:
        return []  # only punctuation/operators: nothing searchable
    if match is not None:
        broad = estimate_matches(conn, parsed) > BROAD_QUERY
        score = "NULL" if broad else "f.rank"
        sql = (
            f"SELECT {_RESULT_COLUMNS}, {score} AS score FROM articles_fts AS f "
            "JOIN articles AS a ON a.id = f.rowid WHERE articles_fts MATCH ?"
        )
        params = [match, *params]
        order = "ORDER BY f.rowid DESC" if broad else "ORDER BY f.rank"
    else:
        sql = f"SELECT {_RESULT_COLUMNS}, NULL AS score FROM articles AS a WHERE 1"
        if excluded is not None:
            clauses.append(
                "a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            )
            params.append(excluded)
        order = "ORDER BY COALESCE(a.published_at, a.fetched_at) DESC, a.id DESC"
    sql += "".join(f" AND {clause}" for clause in clauses) + f" {order} LIMIT ?"
    rows = _one_per_cluster(conn, sql, params, limit, all_copies)
    return [_with_snippet(conn, row, parsed) for row in rows]


def _one_per_cluster(
    conn: sqlite3.Connection, sql: str, params: list[Any], limit: int, all_copies: bool
) -> list[dict[str, Any]]:
    fetch = limit if all_copies else limit * 3 + 10
    while True:
        rows = [dict(row) for row in conn.execute(sql, [*params, fetch])]
        if all_copies:
            return rows
        kept: list[dict[str, Any]] = []
        seen: set[int] = set()
        for row in rows:
            if row["cluster"] not in seen:
                seen.add(row["cluster"])
                kept.append(row)
        if len(kept) >= limit or len(rows) < fetch:
            return kept[:limit]
        fetch *= 4


def _with_snippet(conn: sqlite3.Connection, row: dict[str, Any], parsed: ParsedQuery) -> dict:
    body = conn.execute("SELECT body FROM articles WHERE id = ?", (row["id"],)).fetchone()[0]
    result = decode_row(row)
    result.pop("cluster")
    result["snippet"] = make_snippet(body or "", parsed.terms)
    return result


def _term_pattern(term: Term) -> str:
    """A regex for ``term`` in simplified text, like FTS5 would match it (case-insensitive)."""
    parts = [
        re.escape(token) if _HAN.fullmatch(token) else rf"(?<![^\W_]){re.escape(token)}"
        for token in term.tokens
    ]
    pattern = r"[\W_]*".join(parts)
    if term.prefix:
        return pattern + r"[^\W_]*"
    return pattern if _HAN.fullmatch(term.tokens[-1]) else pattern + r"(?![^\W_])"


def make_snippet(text: str, terms: list[Term], width: int = 120) -> str:
    """About ``width`` characters of ``text`` around the first match, matches highlighted.

    Matching runs on the simplified text; when the conversion kept every character in place
    (the usual case) the snippet is cut from the original, so traditional text stays
    traditional.
    """
    simplified = to_simplified(text)
    shown = text if len(simplified) == len(text) else simplified
    spans: list[tuple[int, int]] = []
    if terms:
        pattern = re.compile("|".join(_term_pattern(t) for t in terms), re.IGNORECASE)
        spans = [m.span() for m in pattern.finditer(simplified) if m.end() > m.start()]
    start = max(0, spans[0][0] - width // 6) if spans else 0
    end = min(len(shown), start + width)
    pieces, cursor = [], start
    for a, b in spans:
        if a < cursor or b > end:
            continue
        pieces += [shown[cursor:a], HIGHLIGHT[0], shown[a:b], HIGHLIGHT[1]]
        cursor = b
    pieces.append(shown[cursor:end])
    snippet = " ".join("".join(pieces).split())
    return ("…" if start > 0 else "") + snippet + ("…" if end < len(shown) else "")
