"""The crawler-facing archive API: runs, captures, articles, versions, failures."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from newscrawl.archive import Archive, ArchiveError
from newscrawl.archive import store as store_module

BODY = "拉萨市今天召开会议，研究部署高原生态保护工作。\n会议强调要坚持绿色发展。"


def article(url: str = "http://news.xiling.test/a/1.html", **fields: object) -> dict:
    base = {
        "url": url,
        "site": "demo",
        "title": "拉萨召开生态保护会议",
        "subtitle": None,
        "original_title": None,
        "body": BODY,
        "published_at": "2024-03-07T14:52:00+08:00",
        "author": ["张三"],
        "editor": "李四",
        "source": "西藏日报",
        "site_name": "西陵新闻",
        "section": "本地",
        "language": "zh",
        "canonical_url": url,
        "images": [],
        "spam": [],
        "encoding": "utf-8",
        "repairs": [{"kind": "mojibake", "count": 2}],
        "fetched_at": "2024-03-07T07:00:00+00:00",
        "script": "Hans",
    }
    return {**base, **fields}


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    with Archive(tmp_path / "sub" / "archive.db") as opened:
        yield opened


def capture(archive: Archive, body: bytes = b"<html>page</html>", url: str = "http://x/") -> int:
    return archive.add_capture(
        url, 200, {"Content-Type": "text/html", "Set-Cookie": ["a=1", "b=2"]}, body, "2024-03-07"
    )


def test_creates_file_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "dir" / "a.db"
    Archive(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    for table in ("articles", "article_versions", "captures", "blobs", "crawl_runs", "failures"):
        assert table in tables


def test_identical_bodies_are_stored_once_and_read_back_exactly(archive: Archive) -> None:
    raw = "<html><meta charset=gbk>中文</html>".encode("gb18030")
    first, second = capture(archive, raw), capture(archive, raw, url="http://y/")
    other = capture(archive, b"other")
    assert len({first, second, other}) == 3
    conn = archive.connection
    assert conn.execute("SELECT COUNT(*) FROM blobs").fetchone()[0] == 2
    assert archive.capture_body(second) == raw
    assert archive.get_capture(first)["headers"]["Set-Cookie"] == ["a=1", "b=2"]
    stored = conn.execute("SELECT data FROM blobs WHERE size = ?", (len(raw),)).fetchone()[0]
    assert stored != raw  # compressed, not kept verbatim


def test_scrapy_style_bytes_headers(archive: Archive, tmp_path: Path) -> None:
    headers = {b"Content-Type": [b"text/html; charset=gbk"], b"Set-Cookie": [b"a=1", b"b=2"]}
    cid = archive.add_capture("http://x/", 200, headers, b"x", "2024-03-07")
    stored = archive.get_capture(cid)["headers"]
    assert stored == {"Content-Type": "text/html; charset=gbk", "Set-Cookie": ["a=1", "b=2"]}


def test_readonly_path_with_uri_characters(tmp_path: Path) -> None:
    path = tmp_path / "odd ?#% name.db"
    Archive(path).close()
    with Archive(path, readonly=True) as archive:
        assert archive.get_article(1) is None


def test_new_unchanged_updated(archive: Archive) -> None:
    cid = capture(archive)
    assert archive.save_article(article(), cid) == "new"
    assert archive.has_article("http://news.xiling.test/a/1.html")
    assert not archive.has_article("http://news.xiling.test/a/2.html")
    later = article(fetched_at="2024-03-09T00:00:00+00:00")
    assert archive.save_article(later, cid) == "unchanged"
    stored = archive.get_article("http://news.xiling.test/a/1.html")
    assert stored["version"] == 1
    assert stored["last_seen_at"] == "2024-03-09T00:00:00+00:00"
    assert archive.save_article(article(body=BODY + "\n（更正）"), cid) == "updated"
    stored = archive.get_article(stored["id"])
    assert stored["version"] == 2 and stored["body"].endswith("（更正）")
    assert stored["author"] == ["张三"] and stored["repairs"][0]["kind"] == "mojibake"
    versions = archive.history("http://news.xiling.test/a/1.html")
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["body"] == BODY  # the old text is never overwritten
    assert versions[0]["content_hash"] != versions[1]["content_hash"]
    assert archive.connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1


def test_failed_save_writes_nothing(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    cid = capture(archive)

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_module.textindex, "stage_article", explode)
    with pytest.raises(RuntimeError):
        archive.save_article(article(), cid)
    conn = archive.connection
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM article_versions").fetchone()[0] == 0
    monkeypatch.undo()
    assert archive.save_article(article(), cid) == "new"


def test_runs_and_failures(archive: Archive) -> None:
    run = archive.start_run("generic", "demo")
    archive.record_failure("http://x/404", "http_404", run_id=run, detail="Not Found")
    counts = {"articles_new": 3, "dropped": {"not_article": 2}, "errors": 1}
    archive.finish_run(run, "finished", counts, {"bytes": 1200})
    row = archive.connection.execute("SELECT * FROM crawl_runs WHERE id = ?", (run,)).fetchone()
    assert row["status"] == "finished" and row["finished_at"]
    assert json.loads(row["counts"]) == counts
    failure = archive.connection.execute("SELECT * FROM failures").fetchone()
    assert (failure["url"], failure["reason"], failure["run_id"]) == (
        "http://x/404",
        "http_404",
        run,
    )


def test_concurrent_threads_share_one_archive(archive: Archive) -> None:
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(10):
                cid = capture(archive, f"{n}-{i}".encode())
                archive.save_article(article(f"http://t/{n}/{i}", body=f"正文{n}号第{i}篇"), cid)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert archive.connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 40


def test_readonly_open_of_missing_archive_is_an_archive_error(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="no archive"):
        Archive(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_write_open_of_readonly_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    Archive(path).close()
    path.chmod(0o444)
    with pytest.raises(ArchiveError, match="read-only"):
        Archive(path)
    with Archive(path, readonly=True) as archive:
        assert archive.get_article(1) is None


def test_not_an_archive(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ArchiveError):
        Archive(path)


def test_batch_keeps_each_save_atomic(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    cid = capture(archive)
    real_stage = store_module.textindex.stage_article

    def fail_on_second(conn: sqlite3.Connection, article_id: int, title: str, body: str) -> None:
        if "bad" in body:
            raise RuntimeError("extraction bug")
        real_stage(conn, article_id, title, body)

    monkeypatch.setattr(store_module.textindex, "stage_article", fail_on_second)
    with archive.batch():
        archive.save_article(article("http://b/1"), cid)
        with pytest.raises(RuntimeError):
            archive.save_article(article("http://b/2", body="bad"), cid)
        archive.save_article(article("http://b/3"), cid)
    assert archive.has_article("http://b/1") and archive.has_article("http://b/3")
    assert not archive.has_article("http://b/2")
    versions = archive.connection.execute("SELECT COUNT(*) FROM article_versions").fetchone()[0]
    assert versions == 2


def test_sqlite_utils_reads_the_archive(archive: Archive) -> None:
    import sqlite_utils

    cid = capture(archive)
    archive.save_article(article(), cid)
    archive.flush_index()  # what closing the archive (or a few seconds of crawling) does
    db = sqlite_utils.Database(archive.path)
    assert {"articles", "article_versions", "captures", "crawl_runs"} <= set(db.table_names())
    assert db["articles"].count == 1
    [stored] = db["articles"].rows_where("site = ?", ["demo"])
    assert json.loads(stored["author"]) == ["张三"]  # lists are JSON text
    [row] = db.query(
        "select a.title from articles_fts join articles a on a.id = articles_fts.rowid "
        "where articles_fts match :q",
        {"q": '"拉 萨"'},
    )
    assert row["title"] == "拉萨召开生态保护会议"


def test_batch_indexes_at_commit_and_forgets_rolled_back_saves(archive: Archive) -> None:
    cid = capture(archive)
    with archive.batch():
        archive.save_article(article("http://b/1", body="牦牛" * 30), cid)
        with pytest.raises(RuntimeError), archive.transaction():
            archive.save_article(article("http://b/2", body="雪域" * 30), cid)
            raise RuntimeError("the caller gave up on this part")
        archive.save_article(article("http://b/1", body="青稞" * 30), cid)  # updated twice
        archive.save_article(article("http://b/3", body="青稞酒" * 20), cid)
    found = {q: {r["url"] for r in archive.search(q, all_copies=True)} for q in ("牦牛", "雪域")}
    assert found == {"牦牛": set(), "雪域": set()}
    assert {r["url"] for r in archive.search("青稞", all_copies=True)} == {
        "http://b/1",
        "http://b/3",
    }
    conn = archive.connection
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    assert conn.execute("SELECT COUNT(*) FROM articles_fts_source").fetchone()[0] == 2


def test_published_precision_is_kept_per_version(archive: Archive) -> None:
    cid = capture(archive)
    day = article(published_at="2024-03-07T00:00:00+08:00", published_precision="day")
    assert archive.save_article(day, cid) == "new"
    stored = archive.get_article(day["url"])
    assert (stored["published_at"], stored["published_precision"]) == (
        "2024-03-07T00:00:00+08:00",
        "day",
    )
    minute = {**day, "published_at": "2024-03-07T14:52:00+08:00", "published_precision": "minute"}
    assert archive.save_article(minute, cid) == "updated"
    versions = archive.history(day["url"])
    assert [v["published_precision"] for v in versions] == ["day", "minute"]
    # the precision alone is no new content: a later save that differs only there changes nothing
    assert archive.save_article({**minute, "published_precision": "second"}, cid) == "unchanged"
    assert archive.get_article(day["url"])["published_precision"] == "minute"


def _reader_finds(path: Path, query: str) -> set[str]:
    with Archive(path, readonly=True) as reader:
        return {r["url"] for r in reader.search(query, all_copies=True)}


def test_saves_reach_the_index_of_other_readers_in_groups(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "INDEX_EVERY_SAVES", 3)
    cid = capture(archive)
    for n in range(4):
        archive.save_article(article(f"http://g/{n}", body=f"第{n}篇" + BODY), cid)
    assert _reader_finds(archive.path, "拉萨") == {f"http://g/{n}" for n in range(3)}
    assert {r["url"] for r in archive.search("拉萨", all_copies=True)} == {
        f"http://g/{n}" for n in range(4)
    }  # the writer's own search indexes what it staged first
    assert _reader_finds(archive.path, "拉萨") == {f"http://g/{n}" for n in range(4)}
    monkeypatch.setattr(store_module, "INDEX_EVERY_SECONDS", 0.0)
    archive.save_article(article("http://g/9", body="牦牛" * 30), cid)
    assert _reader_finds(archive.path, "牦牛") == {"http://g/9"}


def test_entries_staged_by_a_killed_writer_are_indexed_by_the_next(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    code = (
        "import os, sys\n"
        "from newscrawl.archive import Archive\n"
        "archive = Archive(sys.argv[1])\n"
        "cid = archive.add_capture('http://k/1', 200, {}, b'<p>x</p>', '2024-03-07')\n"
        "archive.save_article({'url': 'http://k/1', 'title': '拉萨', 'body': '拉萨' * 40}, cid)\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    pending = sqlite3.connect(path).execute("SELECT COUNT(*) FROM articles_fts_pending")
    assert pending.fetchone()[0] == 1
    assert _reader_finds(path, "拉萨") == set()  # a reader never writes
    Archive(path).close()
    assert _reader_finds(path, "拉萨") == {"http://k/1"}
