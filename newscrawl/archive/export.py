"""Export the archive: clean articles as JSONL/CSV, raw captures as WARC/1.1."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.archive.errors import ArchiveError
from newscrawl.archive.records import ARTICLE_COLUMNS, JSON_COLUMNS, decode_row
from newscrawl.archive.search import parse_day
from newscrawl.archive.store import Archive

EXPORT_COLUMNS = ("id", *ARTICLE_COLUMNS, "version", "content_hash", "duplicate_of", "capture_id")
# The stored body is already decoded from any transfer or content coding.
_DROPPED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


def check_destination(archive: Archive, destination: Path) -> None:
    """Refuse to write over the archive file itself or its WAL/shared-memory files."""
    target = destination.resolve()
    base = archive.path.resolve()
    if target in {base, Path(f"{base}-wal"), Path(f"{base}-shm"), Path(f"{base}-journal")}:
        raise ArchiveError(f"refusing to overwrite the archive itself ({destination})")


def iter_articles(
    conn: sqlite3.Connection, site: str | None = None, since: str | None = None
) -> Iterator[dict[str, Any]]:
    clauses, params = [], []
    if site:
        clauses.append("site = ?")
        params.append(site)
    if since:
        clauses.append("COALESCE(published_at, fetched_at) >= ?")
        params.append(parse_day(since))
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    columns = ", ".join(EXPORT_COLUMNS)
    for row in conn.execute(f"SELECT {columns} FROM articles {where} ORDER BY id", params):
        yield decode_row(dict(row))


def write_jsonl(conn: sqlite3.Connection, out: IO[str], **filters: str | None) -> int:
    count = 0
    for article in iter_articles(conn, **filters):
        out.write(json.dumps(article, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(conn: sqlite3.Connection, out: IO[str], **filters: str | None) -> int:
    """CSV with list columns (author, images, repairs, spam) as JSON text."""
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    count = 0
    for article in iter_articles(conn, **filters):
        for column in JSON_COLUMNS:
            article[column] = json.dumps(article[column], ensure_ascii=False)
        writer.writerow(article)
        count += 1
    return count


def iter_captures(
    conn: sqlite3.Connection, site: str | None = None, since: str | None = None
) -> Iterator[sqlite3.Row]:
    """Captures of a site: those made by its crawl runs or behind any version of its articles."""
    clauses, params = [], []
    if site:
        clauses.append(
            "(c.run_id IN (SELECT id FROM crawl_runs WHERE site = ?) OR c.id IN "
            "(SELECT v.capture_id FROM article_versions AS v "
            "JOIN articles AS a ON a.id = v.article_id WHERE a.site = ?))"
        )
        params += [site, site]
    if since:
        clauses.append("c.fetched_at >= ?")
        params.append(parse_day(since))
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    yield from conn.execute(f"SELECT c.* FROM captures AS c {where} ORDER BY c.id", params)


def warc_date(fetched_at: str) -> str:
    try:
        moment = datetime.fromisoformat(fetched_at)
    except ValueError:
        return fetched_at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _header_list(headers: dict[str, str | list[str]]) -> list[tuple[str, str]]:
    pairs = []
    for name, value in headers.items():
        if name.lower() in _DROPPED_HEADERS:
            continue
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, str(item)))
    return pairs


def write_warc(
    archive: Archive, out: IO[bytes], *, gzip: bool = True, **filters: str | None
) -> int:
    """A request and a response record per capture; returns the number of captures written.

    warcio computes ``WARC-Block-Digest`` and ``WARC-Payload-Digest`` (sha1, base32) and the
    response's ``Content-Length`` is set to the stored (decoded) body.
    """
    writer = WARCWriter(out, gzip=gzip, warc_version="WARC/1.1")
    count = 0
    for capture in iter_captures(archive.connection, **filters):
        url, date = capture["url"], warc_date(capture["fetched_at"])
        body = archive.capture_body(capture["id"])
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = writer.create_warc_record(
            url,
            "request",
            payload=BytesIO(b""),
            http_headers=StatusAndHeaders(
                f"GET {path} HTTP/1.1", [("Host", parts.netloc)], is_http_request=True
            ),
            warc_headers_dict={"WARC-Date": date},
        )
        try:
            reason = HTTPStatus(capture["status"]).phrase
        except ValueError:
            reason = "Unknown"
        headers = _header_list(json.loads(capture["headers"]))
        headers.append(("Content-Length", str(len(body))))
        response = writer.create_warc_record(
            url,
            "response",
            payload=BytesIO(body),
            length=len(body),
            http_headers=StatusAndHeaders(
                f"{capture['status']} {reason}", headers, protocol="HTTP/1.1"
            ),
            warc_headers_dict={"WARC-Date": date},
        )
        writer.write_request_response_pair(request, response)
        count += 1
    return count
