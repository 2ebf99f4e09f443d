"""The archive's commands: search, show, history, export, stats, through click's runner."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from base64 import b32encode
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from newscrawl.archive import Archive
from newscrawl.cli.export import export
from newscrawl.cli.history import history
from newscrawl.cli.search import search
from newscrawl.cli.show import show
from newscrawl.cli.stats import stats

PAGE = "<html><head><meta charset='gb2312'><title>拉萨</title></head><body>拉萨新闻</body></html>"
RAW = PAGE.encode("gb18030")
BODY = "拉萨市召开高原生态保护会议。\n会议要求加快绿色发展。"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "archive.db"
    with Archive(path) as archive:
        run = archive.start_run("generic", "tibet")
        cid = archive.add_capture(
            "http://tibet.test/a/1.html",
            200,
            {"Content-Type": "text/html; charset=gb2312", "Content-Encoding": "gzip"},
            RAW,
            "2024-03-07T07:00:00+00:00",
            run,
        )
        base = {
            "url": "http://tibet.test/a/1.html",
            "site": "tibet",
            "title": "拉萨召开生态会议",
            "body": BODY,
            "published_at": "2024-03-07T14:52:00+08:00",
            "published_precision": "minute",
            "author": ["次仁"],
            "source": "西藏日报",
            "fetched_at": "2024-03-07T07:00:00+00:00",
        }
        archive.save_article(base, cid, run)
        cid2 = archive.add_capture(
            "http://tibet.test/a/1.html",
            200,
            {},
            RAW + b"<!-- v2 -->",
            "2024-03-08T07:00:00+00:00",
            run,
        )
        archive.save_article(
            {
                **base,
                "body": BODY + "\n（更正：会议时间为上午）",
                "fetched_at": "2024-03-08T07:00:00+00:00",
            },
            cid2,
            run,
        )
        other = archive.add_capture("http://news.test/x", 404, {}, b"gone", "2024-03-08", None)
        archive.record_failure("http://news.test/x", "http_404", run_id=run)
        archive.finish_run(
            run,
            "finished",
            {"articles_new": 1, "articles_updated": 1, "articles_unchanged": 0, "pages": 2},
            {},
        )
        assert other
    return str(path)


def run(command: click.Command, args: list[str]) -> tuple[int, str, str]:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(command, args)
    return result.exit_code, result.stdout, result.stderr


def test_search_json(db: str) -> None:
    code, out, _ = run(search, ["拉薩", "--db", db, "--format", "json"])
    assert code == 0
    [hit] = json.loads(out)
    assert {"id", "url", "title", "site", "published_at", "snippet"} <= set(hit)
    assert hit["url"] == "http://tibet.test/a/1.html" and "«拉萨»" in hit["snippet"]
    assert hit["published_precision"] == "minute"


def test_search_negation_and_csv(db: str) -> None:
    code, out, _ = run(search, ["会议", "-更正", "--db", db, "--format", "csv"])
    assert code == 0
    assert list(csv.DictReader(io.StringIO(out))) == []  # the current version has 更正
    code, out, _ = run(search, ["会议", "--db", db, "--format", "csv"])
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert row["author"] == "次仁" and row["site"] == "tibet"
    assert row["published_precision"] == "minute"


def test_search_table_for_people(db: str) -> None:
    code, out, _ = run(search, ["生态", "--db", db])
    assert code == 0 and "拉萨召开生态会议" in out and "tibet" in out and "2024-03-07" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x", "--db", "nowhere/archive.db"], "no archive"),
        (["x", "--since", "last week"], "bad date"),
        (["x", "--limit", "0"], "limit"),
    ],
)
def test_search_errors_are_one_line(db: str, args: list[str], message: str) -> None:
    args = args if "--db" in args else [*args, "--db", db]
    code, _, err = run(search, args)
    assert code != 0 and message in err
    assert "Traceback" not in err


def test_show_article_and_raw_bytes(db: str) -> None:
    code, out, _ = run(show, ["1", "--db", db])
    assert code == 0 and out.startswith("拉萨召开生态会议") and "（更正" in out
    assert "西藏日报" in out
    assert "published_precision: minute" in " ".join(out.split())
    code, out, _ = run(show, ["http://tibet.test/a/1.html", "--db", db, "--json"])
    assert json.loads(out)["version"] == 2
    assert json.loads(out)["published_precision"] == "minute"
    result = CliRunner().invoke(show, ["1", "--raw", "--db", db])
    assert result.stdout_bytes == RAW + b"<!-- v2 -->"  # exactly as fetched
    code, _, err = run(show, ["999", "--db", db])
    assert code != 0 and "no article" in err


def test_history_lists_versions_with_diff(db: str) -> None:
    code, out, _ = run(history, ["http://tibet.test/a/1.html", "--db", db])
    assert code == 0
    assert "version 1" in out and "version 2" in out
    assert "+（更正：会议时间为上午）" in out
    code, _, err = run(history, ["http://nope/", "--db", db])
    assert code != 0 and "no article" in err


def test_export_jsonl_and_csv(db: str, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    code, _, err = run(export, ["--format", "jsonl", "-o", str(target), "--db", db])
    assert code == 0 and "exported 1 articles" in err
    [line] = target.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["author"] == ["次仁"]
    assert json.loads(line)["published_precision"] == "minute"
    target = tmp_path / "out.csv"
    run(export, ["--format", "csv", "-o", str(target), "--db", db, "--site", "tibet"])
    [row] = list(csv.DictReader(target.open(encoding="utf-8")))
    assert row["title"] == "拉萨召开生态会议" and json.loads(row["author"]) == ["次仁"]
    assert row["published_precision"] == "minute"
    code, _, _ = run(export, ["--format", "csv", "-o", str(target), "--db", db, "--site", "x"])
    assert code == 0 and len(target.read_text(encoding="utf-8").splitlines()) == 1


@pytest.mark.parametrize("name", ["out.warc", "out.warc.gz"])
def test_export_warc_reads_back(db: str, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    code, _, err = run(export, ["--format", "warc", "-o", str(target), "--db", db])
    assert code == 0 and "exported 3 captures" in err
    assert (target.read_bytes()[:2] == b"\x1f\x8b") == name.endswith(".gz")
    records = []
    with target.open("rb") as stream:
        for record in ArchiveIterator(stream, check_digests=True):
            payload = record.content_stream().read()
            records.append((record, payload))
    responses = [(r, p) for r, p in records if r.rec_type == "response"]
    requests = [r for r, _ in records if r.rec_type == "request"]
    assert len(responses) == len(requests) == 3 and len(records) == 6
    response, payload = responses[0]
    assert response.rec_headers.get_header("WARC-Target-URI") == "http://tibet.test/a/1.html"
    assert response.rec_headers.protocol == "WARC/1.1"
    assert response.rec_headers.get_header("WARC-Date") == "2024-03-07T07:00:00Z"
    assert payload == RAW
    digest = "sha1:" + b32encode(hashlib.sha1(RAW).digest()).decode()
    assert response.rec_headers.get_header("WARC-Payload-Digest") == digest
    request = requests[0]
    assert request.rec_headers.get_header("WARC-Target-URI") == "http://tibet.test/a/1.html"
    assert request.rec_headers.get_header("WARC-Concurrent-To") == response.rec_headers.get_header(
        "WARC-Record-ID"
    )
    assert request.http_headers.protocol == "GET" or "GET" in request.http_headers.statusline
    # the body is stored decoded, so its content coding must not be claimed
    assert response.http_headers.get_header("Content-Encoding") is None
    assert response.http_headers.get_statuscode() == "200"
    assert responses[2][0].http_headers.get_statuscode() == "404"


def test_export_refuses_to_overwrite_the_archive(db: str) -> None:
    before = Path(db).read_bytes()
    for victim in (db, db + "-wal"):
        code, _, err = run(export, ["--format", "jsonl", "-o", victim, "--db", db])
        assert code != 0 and "refusing" in err
    assert Path(db).read_bytes() == before


def test_stats_json(db: str) -> None:
    code, out, _ = run(stats, ["--db", db, "--format", "json"])
    assert code == 0
    data = json.loads(out)
    [only_run] = data["runs"]
    assert only_run["pages"] == 2 and only_run["articles_updated"] == 1
    assert only_run["errors"] == {"http_404": 1} and only_run["bytes"] == 2 * len(RAW) + 11
    [site] = data["sites"]
    assert site["site"] == "tibet" and site["articles"] == 1 and site["runs"] == 1
    code, out, _ = run(stats, ["--db", db])
    assert code == 0 and "http_404 1" in out


def test_missing_archive_is_one_line_everywhere(tmp_path: Path) -> None:
    missing = str(tmp_path / "none.db")
    for command, args in [
        (show, ["1"]),
        (history, ["http://x/"]),
        (stats, []),
        (export, ["--format", "jsonl", "-o", str(tmp_path / "o.jsonl")]),
    ]:
        code, _, err = run(command, [*args, "--db", missing])
        assert code != 0 and "no archive" in err and "Traceback" not in err
    assert not Path(missing).exists()
