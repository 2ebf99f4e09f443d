"""Run the cleaning functions on the machine's other cores while Scrapy keeps fetching.

Decoding, repair and extraction are pure CPU work; in the crawl's own process they compete
with Scrapy for one core. With ``NEWSCRAWL_CLEAN_WORKERS = N`` (N > 0) the pipelines send them
to N worker processes and await the result, so fetching, parsing links and archiving go on
meanwhile. With 0 (the default) they run in the crawl's process, which is simplest and best
when the network, not the CPU, sets the pace (a polite crawl of a real site).
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.crawler import Crawler

T = TypeVar("T")
_POOLS: WeakKeyDictionary[Crawler, CleaningPool] = WeakKeyDictionary()


class CleaningPool:
    def __init__(self, workers: int):
        # spawn, not fork: the crawl process runs threads (Twisted's pool, the site lock's
        # owner) and a forked child could inherit a held lock.
        self.executor = (
            ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
            if workers > 0
            else None
        )

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> CleaningPool:
        """The crawl's one pool, shared by all pipeline stages and closed with the spider."""
        if crawler not in _POOLS:
            pool = cls(crawler.settings.getint("NEWSCRAWL_CLEAN_WORKERS", 0))
            crawler.signals.connect(pool.close, signal=signals.spider_closed)
            _POOLS[crawler] = pool
        return _POOLS[crawler]

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        if self.executor is None:
            return fn(*args)
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
