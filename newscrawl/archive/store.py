"""``Archive``: the SQLite file that keeps every capture, article and version of a crawl."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import zstandard

from newscrawl.archive import dedupe, schema, textindex
from newscrawl.archive.errors import ArchiveError
from newscrawl.archive.records import (
    ARTICLE_COLUMNS,
    article_row,
    content_hash,
    decode_row,
    dumps,
)
from newscrawl.archive.search import search

_COMPRESS = zstandard.ZstdCompressor(level=3)
_DECOMPRESS = zstandard.ZstdDecompressor()
# The full-text index rewrites the same pages at every commit; a longer WAL between
# checkpoints copies (and syncs) them far less often. 8,000 pages is about 32 MiB of WAL.
WAL_AUTOCHECKPOINT_PAGES = 8000
CACHE_KIB = 16384  # page cache of a writing connection (the default is 2 MiB)
# Staged full-text entries are applied by the first commit after this many saves or seconds
# have accumulated, and whenever the archive is closed or searched through.
INDEX_EVERY_SAVES = 200
INDEX_EVERY_SECONDS = 5.0


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class OutdatedArchive(ArchiveError):
    """A read-only open found an older schema (newer ones are refused by ``schema.migrate``)."""


def _writable(path: Path) -> bool:
    """Whether the file's mode allows writing (checked by mode, so it holds for root too)."""
    return bool(os.stat(path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _text(value: str | bytes) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def plain_headers(headers: Any) -> dict[str, str | list[str]]:
    """Headers as JSON-ready text; Scrapy's bytes keys and values are decoded as latin-1."""
    plain: dict[str, str | list[str]] = {}
    for name, value in dict(headers).items():
        if isinstance(value, list | tuple):
            values = [_text(item) for item in value]
            plain[_text(name)] = values[0] if len(values) == 1 else values
        else:
            plain[_text(name)] = _text(value)
    return plain


def _enable_wal(conn: sqlite3.Connection, attempts: int = 50) -> None:
    """Switch to WAL. On a new file several processes may race to do it, and SQLite answers
    "database is locked" to the losers at once, without its busy handler: retry briefly."""
    for attempt in range(attempts):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.1)


class Archive:
    """One archive file. Safe to share between the threads of one process (calls are serialised).

    ``readonly=True`` opens an existing archive without creating, migrating or writing it.
    """

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._lock = threading.RLock()
        self._depth = 0
        self._staged = 0  # saves staged for the full-text index since the last flush
        self._staged_since = 0.0
        try:
            self._conn = self._connect()
        except OutdatedArchive:
            if not _writable(self.path):
                raise
            Archive(self.path).close()  # an older archive upgrades in place, then is read
            self._conn = self._connect()
        self.flush_index()  # what a writer that stopped abruptly left staged

    def _connect(self) -> sqlite3.Connection:
        if self.readonly:
            if not self.path.is_file():
                raise ArchiveError(f"no archive at {self.path}")
            uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            if self.path.exists() and not _writable(self.path):
                raise ArchiveError(f"archive {self.path} is read-only")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            textindex.register_functions(conn)
            conn.execute("PRAGMA busy_timeout = 30000")
            if not self.readonly:
                _enable_wal(conn)
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
                conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
                schema.migrate(conn)
            elif schema.current_version(conn) != schema.SCHEMA_VERSION:
                raise OutdatedArchive(
                    f"archive {self.path} has schema version {schema.current_version(conn)}; "
                    f"open it once for writing to upgrade it to {schema.SCHEMA_VERSION}"
                )
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise ArchiveError(f"cannot open archive {self.path}: {exc}") from exc
        except BaseException:
            conn.close()
            raise
        conn.row_factory = sqlite3.Row
        return conn

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            try:
                self.flush_index()
            except sqlite3.Error:
                pass  # staged entries stay in articles_fts_pending; the next writer applies them
            finally:
                self._conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for read-only queries (search, export, stats)."""
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside commits together or not at all.

        Nested inside ``batch()`` (or another transaction) it is a savepoint: it still applies
        whole or not at all, and becomes durable when the outermost block commits.
        """
        with self._lock:
            outermost = self._depth == 0
            self._conn.execute("BEGIN IMMEDIATE" if outermost else "SAVEPOINT nested")
            self._depth += 1
            try:
                yield self._conn
                if outermost and self._index_due():
                    self._flush_index()
            except BaseException:
                self._conn.execute("ROLLBACK" if outermost else "ROLLBACK TO nested")
                if not outermost:
                    self._conn.execute("RELEASE nested")
                raise
            finally:
                self._depth -= 1
            self._conn.execute("COMMIT" if outermost else "RELEASE nested")

    def batch(self) -> AbstractContextManager[sqlite3.Connection]:
        """Commit many saves at once (bulk loads, reprocessing): each save stays atomic and
        the commit is paid once per batch."""
        return self.transaction()

    # -- full-text index -------------------------------------------------------------------

    def _index_due(self) -> bool:
        return self._staged >= INDEX_EVERY_SAVES or (
            self._staged > 0 and time.monotonic() - self._staged_since >= INDEX_EVERY_SECONDS
        )

    def _flush_index(self) -> None:
        textindex.flush_pending(self._conn)
        self._staged = 0

    def flush_index(self) -> None:
        """Bring the full-text index up to date with every saved article (also those staged
        by other processes). Saves stage their index entries and the archive applies them in
        groups; closing and searching through this object flush too."""
        if self.readonly:
            return
        with self._lock:
            idle = self._depth == 0
            if (
                idle
                and not self._conn.execute("SELECT 1 FROM articles_fts_pending LIMIT 1").fetchone()
            ):
                self._staged = 0
                return
            with self.transaction():
                self._flush_index()

    # -- crawl runs ------------------------------------------------------------------------

    def start_run(self, spider: str, site: str) -> int:
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO crawl_runs (spider, site, started_at, status) "
                "VALUES (?, ?, ?, 'running')",
                (spider, site, utc_now()),
            )
            return int(cursor.lastrowid)

    def finish_run(
        self, run_id: int, status: str, counts: dict[str, Any], stats: dict[str, Any]
    ) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE crawl_runs SET finished_at = ?, status = ?, counts = ?, stats = ? "
                "WHERE id = ?",
                (utc_now(), status, dumps(counts), json.dumps(stats, default=str), run_id),
            )

    # -- captures --------------------------------------------------------------------------

    def add_capture(
        self,
        url: str,
        status: int,
        headers: dict[str, str | list[str]],
        body: bytes,
        fetched_at: str,
        run_id: int | None = None,
    ) -> int:
        """Keep one HTTP response; bodies are stored once per distinct sha256, zstd-compressed."""
        digest = hashlib.sha256(body).hexdigest()
        with self.transaction() as conn:
            known = conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (digest,)).fetchone()
            if not known:
                conn.execute(
                    "INSERT INTO blobs (sha256, size, compression, data) VALUES (?, ?, 'zstd', ?)",
                    (digest, len(body), _COMPRESS.compress(body)),
                )
            cursor = conn.execute(
                "INSERT INTO captures (url, status, headers, fetched_at, sha256, size, run_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (url, status, dumps(plain_headers(headers)), fetched_at, digest, len(body), run_id),
            )
            return int(cursor.lastrowid)

    def get_capture(self, capture_id: int) -> dict[str, Any] | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT * FROM captures WHERE id = ?", (capture_id,)
            ).fetchone()
        if row is None:
            return None
        capture = dict(row)
        capture["headers"] = json.loads(capture["headers"])
        return capture

    def capture_body(self, capture_id: int) -> bytes:
        """The raw bytes of a capture, exactly as fetched."""
        with self._lock:
            row = self._conn.execute(
                "SELECT b.compression, b.data FROM captures AS c "
                "JOIN blobs AS b ON b.sha256 = c.sha256 WHERE c.id = ?",
                (capture_id,),
            ).fetchone()
        if row is None:
            raise ArchiveError(f"no capture {capture_id}")
        return _DECOMPRESS.decompress(row["data"]) if row["compression"] == "zstd" else row["data"]

    # -- articles --------------------------------------------------------------------------

    def save_article(
        self, article: dict[str, Any], capture_id: int, run_id: int | None = None
    ) -> str:
        """Store an extracted article; returns ``"new"``, ``"updated"`` or ``"unchanged"``."""
        if not article.get("url"):
            raise ArchiveError("article has no url")
        row = article_row(article)
        row["fetched_at"] = row["fetched_at"] or utc_now()
        digest = content_hash(row)
        with self.transaction() as conn:
            existing = conn.execute(
                "SELECT id, content_hash, version, body, published_precision FROM articles "
                "WHERE url = ?",
                (row["url"],),
            ).fetchone()
            if existing and existing["content_hash"] == digest:
                conn.execute(
                    "UPDATE articles SET last_seen_at = MAX(COALESCE(last_seen_at, ''), ?) "
                    "WHERE id = ?",
                    (row["fetched_at"], existing["id"]),
                )
                if existing["published_precision"] is None and row["published_precision"]:
                    self._fill_precision(conn, existing, row["published_precision"])
                return "unchanged"
            values = {
                **row,
                "content_hash": digest,
                "capture_id": capture_id,
                "last_seen_at": row["fetched_at"],
            }
            if existing is None:
                values["version"] = 1
                names = ", ".join(values)
                marks = ", ".join("?" * len(values))
                cursor = conn.execute(
                    f"INSERT INTO articles ({names}) VALUES ({marks})", list(values.values())
                )
                article_id = int(cursor.lastrowid)
            else:
                article_id = existing["id"]
                values["version"] = existing["version"] + 1
                assignments = ", ".join(f"{name} = ?" for name in values)
                conn.execute(
                    f"UPDATE articles SET {assignments} WHERE id = ?",
                    [*values.values(), article_id],
                )
            self._add_version(conn, article_id, values, run_id)
            body = textindex.to_simplified(row["body"] or "")
            title = textindex.to_simplified(row["title"] or "")
            textindex.stage_article(conn, article_id, title, body)
            if not self._staged:
                self._staged_since = time.monotonic()
            self._staged += 1
            if existing is None or existing["body"] != row["body"]:
                dedupe.update_duplicates(
                    conn, article_id, body, new=existing is None, simplified=True
                )
            return "new" if existing is None else "updated"

    @staticmethod
    def _fill_precision(conn: sqlite3.Connection, existing: sqlite3.Row, precision: str) -> None:
        """Record the precision of an unchanged article stored before it was known (schema
        v2 or an older extractor): it describes the stored ``published_at``, so it belongs to
        the current version rather than making a new one."""
        conn.execute(
            "UPDATE articles SET published_precision = ? WHERE id = ?", (precision, existing["id"])
        )
        conn.execute(
            "UPDATE article_versions SET published_precision = ? "
            "WHERE article_id = ? AND version = ? AND published_precision IS NULL",
            (precision, existing["id"], existing["version"]),
        )

    @staticmethod
    def _add_version(
        conn: sqlite3.Connection, article_id: int, values: dict[str, Any], run_id: int | None
    ) -> None:
        snapshot = {name: values[name] for name in ARTICLE_COLUMNS}
        conn.execute(
            "INSERT INTO article_versions (article_id, version, content_hash, capture_id, run_id, "
            "fetched_at, saved_at, title, published_at, published_precision, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                values["version"],
                values["content_hash"],
                values["capture_id"],
                run_id,
                values["fetched_at"],
                utc_now(),
                values["title"],
                values["published_at"],
                values["published_precision"],
                _COMPRESS.compress(dumps(snapshot).encode()),
            ),
        )

    def has_article(self, url: str) -> bool:
        with self._lock:
            row = self._conn.execute("SELECT 1 FROM articles WHERE url = ?", (url,)).fetchone()
        return row is not None

    def get_article(self, id_or_url: int | str) -> dict[str, Any] | None:
        """An article by id (int or digits) or URL, with list fields decoded."""
        key = str(id_or_url)
        column = "id" if key.isdigit() else "url"
        with self._lock:
            row = self._conn.execute(
                f"SELECT * FROM articles WHERE {column} = ?", (int(key) if key.isdigit() else key,)
            ).fetchone()
        return decode_row(dict(row)) if row else None

    def history(self, url: str) -> list[dict[str, Any]]:
        """Every stored version of the article at ``url``, oldest first (full field values)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT v.* FROM article_versions AS v JOIN articles AS a ON a.id = v.article_id "
                "WHERE a.url = ? ORDER BY v.version",
                (url,),
            ).fetchall()
        versions = []
        for row in rows:
            version = dict(row)
            data = json.loads(_DECOMPRESS.decompress(version.pop("data")))
            versions.append({**decode_row(data), **version})
        return versions

    # -- failures --------------------------------------------------------------------------

    def record_failure(
        self, url: str, reason: str, run_id: int | None = None, detail: str | None = None
    ) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO failures (url, reason, detail, run_id, at) VALUES (?, ?, ?, ?, ?)",
                (url, reason, detail, run_id, utc_now()),
            )

    # -- readers ---------------------------------------------------------------------------

    def search(self, query: str, **filters: Any) -> list[dict[str, Any]]:
        """Search (see ``newscrawl.archive.search.search``). A writable archive first indexes
        its staged saves; a read-only one sees the index as the writers last flushed it."""
        with self._lock:
            if self._staged and self._depth == 0:
                self.flush_index()
            return search(self._conn, query, **filters)
