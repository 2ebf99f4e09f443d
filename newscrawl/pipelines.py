"""The cleaning pipelines: decode -> repair -> extract -> validate -> dedupe -> archive.

Each stage is a thin wrapper over a pure function of ``newscrawl.clean`` (the same functions
``newscrawl extract`` runs), so a page archived by a crawl and a page extracted from a file
give the same result. A page that fails a stage is dropped with a counted reason; its raw
capture is already archived, so nothing is lost and ``newscrawl reprocess`` can retry it.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawl.articleness import is_article_page
from newscrawl.clean.decode import decode_html
from newscrawl.clean.extract import extract_article
from newscrawl.clean.repair import repair_html
from newscrawl.cleaning import CleaningPool
from newscrawl.urls import canonical_url


class _Stage:
    """A pipeline stage. Items are read and written through ItemAdapter, so a spider may yield
    ``PageItem`` dataclasses or plain dicts with the same fields."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.pool = CleaningPool.for_crawler(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> _Stage:
        return cls(crawler)

    @property
    def spider(self) -> Any:
        return self.crawler.spider

    def drop(self, reason: str, item: ItemAdapter) -> DropItem:
        self.crawler.stats.inc_value(f"newscrawl/dropped/{reason}")
        return DropItem(f"{reason}: {item['url']}")


def _content_type(item: ItemAdapter) -> str | None:
    values = {k.lower(): v for k, v in item["headers"].items()}.get("content-type")
    return values[0] if values else None


class DecodePipeline(_Stage):
    async def process_item(self, item: Any) -> Any:
        page = ItemAdapter(item)
        decoded = await self.pool.run(
            decode_html, page["body"], _content_type(page), self.spider.profile.encoding
        )
        page["html"], page["encoding"], page["encoding_reason"] = (
            decoded.text,
            decoded.encoding,
            decoded.reason,
        )
        if decoded.replacements:
            self.crawler.stats.inc_value("newscrawl/replacement_chars", decoded.replacements)
        return item


class RepairPipeline(_Stage):
    async def process_item(self, item: Any) -> Any:
        page = ItemAdapter(item)
        page["html"], page["repairs"] = await self.pool.run(repair_html, page["html"])
        for repair in page["repairs"]:
            self.crawler.stats.inc_value(f"newscrawl/repairs/{repair['kind']}", repair["count"])
        return item


class ExtractPipeline(_Stage):
    async def process_item(self, item: Any) -> Any:
        page = ItemAdapter(item)
        try:
            article = await self.pool.run(
                extract_article, page["html"], page["url"], self.spider.profile, page.get("hints")
            )
        except Exception as exc:  # a hostile page must not stop the crawl
            self.spider.logger.exception("extraction failed for %s", page["url"])
            self.spider.archive.record_failure(
                page["url"], "extract-error", run_id=self.spider.run_id, detail=repr(exc)
            )
            raise self.drop("extract-error", page) from exc
        page["article"] = {
            **asdict(article),
            "encoding": page["encoding"],
            "encoding_reason": page["encoding_reason"],
            "repairs": page["repairs"],
        }
        return item


class ValidatePipeline(_Stage):
    async def process_item(self, item: Any) -> Any:
        page = ItemAdapter(item)
        article = page["article"]
        if page.get("verify_article") and not await self.pool.run(
            is_article_page, page["html"], page["url"]
        ):
            raise self.drop("not-an-article", page)
        if not (article.get("title") or "").strip():
            raise self.reject("no-title", page)
        if not (article.get("body") or "").strip():
            raise self.reject("no-body", page)
        return item

    def reject(self, reason: str, page: ItemAdapter) -> DropItem:
        """An article URL that gave no article is a failure: record it per URL, not only count it."""
        self.spider.archive.record_failure(page["url"], reason, run_id=self.spider.run_id)
        return self.drop(reason, page)


class DedupePipeline(_Stage):
    """One article per canonical URL within a run (the archive dedupes across runs)."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.seen: set[str] = set()

    def process_item(self, item: Any) -> Any:
        page = ItemAdapter(item)
        spider = self.spider
        url = canonical_url(page["url"], spider.scheme, spider.profile.mobile_hosts)
        if url in self.seen:
            raise self.drop("duplicate-url", page)
        self.seen.add(url)
        page["article"]["url"] = url
        return item


class ArchivePipeline(_Stage):
    def process_item(self, item: Any) -> Any:
        page = ItemAdapter(item)
        article = page["article"]
        record = {**article, "site": page["site"], "fetched_at": page["fetched_at"]}
        outcome = self.spider.archive.save_article(
            record, page["capture_id"], run_id=self.spider.run_id
        )
        self.crawler.stats.inc_value(f"newscrawl/articles_{outcome}")
        self.spider.logger.info("archived (%s): %s", outcome, article["url"])
        return item
