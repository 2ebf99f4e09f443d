"""The ``regional`` spider: crawls one site as its profile describes and archives its articles.

Every response is kept in the archive as a raw capture (so any article can be re-derived);
only pages that look like articles go on through the cleaning pipelines.
"""

from __future__ import annotations

import email.utils
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from protego import Protego
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl.archive import Archive
from newscrawl.archive.crawlstate import (
    KnownArticle,
    close_stale_runs,
    known_articles,
    previous_run_finished,
    validators,
)
from newscrawl.discovery import Entry, is_feed_or_sitemap, parse_feed, parse_sitemap
from newscrawl.items import PageItem
from newscrawl.locks import SiteLock
from newscrawl.profiles import SiteProfile, host_allowed, load_profile, zero_config_profile
from newscrawl.urls import canonical_url


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


FEED_LINKS = "//link[@rel='alternate'][contains(@type, 'rss') or contains(@type, 'atom')]/@href"
ZERO_CONFIG_SETTINGS = {
    "DEPTH_LIMIT": 4,
    "DEPTH_PRIORITY": 1,
    "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
    "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
    "CLOSESPIDER_PAGECOUNT": 2000,
}


def user_agent(contact: str) -> str:
    """The User-Agent newscrawl sends: who we are and where a webmaster can reach the operator."""
    return f"newscrawl/{version('newscrawl')} (+{contact}; news archive crawler)"


def _when(value: str | None) -> datetime | None:
    """A sitemap/feed date (ISO 8601, a bare date or RFC 822) as an aware datetime."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _headers(response: Response) -> dict[str, list[str]]:
    return {
        k.decode("latin-1"): [v.decode("latin-1") for v in vs] for k, vs in response.headers.items()
    }


class RegionalSpider(scrapy.Spider):
    name = "regional"

    profile: SiteProfile
    archive: Archive
    run_id: int
    lock: SiteLock
    seen_links: set[str]

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> RegionalSpider:
        start_url = kwargs.pop("start", None)  # would shadow Spider.start()
        if kwargs.get("site"):
            profile = load_profile(kwargs["site"])
        elif start_url:
            profile = zero_config_profile(start_url)
        else:
            raise ValueError("the regional spider needs -a site=NAME or -a start=URL")
        settings = crawler.settings
        settings.set("AUTOTHROTTLE_ENABLED", profile.autothrottle, priority="spider")
        if profile.max_pages:
            settings.set("CLOSESPIDER_PAGECOUNT", profile.max_pages, priority="spider")
        if profile.max_seconds:
            settings.set("CLOSESPIDER_TIMEOUT", profile.max_seconds, priority="spider")
        if contact := settings.get("NEWSCRAWL_CONTACT"):
            settings.set("USER_AGENT", user_agent(contact), priority="spider")
        if profile.zero_config:
            # Breadth-first within a depth and page budget: an unknown site may be huge.
            for key, value in ZERO_CONFIG_SETTINGS.items():
                settings.set(key, value, priority="spider")
        if kwargs.get("proxy"):
            settings.set("NEWSCRAWL_PROXY", kwargs["proxy"], priority="spider")
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.profile = profile
        spider.allowed_domains = list(profile.domains)
        db = kwargs.get("db") or settings.get("NEWSCRAWL_DB")
        spider.lock = SiteLock(db, profile.name).acquire()
        spider.archive = Archive(db)
        spider.run_id = spider.archive.start_run(cls.name, profile.name)
        spider.seen_links = set()
        spider._init_incremental(settings)
        return spider

    def _init_incremental(self, settings: Any) -> None:
        """Load what earlier runs archived: the archive itself is the crawl state.

        A run after a clean one sends conditional requests for listings (a 304 costs no
        parsing); a run after a killed one does not, so it rediscovers every link and resumes.
        """
        killed = close_stale_runs(self.archive, self.profile.name, self.run_id)
        if killed:
            self.logger.info("resuming after %d unfinished run(s)", killed)
        self.known: dict[str, KnownArticle] = known_articles(self.archive, self.profile.name)
        self.conditional = settings.getbool("NEWSCRAWL_CONDITIONAL", True) and (
            previous_run_finished(self.archive, self.profile.name, self.run_id)
        )
        self.recheck_age = timedelta(hours=settings.getfloat("NEWSCRAWL_RECHECK_AGE_HOURS", 48))
        self.recheck_every = timedelta(hours=settings.getfloat("NEWSCRAWL_RECHECK_EVERY_HOURS", 6))
        scheme = next(iter(self.profile.start_urls), "http:").split(":", 1)[0]
        self.scheme = scheme if scheme in ("http", "https") else None

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.profile.sitemaps + self.profile.feeds:
            yield self._listing_request(url, self.parse_listing)
        for url in self.profile.start_urls:
            yield self._listing_request(url, self.parse_page)
        if self.profile.zero_config:
            # Where sites announce their sitemaps; a missing one is no failure.
            for url in self.profile.start_urls:
                for path, callback in (("/robots.txt", self.parse_robots), ("/sitemap.xml", None)):
                    request = self._listing_request(
                        urljoin(url, path), callback or self.parse_listing
                    )
                    request.meta["optional"] = True
                    yield request

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        if self._not_modified(response):
            return
        self._capture(response)
        for url in Protego.parse(
            response.text if isinstance(response, TextResponse) else ""
        ).sitemaps:
            yield self._listing_request(url, self.parse_listing)

    # --- callbacks -----------------------------------------------------------------------

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        """A sitemap, sitemap index or feed: request what it lists."""
        if self._not_modified(response):
            return
        self._capture(response)
        kind = is_feed_or_sitemap(response.headers.get("Content-Type", b"").decode(), response.body)
        if kind == "sitemap":
            sitemap_kind, entries = parse_sitemap(response.body)
            for entry in entries:
                if sitemap_kind == "index":
                    yield self._listing_request(response.urljoin(entry.url), self.parse_listing)
                else:
                    yield from self._follow(response, entry.url, entry)
        elif kind == "feed":
            for entry in parse_feed(response.body):
                yield from self._follow(response, entry.url, entry)
        else:
            self.logger.warning("not a sitemap or feed: %s", response.url)
            self.crawler.stats.inc_value("newscrawl/listing_unreadable")

    def parse_page(self, response: Response) -> Iterator[PageItem | scrapy.Request]:
        if self._not_modified(response):
            return
        capture_id = self._capture(response)
        if self.profile.is_article_url(response.url):
            yield PageItem(
                url=response.url,
                status=response.status,
                headers=_headers(response),
                body=response.body,
                fetched_at=_now(),
                site=self.profile.name,
                capture_id=capture_id,
                hints=dict(response.meta.get("hints") or {}),
                verify_article=self.profile.zero_config,
            )
        if isinstance(response, TextResponse):
            for href in response.xpath(FEED_LINKS).getall():
                yield self._listing_request(response.urljoin(href), self.parse_listing)
            for url in self._page_links(response):
                yield from self._follow(response, url, None)

    def on_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        if request.meta.get("optional"):
            return
        if failure.check(HttpError):
            response = failure.value.response
            self._capture(response)
            reason = f"http {response.status}"
        elif failure.check(IgnoreRequest) and "robots.txt" in failure.getErrorMessage():
            reason = "robots.txt"
        else:
            reason = failure.type.__name__ if failure.type else "error"
        self.archive.record_failure(
            request.url, reason, run_id=self.run_id, detail=failure.getErrorMessage()
        )
        self.crawler.stats.inc_value(f"newscrawl/failures/{reason}")

    def closed(self, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        counts = {
            key.removeprefix("newscrawl/"): value
            for key, value in stats.items()
            if key.startswith("newscrawl/")
        }
        counts["pages"] = stats.get("response_received_count", 0)
        status = "finished" if reason == "finished" else reason
        self.archive.finish_run(self.run_id, status, counts, {k: str(v) for k, v in stats.items()})
        self.archive.close()
        self.lock.release()

    # --- helpers ---------------------------------------------------------------------------

    def _page_links(self, response: TextResponse) -> Iterator[str]:
        """Absolute URLs of a page's links, each once per run.

        News pages repeat the same hundreds of sidebar links on every page; remembering them
        here costs a set lookup, where Scrapy's LinkExtractor plus a request and a fingerprint
        for every repeat cost most of a crawl's CPU. Sitemap and feed entries do not pass
        through here, so a later lastmod still reaches ``_follow``.
        """
        for href in response.xpath("//a/@href | //area/@href").getall():
            href = href.strip()
            if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
                continue
            url = response.urljoin(href).split("#", 1)[0]
            if url in self.seen_links:
                continue
            self.seen_links.add(url)
            extension = urlsplit(url).path.rsplit("/", 1)[-1].rpartition(".")[2].lower()
            if extension not in IGNORED_EXTENSIONS:
                yield url

    def _follow(
        self, response: Response, url: str, entry: Entry | None
    ) -> Iterator[scrapy.Request]:
        if not url.startswith(("http://", "https://")):
            url = response.urljoin(url)
        host = urlsplit(url).hostname or ""
        if not host_allowed(host, self.profile.domains):
            return
        if not self.profile.is_article_url(url):
            yield self._listing_request(url, self.parse_page)
            return
        known = self.known.get(canonical_url(url, self.scheme, self.profile.mobile_hosts))
        if known and not self._needs_refetch(known, entry):
            self.crawler.stats.inc_value("newscrawl/articles_skipped_known")
            return
        hints = {"published_at": entry.published} if entry and entry.published else {}
        yield scrapy.Request(
            url,
            callback=self.parse_page,
            errback=self.on_error,
            priority=10,
            meta={"hints": hints},
        )

    def _needs_refetch(self, known: KnownArticle, entry: Entry | None) -> bool:
        """Whether an archived article may have changed since it was last fetched."""
        last = _when(known.last_fetched)
        if last is None:
            return True
        stated = [_when(entry.modified), _when(entry.published)] if entry else []
        if any(when and when > last for when in stated):
            return True
        published, now = _when(known.published_at), datetime.now(UTC)
        return bool(
            published and now - published < self.recheck_age and now - last > self.recheck_every
        )

    def _listing_request(self, url: str, callback: Any) -> scrapy.Request:
        """A request for a non-article page, conditional when an earlier run saw it."""
        headers = validators(self.archive, url) if self.conditional else {}
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            headers=headers,
            meta={"handle_httpstatus_list": [304]},
        )

    def _not_modified(self, response: Response) -> bool:
        if response.status == 304:
            self.crawler.stats.inc_value("newscrawl/not_modified")
            return True
        return False

    def _capture(self, response: Response) -> int:
        self.crawler.stats.inc_value("newscrawl/bytes", len(response.body))
        return self.archive.add_capture(
            response.url,
            response.status,
            _headers(response),
            response.body,
            _now(),
            run_id=self.run_id,
        )
