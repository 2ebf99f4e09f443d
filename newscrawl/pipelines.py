"""The cleaning pipelines: decode -> repair -> extract -> validate -> dedupe -> archive.

Each stage is a thin wrapper over a pure function of ``newscrawl.clean`` (the same functions
``newscrawl extract`` runs), so a page archived by a crawl and a page extracted from a file
give the same result. A page that fails a stage is dropped with a counted reason; its raw
capture is already archived, so nothing is lost and ``newscrawl reprocess`` can retry it.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawl.articleness import is_article_page
from newscrawl.clean.decode import decode_html
from newscrawl.clean.extract import extract_article
from newscrawl.clean.normalize import detect_script, to_simplified
from newscrawl.clean.repair import repair_html
from newscrawl.items import PageItem
from newscrawl.urls import canonical_url


class _Stage:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> _Stage:
        return cls(crawler)

    @property
    def spider(self) -> Any:
        return self.crawler.spider

    def drop(self, reason: str, item: PageItem) -> DropItem:
        self.crawler.stats.inc_value(f"newscrawl/dropped/{reason}")
        return DropItem(f"{reason}: {item.url}")


def _content_type(item: PageItem) -> str | None:
    values = {k.lower(): v for k, v in item.headers.items()}.get("content-type")
    return values[0] if values else None


class DecodePipeline(_Stage):
    def process_item(self, item: PageItem) -> PageItem:
        decoded = decode_html(item.body, _content_type(item), self.spider.profile.encoding)
        item.html, item.encoding, item.encoding_reason = (
            decoded.text,
            decoded.encoding,
            decoded.reason,
        )
        if decoded.replacements:
            self.crawler.stats.inc_value("newscrawl/replacement_chars", decoded.replacements)
        return item


class RepairPipeline(_Stage):
    def process_item(self, item: PageItem) -> PageItem:
        assert item.html is not None
        item.html, item.repairs = repair_html(item.html)
        for repair in item.repairs:
            self.crawler.stats.inc_value(f"newscrawl/repairs/{repair['kind']}", repair["count"])
        return item


class ExtractPipeline(_Stage):
    def process_item(self, item: PageItem) -> PageItem:
        assert item.html is not None
        try:
            article = extract_article(item.html, item.url, self.spider.profile, item.hints)
        except Exception as exc:  # a hostile page must not stop the crawl
            self.spider.logger.exception("extraction failed for %s", item.url)
            self.spider.archive.record_failure(
                item.url, "extract-error", run_id=self.spider.run_id, detail=repr(exc)
            )
            raise self.drop("extract-error", item) from exc
        item.article = {
            **asdict(article),
            "encoding": item.encoding,
            "encoding_reason": item.encoding_reason,
            "repairs": item.repairs,
        }
        return item


class ValidatePipeline(_Stage):
    def process_item(self, item: PageItem) -> PageItem:
        assert item.article is not None and item.html is not None
        if item.verify_article and not is_article_page(item.html, item.url):
            raise self.drop("not-an-article", item)
        if not (item.article.get("title") or "").strip():
            raise self.drop("no-title", item)
        if not (item.article.get("body") or "").strip():
            raise self.drop("no-body", item)
        return item


class DedupePipeline(_Stage):
    """One article per canonical URL within a run (the archive dedupes across runs)."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.seen: set[str] = set()

    def process_item(self, item: PageItem) -> PageItem:
        assert item.article is not None
        profile = self.spider.profile
        scheme = next(iter(profile.start_urls), item.url).split(":", 1)[0]
        url = canonical_url(item.url, scheme=scheme, mobile_hosts=profile.mobile_hosts)
        if url in self.seen:
            raise self.drop("duplicate-url", item)
        self.seen.add(url)
        item.article["url"] = url
        return item


class ArchivePipeline(_Stage):
    def process_item(self, item: PageItem) -> PageItem:
        assert item.article is not None and item.capture_id is not None
        article = item.article
        text = f"{article.get('title') or ''}\n{article.get('body') or ''}"
        record = {
            **article,
            "site": item.site,
            "fetched_at": item.fetched_at,
            "script": detect_script(text),
            "body_simplified": to_simplified(text),
        }
        outcome = self.spider.archive.save_article(
            record, item.capture_id, run_id=self.spider.run_id
        )
        self.crawler.stats.inc_value(f"newscrawl/articles_{outcome}")
        self.spider.logger.info("archived (%s): %s", outcome, article["url"])
        return item
