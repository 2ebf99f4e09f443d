"""The tokenised copy of articles that the full-text index is built from.

SQLite's ``unicode61`` tokenizer keeps a run of Chinese characters as one token, so
``拉萨`` would never match inside ``西藏拉萨市``. Here every Han (and kana) character becomes a
token of its own by putting spaces around it, after a traditional-to-simplified conversion, so
that a query of any length becomes a phrase of single characters and both scripts meet.

The FTS table is contentless (no second copy of every body); the exact tokens inserted are
kept zstd-compressed in ``articles_fts_source`` so that a row can always be deleted with the
same values, even if this tokenizer or OpenCC changes later.
"""

from __future__ import annotations

import re
import sqlite3

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
    return _HAN_RUN.sub(_space_out, to_simplified(text))


def _space_out(run: re.Match[str]) -> str:
    return " " + " ".join(run.group()) + " "


def index_article(conn: sqlite3.Connection, article_id: int, title: str, body: str) -> None:
    """(Re)index one article; call inside the transaction that writes the article."""
    unindex_article(conn, article_id)
    title_tokens, body_tokens = tokenise(title), tokenise(body)
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
        (article_id, title_tokens, body_tokens),
    )
    packed = _COMPRESS.compress(f"{title_tokens}\x00{body_tokens}".encode())
    conn.execute(
        "INSERT INTO articles_fts_source (article_id, tokens) VALUES (?, ?)", (article_id, packed)
    )


def unindex_article(conn: sqlite3.Connection, article_id: int) -> None:
    row = conn.execute(
        "SELECT tokens FROM articles_fts_source WHERE article_id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return
    title_tokens, body_tokens = _DECOMPRESS.decompress(row[0]).decode().split("\x00", 1)
    conn.execute(
        "INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
        (article_id, title_tokens, body_tokens),
    )
    conn.execute("DELETE FROM articles_fts_source WHERE article_id = ?", (article_id,))
