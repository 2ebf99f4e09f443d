"""The tokenised copy of articles that the full-text index is built from.

SQLite's ``unicode61`` tokenizer keeps a run of Chinese characters as one token, so
``拉萨`` would never match inside ``西藏拉萨市``. Here every Han (and kana) character becomes a
token of its own by putting spaces around it, after a traditional-to-simplified conversion, so
that a query of any length becomes a phrase of single characters and both scripts meet.

The FTS table is contentless (no second copy of every body); the exact tokens inserted are
kept zstd-compressed in ``articles_fts_source`` so that a row can always be deleted with the
same values, even if this tokenizer or OpenCC changes later.

Saves do not write the FTS table themselves: they stage the article (``stage_article``) and
``Archive`` applies the staged articles in groups (``flush_pending``), since FTS5 writes a new
index segment at every commit, which costs more than tokenising and storing the article.
"""

from __future__ import annotations

import re
import sqlite3
from itertools import groupby
from operator import itemgetter

import zstandard

from newscrawl.clean import normalize

# CJK ideographs (unified, extension A, compatibility, extensions B-H), CJK radicals, kana.
SPLIT_CHARS = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
)
_HAN_RUN = re.compile(f"[{SPLIT_CHARS}]+")
_COMPRESS = zstandard.ZstdCompressor(level=3)
_DECOMPRESS = zstandard.ZstdDecompressor()


def to_simplified(text: str) -> str:
    """Traditional to simplified Chinese (OpenCC ``t2s``, the crawler's conversion)."""
    return normalize.to_simplified(text) if text else ""


def register_functions(conn: sqlite3.Connection) -> None:
    """SQL ``simplified(text)``, for filters that compare names in either script."""
    conn.create_function("simplified", 1, to_simplified_or_none, deterministic=True)


def to_simplified_or_none(text: str | None) -> str | None:
    return None if text is None else to_simplified(text)


def tokenise(text: str) -> str:
    """Simplified ``text`` with a space around every Han/kana character, for ``unicode61``."""
    return tokenise_simplified(to_simplified(text))


def tokenise_simplified(text: str) -> str:
    """``tokenise`` for text already converted with ``to_simplified``."""
    return _HAN_RUN.sub(_space_out, text)


def _space_out(run: re.Match[str]) -> str:
    return " " + " ".join(run.group()) + " "


# One write to the FTS5 table: ("insert" | "delete", rowid, title tokens, body tokens).
IndexOp = tuple[str, int, str, str]
_WRITES = {
    "insert": "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
    "delete": (
        "INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)"
    ),
}


def _pack(title_tokens: str, body_tokens: str) -> bytes:
    return _COMPRESS.compress(f"{title_tokens}\x00{body_tokens}".encode())


def _unpack(packed: bytes) -> tuple[str, str]:
    title_tokens, body_tokens = _DECOMPRESS.decompress(packed).decode().split("\x00", 1)
    return title_tokens, body_tokens


def stage_article(conn: sqlite3.Connection, article_id: int, title: str, body: str) -> None:
    """Record the tokens of the (already simplified) ``title`` and ``body`` as the article's
    index entry and mark it pending; ``flush_pending`` brings the FTS5 index up to date.

    Call inside the transaction that writes the article. An article already pending keeps
    the tokens the index holds for it, so the flush deletes exactly those.
    """
    conn.execute(
        "INSERT OR IGNORE INTO articles_fts_pending (article_id, old_tokens) "
        "SELECT ?, (SELECT tokens FROM articles_fts_source WHERE article_id = ?)",
        (article_id, article_id),
    )
    conn.execute(
        "INSERT OR REPLACE INTO articles_fts_source (article_id, tokens) VALUES (?, ?)",
        (article_id, _pack(tokenise_simplified(title), tokenise_simplified(body))),
    )


def flush_pending(conn: sqlite3.Connection) -> int:
    """Apply every pending index change in one go; returns how many articles it covered.

    Call inside a write transaction (other processes may have staged articles too: all are
    applied, each exactly once).
    """
    rows = conn.execute(
        "SELECT p.article_id, p.old_tokens, s.tokens FROM articles_fts_pending AS p "
        "LEFT JOIN articles_fts_source AS s ON s.article_id = p.article_id"
    ).fetchall()
    if not rows:
        return 0
    deletes = [("delete", row[0], *_unpack(row[1])) for row in rows if row[1] is not None]
    inserts = [("insert", row[0], *_unpack(row[2])) for row in rows if row[2] is not None]
    apply_operations(conn, deletes + inserts)
    conn.execute("DELETE FROM articles_fts_pending")
    return len(rows)


def index_operations(
    conn: sqlite3.Connection, article_id: int, title: str, body: str
) -> list[IndexOp]:
    """Keep the tokens of the (already simplified) ``title`` and ``body`` in
    ``articles_fts_source`` and return the FTS5 writes that index them now (migrations index
    this way; saves use ``stage_article``)."""
    ops = _unindex_operations(conn, article_id)
    title_tokens, body_tokens = tokenise_simplified(title), tokenise_simplified(body)
    conn.execute(
        "INSERT INTO articles_fts_source (article_id, tokens) VALUES (?, ?)",
        (article_id, _pack(title_tokens, body_tokens)),
    )
    ops.append(("insert", article_id, title_tokens, body_tokens))
    return ops


def _unindex_operations(conn: sqlite3.Connection, article_id: int) -> list[IndexOp]:
    row = conn.execute(
        "SELECT tokens FROM articles_fts_source WHERE article_id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return []
    conn.execute("DELETE FROM articles_fts_source WHERE article_id = ?", (article_id,))
    return [("delete", article_id, *_unpack(row[0]))]


def apply_operations(conn: sqlite3.Connection, ops: list[IndexOp]) -> None:
    """Run FTS5 writes in order (consecutive writes of one kind as one ``executemany``)."""
    for kind, group in groupby(ops, key=itemgetter(0)):
        conn.executemany(_WRITES[kind], [op[1:] for op in group])


def index_article(conn: sqlite3.Connection, article_id: int, title: str, body: str) -> None:
    """(Re)index one article now; call inside the transaction that writes the article."""
    ops = index_operations(conn, article_id, to_simplified(title), to_simplified(body))
    apply_operations(conn, ops)
