"""A real crawl against a misbehaving server (tests/faults/server.py): every fault ends where it
should, good articles are archived exactly once, the crawl finishes in bounded time and memory."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newscrawl.profiles import host_allowed
from newscrawl.reliability import (
    retry_after_seconds,
    sniff_binary,
    url_shape,
)
from tests.faults.harness import CrawlResult, rows, run_crawl, write_profile
from tests.faults.pages import article
from tests.faults.server import (
    CASES,
    GOOD,
    HOST,
    OFFSITE_HOST,
    PDF,
    PNG,
    QUERY_VARIANTS,
    ZIP,
    FaultServer,
)

MAX_VARIANTS = 20
MAX_PER_SHAPE = 30
SETTINGS = {
    "DOWNLOAD_TIMEOUT": 3,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "NEWSCRAWL_MAX_QUERY_VARIANTS": MAX_VARIANTS,
    "NEWSCRAWL_MAX_PAGES_PER_SHAPE": MAX_PER_SHAPE,
    # No depth limit: the trap guards alone must stop the endless calendar and pagination.
    "DEPTH_LIMIT": 0,
    # A safety net only: the test fails if the run stops for this reason.
    "CLOSESPIDER_TIMEOUT": 100,
    "LOG_LEVEL": "INFO",
}


def url_of(path: str) -> str:
    return path if path.startswith("http") else f"http://{HOST}{path}"


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> tuple[Path, CrawlResult, list, float]:
    tmp = tmp_path_factory.mktemp("faults")
    profile = write_profile(
        tmp,
        "faults",
        domains=[HOST],
        start_urls=[f"http://{HOST}/"],
        article_pattern=r"^http://([a-z]+\.)?faults\.test/news/[\w-]+\.html$",
        autothrottle=False,
    )
    db = tmp / "archive.db"
    with FaultServer() as server:
        started = time.monotonic()
        result = run_crawl(profile, db, server.proxy, SETTINGS, timeout=150)
        elapsed = time.monotonic() - started
        requests = server.requests
    assert result.returncode == 0, result.stderr[-3000:]
    return db, result, requests, elapsed


def test_crawl_finishes_in_bounded_time_and_memory(crawl):
    db, result, _requests, elapsed = crawl
    assert rows(db, "SELECT status FROM crawl_runs") == [("finished",)]
    assert elapsed < 100
    assert result.peak_rss_mb is not None and result.peak_rss_mb < 400


def test_archive_is_consistent(crawl):
    db, *_ = crawl
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert rows(db, "PRAGMA foreign_key_check") == []
    orphans = rows(db, "SELECT url FROM articles WHERE capture_id NOT IN (SELECT id FROM captures)")
    assert orphans == []
    urls = [u for (u,) in rows(db, "SELECT url FROM articles")]
    assert len(urls) == len(set(urls))


def test_every_good_article_is_archived_once_with_its_title(crawl):
    db, *_ = crawl
    titles = dict(rows(db, "SELECT url, title FROM articles"))
    for n, encoding in GOOD.items():
        assert titles.get(f"http://{HOST}/news/good-{n}.html") == article(n, encoding).title


@pytest.mark.parametrize("case", CASES, ids=[c.path.rsplit("/", 1)[-1] for c in CASES])
def test_each_fault_ends_where_it_should(crawl, case):
    db, *_ = crawl
    url = url_of(case.path)
    archived = rows(db, "SELECT count(*) FROM articles WHERE url = ?", url)[0][0]
    # A redirect failure is recorded on the last URL of the chain; its detail names the chain.
    failures = rows(
        db,
        "SELECT reason, detail FROM failures WHERE url = ? OR instr(detail, ?) > 0",
        url,
        url,
    )
    captured = rows(db, "SELECT status, size FROM captures WHERE url = ?", url)
    if case.expect == "archived":
        assert archived == 1, failures
    elif case.expect == "failed":
        assert archived == 0
        assert any(reason.startswith(case.reason) for reason, _ in failures), failures
    else:
        assert archived == 1 or failures or captured


def test_every_failure_says_why(crawl):
    db, *_ = crawl
    assert rows(db, "SELECT url FROM failures WHERE reason IS NULL OR reason = ''") == []


def test_retry_after_is_honoured_and_a_long_one_gives_up_at_once(crawl):
    _db, _result, requests, _elapsed = crawl
    times = [t for t, _h, p, _q in requests if p == "/news/too-many-requests.html"]
    assert len(times) == 2 and times[1] - times[0] >= 0.95
    assert sum(1 for _t, _h, p, _q in requests if p == "/news/unavailable-long.html") == 1


def test_nothing_leaves_the_allowed_domains(crawl):
    db, _result, requests, _elapsed = crawl
    assert not [r for r in requests if r[1] == OFFSITE_HOST]
    for table in ("captures", "failures", "articles"):
        assert not rows(db, f"SELECT url FROM {table} WHERE url NOT LIKE 'http://%faults.test/%'")


def test_traps_and_query_variants_are_bounded(crawl):
    _db, _result, requests, _elapsed = crawl
    variants = {q for _t, _h, p, q in requests if p == "/news/good-1.html" and q}
    assert QUERY_VARIANTS > MAX_VARIANTS and len(variants) <= MAX_VARIANTS
    calendar = {p for _t, _h, p, _q in requests if p.startswith("/calendar/")}
    assert 1 < len(calendar) <= MAX_PER_SHAPE
    pages = {q for _t, _h, p, q in requests if p == "/list.html"}
    assert 1 < len(pages) <= MAX_VARIANTS


def test_robots_txt_error_makes_the_host_off_limits(crawl):
    _db, _result, requests, _elapsed = crawl
    for host in ("norobots.", "busyrobots."):
        paths = [p for _t, h, p, _q in requests if h.startswith(host)]
        assert paths and set(paths) == {"/robots.txt"}


# --- the pieces, without a crawl -------------------------------------------------------------


def test_retry_after_reads_seconds_and_dates():
    assert retry_after_seconds("120") == 120
    now = 1_700_000_000
    date = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(now + 30))
    assert retry_after_seconds(date, now=now) == pytest.approx(30)
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=now) == 0
    assert retry_after_seconds("soon") is None


@pytest.mark.parametrize(
    "body",
    [PNG, PDF, ZIP, b"\xff\xd8\xff\xe0\x00\x10JFIF", bytes(3000), bytes(range(256)) * 8],
    ids=["png", "pdf", "zip", "jpeg", "zeros", "bytes"],
)
def test_binary_bodies_are_sniffed(body):
    assert sniff_binary(body) is not None


@pytest.mark.parametrize(
    "text,encoding",
    [
        ("<html><p>西岭新闻网 本地新闻</p></html>", "utf-8"),
        ("<html><p>西岭新闻网 本地新闻</p></html>", "gbk"),
        ("<html><p>西嶺新聞網</p></html>", "big5"),
        ("<html><p>plain text page</p></html>", "utf-16-le"),
        ("<html><p>\x1b$B日本語\x1b(B</p></html>", "utf-8"),
        ("", "utf-8"),
    ],
)
def test_text_in_any_encoding_is_not_binary(text, encoding):
    assert sniff_binary(text.encode(encoding)) is None


def test_url_shape_groups_trap_pages():
    assert url_shape("http://a.test/cal/2024-03-07.html") == url_shape(
        "http://a.test/cal/1999-12-31.html"
    )
    assert url_shape("http://a.test/l.html?page=2") == url_shape("http://a.test/l.html?page=3")
    assert url_shape("http://a.test/l.html?page=2") != url_shape("http://a.test/l.html?tag=2")


def test_host_allowed_needs_a_dot_boundary():
    assert host_allowed("news.faults.test", ["faults.test"])
    assert host_allowed("FAULTS.test.", ["faults.test"])
    assert not host_allowed("evilfaults.test", ["faults.test"])
    assert not host_allowed("faults.test.evil.com", ["faults.test"])
