"""An archive written with schema version 1 opens and upgrades in place."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import zstandard

from newscrawl.archive import Archive, ArchiveError, schema
from newscrawl.archive.records import article_row, content_hash
from newscrawl.archive.textindex import index_article

STORY = "河北日报讯 代表委员建议因地制宜发展新质生产力，以科技创新开辟发展新领域新赛道。" * 4


def make_v1_archive(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    assert schema.migrate(conn, target=1) == 1
    conn.execute(
        "INSERT INTO blobs (sha256, size, compression, data) VALUES ('00', 3, 'none', x'616263')"
    )
    conn.execute(
        "INSERT INTO captures (url, status, headers, fetched_at, sha256, size) "
        "VALUES ('http://a/1', 200, '{}', '2024-03-07T08:00:00+00:00', '00', 3)"
    )
    rows = [
        ("http://a/1", "a", "以科技創新開辟發展新領域", STORY, "2024-03-07T14:52:00+08:00"),
        (
            "http://b/9",
            "b",
            "以科技创新开辟发展新领域",
            STORY + "（转载）",
            "2024-03-08T09:00:00+08:00",
        ),
    ]
    for url, site, title, body, published in rows:
        conn.execute(
            "INSERT INTO articles (url, site, title, body, published_at, fetched_at, "
            "content_hash, capture_id) VALUES (?, ?, ?, ?, ?, '2024-03-08T00:00:00+00:00', "
            "'h', 1)",
            (url, site, title, body, published),
        )
    conn.close()


def test_version_1_upgrades_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v1_archive(path)
    path.chmod(0o444)
    with pytest.raises(ArchiveError, match="schema version 1"):
        Archive(path, readonly=True)  # cannot upgrade a read-only file: says so
    path.chmod(0o644)
    with Archive(path) as archive:
        assert schema.current_version(archive.connection) == schema.SCHEMA_VERSION
        old = archive.get_article("http://a/1")
        assert old["title"] == "以科技創新開辟發展新領域"  # data kept as it was
        assert archive.capture_body(1) == b"abc"
        # the new full-text index covers the rows written before it existed
        assert {r["url"] for r in archive.search("发展", all_copies=True)} == {
            "http://a/1",
            "http://b/9",
        }
        # and the new duplicate detection ran over them: the later copy points at the earlier
        assert archive.get_article("http://b/9")["duplicate_of"] == old["id"]
        assert archive.get_article("http://a/1")["last_seen_at"] == "2024-03-08T00:00:00+00:00"
    versions = sqlite3.connect(path).execute("SELECT version FROM schema_version").fetchall()
    assert [v[0] for v in versions] == list(range(1, schema.SCHEMA_VERSION + 1))


def test_reader_upgrades_a_writable_old_archive(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v1_archive(path)
    with Archive(path, readonly=True) as archive:
        assert schema.current_version(archive.connection) == schema.SCHEMA_VERSION
        assert len(archive.search("发展", all_copies=True)) == 2


def test_failed_migration_keeps_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    make_v1_archive(path)

    def broken(_conn: sqlite3.Connection) -> None:
        _conn.execute("ALTER TABLE articles ADD COLUMN half_done TEXT")
        raise RuntimeError("interrupted")

    monkeypatch.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0], broken])
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(RuntimeError):
        schema.migrate(conn, target=2)
    assert schema.current_version(conn) == 1
    columns = {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
    assert "half_done" not in columns


def test_newer_archive_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Archive(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (99, 'later')")
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError, match="newer"):
        Archive(path)


def make_v2_archive(path: Path) -> dict:
    """A version 2 archive holding one article as newscrawl stored it then (no precision)."""
    make_v1_archive(path)
    conn = sqlite3.connect(path, isolation_level=None)
    assert schema.migrate(conn, target=2) == 2
    article = {
        "url": "http://c/7",
        "site": "c",
        "title": "拉萨召开生态保护会议",
        "body": STORY,
        "published_at": "2024-03-09T00:00:00+08:00",
        "fetched_at": "2024-03-09T01:00:00+00:00",
    }
    row = {k: v for k, v in article_row(article).items() if k != "published_precision"}
    row["content_hash"] = content_hash(row)
    names = ", ".join(row)
    cursor = conn.execute(
        f"INSERT INTO articles ({names}) VALUES ({', '.join('?' * len(row))})", list(row.values())
    )
    conn.execute(
        "INSERT INTO article_versions (article_id, version, content_hash, capture_id, saved_at, "
        "title, published_at, data) VALUES (?, 1, ?, 1, '2024-03-09', ?, ?, ?)",
        (
            cursor.lastrowid,
            row["content_hash"],
            row["title"],
            row["published_at"],
            zstandard.ZstdCompressor().compress(json.dumps(row).encode()),
        ),
    )
    index_article(conn, cursor.lastrowid, row["title"], row["body"])
    conn.close()
    return article


def test_version_2_upgrades_to_record_published_precision(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    article = make_v2_archive(path)
    with Archive(path) as archive:
        conn = archive.connection
        assert schema.current_version(conn) == schema.SCHEMA_VERSION >= 3
        for table in ("articles", "article_versions"):
            columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            assert "published_precision" in columns
        stored = archive.get_article(article["url"])
        assert stored["published_precision"] is None  # unknown for what was stored before
        assert [r["url"] for r in archive.search("拉薩 生態")] == [article["url"]]
        # Re-crawled unchanged with the new extractor: the precision is filled in, no version
        again = {**article, "published_precision": "day"}
        assert archive.save_article(again, stored["capture_id"]) == "unchanged"
        [version] = archive.history(article["url"])
        assert version["published_precision"] == "day"
        assert archive.get_article(article["url"])["published_precision"] == "day"
        changed = {**again, "body": STORY + "（更正）", "published_precision": "day"}
        assert archive.save_article(changed, stored["capture_id"]) == "updated"
        assert [v["published_precision"] for v in archive.history(article["url"])] == [
            "day",
            "day",
        ]
        automerge = conn.execute("SELECT v FROM articles_fts_config WHERE k = 'automerge'")
        assert automerge.fetchone()[0] == 16
