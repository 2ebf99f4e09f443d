"""The archive's schema and its forward migrations.

Each migration moves the file from version ``n - 1`` to ``n`` inside one transaction, so an
archive written by any older newscrawl opens and upgrades in place. Never edit a released
migration: append a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from newscrawl.archive.dedupe import update_duplicates
from newscrawl.archive.errors import ArchiveError
from newscrawl.archive.textindex import index_article

V1 = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL,
    applied_at TEXT NOT NULL
);
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    compression TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE crawl_runs (
    id INTEGER PRIMARY KEY,
    spider TEXT NOT NULL,
    site TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL DEFAULT 'running',
    counts TEXT NOT NULL DEFAULT '{}',
    stats TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE captures (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    size INTEGER NOT NULL,
    run_id INTEGER REFERENCES crawl_runs(id)
);
CREATE INDEX captures_url ON captures(url);
CREATE INDEX captures_run ON captures(run_id);
CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT,
    run_id INTEGER REFERENCES crawl_runs(id),
    at TEXT NOT NULL
);
CREATE INDEX failures_run ON failures(run_id);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    site TEXT,
    title TEXT,
    subtitle TEXT,
    original_title TEXT,
    body TEXT,
    published_at TEXT,
    author TEXT NOT NULL DEFAULT '[]',
    editor TEXT,
    source TEXT,
    site_name TEXT,
    section TEXT,
    language TEXT,
    script TEXT,
    canonical_url TEXT,
    images TEXT NOT NULL DEFAULT '[]',
    encoding TEXT,
    repairs TEXT NOT NULL DEFAULT '[]',
    spam TEXT NOT NULL DEFAULT '[]',
    fetched_at TEXT,
    content_hash TEXT NOT NULL,
    capture_id INTEGER REFERENCES captures(id),
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX articles_site_published ON articles(site, published_at);
CREATE INDEX articles_published ON articles(published_at);
CREATE TABLE article_versions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    capture_id INTEGER REFERENCES captures(id),
    run_id INTEGER REFERENCES crawl_runs(id),
    fetched_at TEXT,
    saved_at TEXT NOT NULL,
    title TEXT,
    published_at TEXT,
    data BLOB NOT NULL,
    UNIQUE (article_id, version)
);
"""

# Version 2: near-duplicate clusters, last-seen times and the Chinese full-text index.
V2 = """
ALTER TABLE articles ADD COLUMN duplicate_of INTEGER REFERENCES articles(id);
ALTER TABLE articles ADD COLUMN last_seen_at TEXT;
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
CREATE TABLE article_minhash (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    signature BLOB NOT NULL
);
CREATE TABLE article_bands (
    hash INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    PRIMARY KEY (hash, article_id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
CREATE TABLE articles_fts_source (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    tokens BLOB NOT NULL
);
"""

# Version 3: how much of ``published_at`` the page gave ("second", "minute", "day"; NULL for
# articles stored before it was recorded), and fewer, larger full-text merges: FTS5 merges 16
# segments of a level at a time instead of 4, which halves the merge work of inserts.
V3 = """
ALTER TABLE articles ADD COLUMN published_precision TEXT;
ALTER TABLE article_versions ADD COLUMN published_precision TEXT;
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16)
"""

# Version 4: articles whose full-text entry is out of date. A save records its tokens in
# articles_fts_source and the article here (with the tokens the index still holds for it);
# textindex.flush_pending applies many at once, because FTS5 writes a new index segment at
# every commit, which cost more than everything else a save does.
V4 = """
CREATE TABLE articles_fts_pending (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    old_tokens BLOB
)
"""


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _statements(V1):
        conn.execute(statement)


def _v2(conn: sqlite3.Connection) -> None:
    for statement in _statements(V2):
        conn.execute(statement)
    conn.execute("UPDATE articles SET last_seen_at = fetched_at")
    rows = conn.execute("SELECT id, title, body FROM articles ORDER BY id").fetchall()
    for article_id, title, body in rows:
        index_article(conn, article_id, title or "", body or "")
        update_duplicates(conn, article_id, body or "", new=True)


def _v3(conn: sqlite3.Connection) -> None:
    for statement in _statements(V3):
        conn.execute(statement)


def _v4(conn: sqlite3.Connection) -> None:
    for statement in _statements(V4):
        conn.execute(statement)


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";\n") if s.strip()]


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not has_table:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply every missing migration up to ``target``; return the version reached.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each step runs in its own
    ``BEGIN IMMEDIATE`` transaction, so a failed upgrade leaves the previous version intact.
    """
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise ArchiveError(
            f"archive schema version {version} is newer than this newscrawl ({SCHEMA_VERSION})"
        )
    while version < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the write lock (two crawls
            # opening a new archive at once): decide again under the lock.
            version = current_version(conn)
            if version >= target:
                conn.execute("COMMIT")
                break
            MIGRATIONS[version](conn)
            version += 1
            conn.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                (version, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version
