"""Crawl progress for people watching: a live status line on a terminal, log lines otherwise.

Enable with ``EXTENSIONS = {"newscrawl.progress.Progress": 500}``. Settings:
``NEWSCRAWL_PROGRESS`` (default True) turns it off; ``NEWSCRAWL_PROGRESS_INTERVAL`` is the
seconds between plain log lines when stderr is not a terminal (default 30; the live line
refreshes every second). Everything shown comes from the crawl's stats, so the line agrees
with what the run records in ``crawl_runs``.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, replace
from typing import Any

from rich.console import Console
from rich.live import Live
from rich.text import Text
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector
from scrapy.utils.asyncio import create_looping_call

logger = logging.getLogger(__name__)

LIVE_REFRESH = 1.0


@dataclass(frozen=True)
class Snapshot:
    pages: int
    new: int
    updated: int
    queued: int
    errors: int
    rate: float  # pages per second since the previous snapshot
    elapsed: float

    def line(self) -> str:
        minutes, seconds = divmod(int(self.elapsed), 60)
        return (
            f"{self.pages} pages ({self.rate:.1f}/s), articles {self.new} new, "
            f"{self.updated} updated, {self.queued} queued, {self.errors} errors, "
            f"{minutes}:{seconds:02d} elapsed"
        )


def count_errors(stats: dict[str, Any]) -> int:
    """Pages given up on (HTTP errors, timeouts, DNS: ``newscrawl/failures/*``) plus callbacks
    that raised."""
    failures = sum(v for k, v in stats.items() if k.startswith("newscrawl/failures/"))
    return failures + stats.get("spider_exceptions/count", 0)


class Progress:
    def __init__(self, stats: StatsCollector, interval: float, console: Console | None = None):
        self.stats = stats
        self.interval = interval
        self.console = console or Console(file=sys.stderr)
        self.live: Live | None = None
        self._task: Any = None
        self._started = self._last_time = time.monotonic()
        self._last_pages = 0
        self._swapped: list[tuple[logging.StreamHandler, Any]] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        if not crawler.settings.getbool("NEWSCRAWL_PROGRESS", True):
            raise NotConfigured
        progress = cls(crawler.stats, crawler.settings.getfloat("NEWSCRAWL_PROGRESS_INTERVAL", 30))
        crawler.signals.connect(progress.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
        return progress

    @property
    def on_terminal(self) -> bool:
        return self.console.is_terminal

    def spider_opened(self, spider: Spider) -> None:
        self.start()
        self._task = create_looping_call(self.tick)
        self._task.start(LIVE_REFRESH if self.on_terminal else self.interval, now=self.on_terminal)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self._task is not None and self._task.running:
            self._task.stop()
        self.finish(reason)

    def start(self) -> None:
        self._started = self._last_time = time.monotonic()
        self._last_pages = 0
        if self.on_terminal:
            first = Text(self.snapshot().line())
            self.live = Live(first, console=self.console, refresh_per_second=4, transient=False)
            self.live.start()
            self._route_logging_through_live()

    def snapshot(self) -> Snapshot:
        stats = self.stats.get_stats()
        now = time.monotonic()
        pages = stats.get("response_received_count", 0)
        span = now - self._last_time
        rate = (pages - self._last_pages) / span if span > 0 else 0.0
        self._last_time, self._last_pages = now, pages
        return Snapshot(
            pages=pages,
            new=stats.get("newscrawl/articles_new", 0),
            updated=stats.get("newscrawl/articles_updated", 0),
            queued=stats.get("scheduler/enqueued", 0) - stats.get("scheduler/dequeued", 0),
            errors=count_errors(stats),
            rate=rate,
            elapsed=now - self._started,
        )

    def tick(self) -> None:
        line = self.snapshot().line()
        if self.live is not None:
            self.live.update(Text(line))
        else:
            logger.info("progress: %s", line)

    def finish(self, reason: str) -> None:
        """The last line: totals, with the rate over the whole run."""
        snap = self.snapshot()
        overall = snap.pages / snap.elapsed if snap.elapsed > 0 else 0.0
        line = replace(snap, rate=overall).line()
        if self.live is not None:
            self.live.update(Text(f"crawl {reason}: {line}"))
            self.live.stop()
            self.live = None
            self._restore_logging()
        else:
            logger.info("crawl %s: %s", reason, line)

    def _route_logging_through_live(self) -> None:
        """Log handlers bound to the real stderr would tear the live line: while it is shown,
        they write through the stderr proxy that ``Live`` installs, which prints above it."""
        proxy = sys.stderr
        originals = (self.console.file, getattr(proxy, "rich_proxied_file", None))
        for handler in logging.getLogger().handlers:
            if isinstance(handler, logging.StreamHandler) and not isinstance(
                handler, logging.FileHandler
            ):
                if handler.stream in originals and handler.stream is not proxy:
                    self._swapped.append((handler, handler.setStream(proxy)))

    def _restore_logging(self) -> None:
        for handler, stream in self._swapped:
            handler.setStream(stream)
        self._swapped.clear()
