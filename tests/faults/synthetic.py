"""A well-behaved synthetic news site of any size on 127.0.0.1, for crash and load runs.

``synth.test`` serves a sitemap index, one sitemap per 1,000 articles and article pages built on
the fly by ``tests.faults.pages`` (page ``n`` is always the same bytes). Pages are 20-80 KB of
realistic markup in a mix of encodings (UTF-8, GBK, GB18030, Big5), like a regional portal.
"""

from __future__ import annotations

import random
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from tests.faults.pages import article, article_html

HOST = "synth.test"
PER_SITEMAP = 1000
ENCODINGS = ("utf-8", "utf-8", "gbk", "gb18030", "big5")
ARTICLE_PATTERN = r"^http://synth\.test/news/a-\d+\.html$"


def article_url(n: int) -> str:
    return f"http://{HOST}/news/a-{n}.html"


def page(n: int, size: int, min_kb: int = 20, max_kb: int = 80) -> bytes:
    """Article ``n`` of a site of ``size``: its encoding and length are fixed by ``n``."""
    rng = random.Random(n * 7919)
    encoding = ENCODINGS[n % len(ENCODINGS)]
    padding = max(0, rng.randint(min_kb, max_kb) * 1024 - 4096)
    return article_html(article(n, encoding), "/news/a-{}.html", padding, link_max=size)


def profile_fields() -> dict[str, object]:
    return {
        "domains": [HOST],
        "sitemaps": [f"http://{HOST}/sitemap.xml"],
        "article_pattern": ARTICLE_PATTERN,
        "autothrottle": False,
    }


class _Handler(BaseHTTPRequestHandler):
    server: SyntheticSite._HTTPServer  # type: ignore[name-defined]
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        size = self.server.size
        if path == "/robots.txt":
            self._send(b"User-agent: *\nAllow: /\n", "text/plain")
        elif path == "/sitemap.xml":
            count = (size + PER_SITEMAP - 1) // PER_SITEMAP
            items = "".join(
                f"<sitemap><loc>http://{HOST}/sitemap-{i}.xml</loc></sitemap>" for i in range(count)
            )
            self._send(self._urlset("sitemapindex", items), "application/xml")
        elif path.startswith("/sitemap-"):
            i = int(path.removeprefix("/sitemap-").removesuffix(".xml"))
            numbers = range(i * PER_SITEMAP, min(size, (i + 1) * PER_SITEMAP))
            items = "".join(f"<url><loc>{article_url(n)}</loc></url>" for n in numbers)
            self._send(self._urlset("urlset", items), "application/xml")
        elif path.startswith("/news/a-"):
            n = int(path.removeprefix("/news/a-").removesuffix(".html"))
            if n < size:
                self._send(page(n, size, *self.server.kb), "text/html")
            else:
                self._send(b"not found", "text/html", 404)
        else:
            self._send(b"not found", "text/html", 404)

    @staticmethod
    def _urlset(tag: str, items: str) -> bytes:
        ns = "http://www.sitemaps.org/schemas/sitemap/0.9"
        return f'<?xml version="1.0" encoding="UTF-8"?><{tag} xmlns="{ns}">{items}</{tag}>'.encode()

    def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class SyntheticSite:
    """``size`` articles of ``kb`` = (min, max) KB each, served on 127.0.0.1 in a thread."""

    class _HTTPServer(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128
        size: int
        kb: tuple[int, int]

        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a killed crawler hangs up mid-response; that is expected

    def __init__(self, size: int, kb: tuple[int, int] = (20, 80)):
        self._httpd = self._HTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.size = size
        self._httpd.kb = kb
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def proxy(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> SyntheticSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
