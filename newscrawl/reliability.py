"""Middlewares that keep a crawl going when servers and pages misbehave (docs/RELIABILITY.md).

Each refusal raises a subclass of ``IgnoreRequest`` named after what went wrong; Scrapy hands
it to the request's errback, which records the class name as the failure reason in the
archive, so every refused URL says why.
"""

from __future__ import annotations

import email.utils
import logging
import re
import sqlite3
import time
from collections import Counter
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import reactor
from twisted.internet.task import deferLater
from twisted.python.failure import Failure

from newscrawl.archive import ArchiveError
from newscrawl.profiles import host_allowed

logger = logging.getLogger(__name__)


class RetryAfterTooLong(IgnoreRequest):
    """The server asked us to come back later than NEWSCRAWL_RETRY_AFTER_MAX allows."""


class RedirectLoop(IgnoreRequest):
    """A redirect leads back to a URL already in the request's redirect chain."""


class OffsiteRedirect(IgnoreRequest):
    """A redirect leads off the site's allowed domains, or to a non-HTTP scheme."""


class BinaryContent(IgnoreRequest):
    """The body is an image, PDF, archive or other binary, whatever the Content-Type says."""


class RobotsUnavailable(IgnoreRequest):
    """robots.txt answered a server error: RFC 9309 §2.3.1.4 says assume complete disallow."""


# --- Retry-After --------------------------------------------------------------------------


def retry_after_seconds(value: str, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None if unreadable."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, plus Retry-After on 429 and 503.

    A wait up to NEWSCRAWL_RETRY_AFTER_MAX seconds is honoured before the retry; the wait holds
    the request's download slot, so the host also sees fewer requests meanwhile. A longer wait
    gives the URL up at once (``RetryAfterTooLong``) instead of hammering it with retries.
    """

    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.max_wait = settings.getfloat("NEWSCRAWL_RETRY_AFTER_MAX")

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        header = response.headers.get("Retry-After")
        if (
            response.status not in (429, 503)
            or not header
            or request.meta.get("dont_retry", False)
            or response.status not in self.retry_http_codes
        ):
            return super().process_response(request, response)
        wait = retry_after_seconds(header.decode("latin-1"))
        if wait is None:
            return super().process_response(request, response)
        if wait > self.max_wait:
            if urlparse_cached(request).path == "/robots.txt":
                return response  # its status decides (StrictRobotsTxtMiddleware), not an error
            raise RetryAfterTooLong(
                f"http {response.status} with Retry-After {wait:.0f} s "
                f"(more than NEWSCRAWL_RETRY_AFTER_MAX {self.max_wait:.0f} s)"
            )
        retries = request.meta.get("max_retry_times", self.max_retry_times)
        if request.meta.get("retry_times", 0) < retries and wait > 0:
            self.crawler.stats.inc_value("newscrawl/retry_after_waits")
            await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))
        return super().process_response(request, response)


# --- redirects ----------------------------------------------------------------------------

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def _same_url(a: str, b: str) -> bool:
    return a.split("#", 1)[0] == b.split("#", 1)[0]


class RedirectGuardMiddleware:
    """Stops redirect loops and redirects off the site before Scrapy's RedirectMiddleware
    follows them, naming the original URL (Scrapy would drop a loop silently as a duplicate
    and report an offsite target under the target's URL)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectGuardMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get("Location")
        if response.status not in REDIRECT_STATUSES or not location:
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        parts = urlsplit(target)
        domains = list(getattr(self.crawler.spider, "allowed_domains", None) or [])
        if parts.scheme not in ("http", "https") or (
            domains and not host_allowed(parts.hostname or "", domains)
        ):
            raise OffsiteRedirect(f"http {response.status} to {target}")
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if any(_same_url(target, seen) for seen in chain):
            raise RedirectLoop(" -> ".join([*chain, target]))
        return response


# --- binary bodies ------------------------------------------------------------------------

MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"RIFF", "riff (webp/avi/wav)"),
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\x7fELF", "elf"),
    (b"MZ\x90\x00", "exe"),
    (b"\x00\x00\x01\x00", "ico"),
    (b"OggS", "ogg"),
    (b"ID3", "mp3"),
    (b"fLaC", "flac"),
    (b"\x1aE\xdf\xa3", "webm/mkv"),
    (b"wOFF", "woff"),
    (b"wOF2", "woff2"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ms-office"),
)
# C0 controls that text never has (tab, newlines, form feed and ISO-2022 ESC are allowed).
_CONTROL = frozenset([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])


def sniff_binary(body: bytes) -> str | None:
    """The binary format ``body`` starts with, or None if it can be text.

    Magic numbers first; otherwise a head with many control bytes is binary, unless the bytes
    look like UTF-16/32 (a BOM, or NULs on alternating positions). gzip is left alone: gzipped
    sitemaps are served as files, and discovery reads them.
    """
    head = body[:4096].lstrip(b"\t\r\n ")
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    if not head or head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x1f\x8b")):
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if max(even, odd) > len(head) // 4 and min(even, odd) < len(head) // 20:
        return None  # UTF-16 text without a BOM: NULs on one side only
    controls = sum(1 for byte in head if byte in _CONTROL)
    return "unknown binary" if controls > len(head) // 10 else None


class BinaryContentMiddleware:
    """Refuses binary bodies (registered after HttpCompression, so it sees decoded bytes)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BinaryContentMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        kind = sniff_binary(response.body)
        if kind is None:
            return response
        declared = response.headers.get("Content-Type", b"").decode("latin-1") or "no type"
        self.crawler.stats.inc_value("newscrawl/binary_refused")
        raise BinaryContent(f"{kind} body served as {declared} ({len(response.body)} bytes)")


# --- robots.txt ---------------------------------------------------------------------------

_DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt handling, except that a robots.txt answering 5xx (after retries) or
    429 makes the host off limits for this run (RFC 9309 §2.3.1.4) instead of parsing the error
    page as an empty robots.txt that allows everything."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self._unavailable: dict[str, int] = {}

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500 or response.status == 429:
            self._unavailable[netloc] = response.status
            response = response.replace(body=_DISALLOW_ALL)
        await super()._parse_robots(response, netloc, request)

    def process_request_2(self, rp: Any, request: Request) -> None:
        status = self._unavailable.get(urlparse_cached(request).netloc)
        if status is not None:
            self._stats.inc_value("newscrawl/robots_unavailable")
            raise RobotsUnavailable(f"robots.txt answered http {status}: host off limits")
        super().process_request_2(rp, request)


# --- crawl traps --------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")


def url_shape(url: str) -> str:
    """``url`` with digit runs replaced and query values dropped: every page of a calendar or
    pagination trap has the same shape (``/calendar/#-#-#.html``, ``/list.html?page``)."""
    parts = urlsplit(url)
    keys = sorted({k for k, _v in parse_qsl(parts.query, keep_blank_values=True)})
    return f"{parts.hostname}{_DIGITS.sub('#', parts.path)}?{'&'.join(keys)}"


class CrawlTrapMiddleware(BaseSpiderMiddleware):
    """Bounds the non-article pages a run follows, so endless calendars, pagination and
    query-string variants cannot eat the crawl.

    Article URLs (the profile's ``article_pattern``) are never limited. Other URLs get at most
    NEWSCRAWL_MAX_QUERY_VARIANTS distinct query strings per path and NEWSCRAWL_MAX_PAGES_PER_SHAPE
    distinct URLs per shape (see ``url_shape``). The first refusal per path or shape is recorded
    as a ``CrawlTrap`` failure; the rest are only counted.
    """

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        settings = crawler.settings
        self.max_variants = settings.getint("NEWSCRAWL_MAX_QUERY_VARIANTS")
        self.max_per_shape = settings.getint("NEWSCRAWL_MAX_PAGES_PER_SHAPE")
        self.seen: set[str] = set()
        self.variants: dict[str, set[str]] = {}
        self.shapes: Counter[str] = Counter()
        self.reported: set[str] = set()

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        url = request.url.split("#", 1)[0]
        spider = self.crawler.spider
        profile = getattr(spider, "profile", None)
        if request.dont_filter or url in self.seen or (profile and profile.is_article_url(url)):
            return request
        path, _, query = url.partition("?")
        variants = self.variants.setdefault(path, set())
        if query and query not in variants and len(variants) >= self.max_variants:
            return self._refuse(path, url, f"more than {self.max_variants} query strings")
        shape = url_shape(url)
        if self.shapes[shape] >= self.max_per_shape:
            return self._refuse(shape, url, f"more than {self.max_per_shape} pages shaped {shape}")
        if query:
            variants.add(query)
        self.shapes[shape] += 1
        self.seen.add(url)
        return request

    def _refuse(self, key: str, url: str, why: str) -> None:
        self.crawler.stats.inc_value("newscrawl/trap_refused")
        if key not in self.reported:
            self.reported.add(key)
            spider = self.crawler.spider
            archive = getattr(spider, "archive", None)
            if archive is not None:
                archive.record_failure(url, "CrawlTrap", run_id=spider.run_id, detail=why)
        return None


# --- the archive itself -------------------------------------------------------------------


class ArchiveErrorGuard:
    """Stops the crawl at the first archive error (disk full, read-only file, I/O error).

    Without it every later page would fail the same way and the run would still end as
    ``finished``. The run closes with reason ``archive-error``; SQLite's transactions keep what
    was written before intact.
    """

    REASON = "archive-error"

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stopping = False
        crawler.signals.connect(self.on_error, signal=signals.spider_error)
        crawler.signals.connect(self.on_error, signal=signals.item_error)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveErrorGuard:
        return cls(crawler)

    def on_error(self, failure: Failure, **_kwargs: Any) -> None:
        if self.stopping or not failure.check(sqlite3.Error, ArchiveError):
            return
        self.stopping = True
        message = f"{failure.type.__name__ if failure.type else 'error'}: {failure.value}"
        logger.critical("archive write failed, stopping the crawl: %s", message)
        self.crawler.stats.set_value("newscrawl/archive_error", message)
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=self.REASON))
