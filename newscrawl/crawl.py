"""Run the ``regional`` spider from Python (what ``newscrawl crawl`` and ``newscrawl demo`` do)."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from newscrawl import settings as default_settings

logger = logging.getLogger(__name__)


def crawl_settings(db: str, proxy: str | None = None, **overrides: Any) -> Settings:
    """newscrawl's Scrapy settings, independent of the working directory."""
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    settings.set("NEWSCRAWL_DB", db, priority="cmdline")
    if proxy:
        settings.set("NEWSCRAWL_PROXY", proxy, priority="cmdline")
    for key, value in overrides.items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_crawl(
    site: str | None, db: str, proxy: str | None = None, start: str | None = None, **overrides: Any
) -> str:
    """Crawl ``site`` (a profile name or .toml path) into the archive at ``db``, or, with no
    site, the site of ``start`` with no configuration; blocks until done.

    Returns Scrapy's close reason: ``"finished"`` when the run went through, something else
    (``"closespider_pagecount"``, ``"archive_error"``, ``"shutdown"``, ...) otherwise, and
    ``"failed: ..."`` when the crawl could not even start. Twisted's reactor runs once per
    process: call this at most once per process.
    """
    process = CrawlerProcess(crawl_settings(db, proxy, **overrides))
    crawler = process.create_crawler("regional")
    errors: list[str] = []
    deferred = process.crawl(crawler, **({"site": site} if site else {"start": start}))

    def failed(failure: Any) -> None:
        errors.append(failure.getErrorMessage())
        logger.error("the crawl could not run: %s", failure.getErrorMessage())

    deferred.addErrback(failed)
    process.start()
    if errors:
        return f"failed: {errors[0]}"
    return str(crawler.stats.get_value("finish_reason") or "failed: the crawl did not run")
