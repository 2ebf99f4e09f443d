"""Downloader middleware that routes every request through a local proxy when asked.

``newscrawl demo`` and the tests serve sites under their real host names from 127.0.0.1; with
``NEWSCRAWL_PROXY`` set, every request (robots.txt included) goes to that proxy, so archived
URLs keep their real host and nothing leaves the machine.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler


class LocalProxyMiddleware:
    def __init__(self, proxy: str | None):
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LocalProxyMiddleware:
        return cls(crawler.settings.get("NEWSCRAWL_PROXY"))

    def process_request(self, request: Request) -> None:
        if self.proxy:
            request.meta["proxy"] = self.proxy
