"""A real HTTP server on 127.0.0.1 that misbehaves in every way the web does, one way per URL.

The crawler reaches it as an HTTP proxy (like ``newscrawl.demo_server``), so the site keeps its
host name ``faults.test``. ``CASES`` is the catalogue: each fault URL, what the server does there
and what the crawl must make of it (``archived``: the article is in ``articles``; ``failed``:
the URL is in ``failures`` with a reason starting with the given text; ``recorded``: archived,
failed or at least captured).
Every sleep and stream is bounded in time and size, so a test can never hang on the server.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from tests.faults.pages import article, article_html

HOST = "faults.test"
NO_ROBOTS_HOST = f"norobots.{HOST}"
BUSY_ROBOTS_HOST = f"busyrobots.{HOST}"
OFFSITE_HOST = "elsewhere.test"
GOOD = {n: enc for n, enc in enumerate(("utf-8", "gbk", "big5", "gb18030", "utf-8", "gbk"), 1)}
SLOW_SECONDS = 5.0  # longer than the DOWNLOAD_TIMEOUT the fault crawl runs with
QUERY_VARIANTS = 60

# Magic bytes of real binary formats, padded to look like a file.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n" + bytes(8000)
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + zlib.compress(bytes(range(256)) * 50)


@dataclass(frozen=True)
class Case:
    path: str
    expect: str  # "archived" | "failed" | "recorded"
    reason: str = ""  # the start of the failure reason, for "failed"
    what: str = ""


CASES = [
    Case("/news/slow-first-byte.html", "failed", "DownloadTimeoutError", "no byte for 5 s"),
    Case("/news/slow-trickle.html", "failed", "DownloadTimeoutError", "a byte every 0.5 s"),
    Case("/news/reset.html", "failed", "ResponseDataLossError", "TCP reset mid-body"),
    Case("/news/truncated.html", "failed", "ResponseDataLossError", "short body"),
    Case("/news/too-many-requests.html", "archived", what="429 Retry-After: 1, then the page"),
    Case("/news/unavailable-date.html", "archived", what="503 Retry-After as HTTP date, then ok"),
    Case("/news/unavailable-long.html", "failed", "RetryAfterTooLong", "503 Retry-After: 3600"),
    Case("/news/flaky.html", "archived", what="500 twice, then the page"),
    Case("/news/broken.html", "failed", "http 500", "500 every time"),
    Case("/news/loop-a.html", "failed", "RedirectLoop", "a -> b -> a"),
    Case("/news/self-redirect.html", "failed", "RedirectLoop", "redirects to itself"),
    Case("/news/offsite-redirect.html", "failed", "OffsiteRedirect", "302 to elsewhere.test"),
    Case("/news/gzip-bomb.html", "failed", "IgnoreRequest", "100 MB of zeros gzipped"),
    Case("/news/huge.html", "failed", "DownloadCancelledError", "50 MB, Content-Length"),
    Case("/news/huge-stream.html", "failed", "DownloadCancelledError", "50 MB, no length"),
    Case("/news/image.html", "failed", "BinaryContent", "PNG as text/html"),
    Case("/news/pdf.html", "failed", "BinaryContent", "PDF as text/html"),
    Case("/news/zip.html", "failed", "BinaryContent", "zip as text/html"),
    Case("/news/empty.html", "failed", "no-title", "empty 200"),
    Case("/news/deep.html", "recorded", what="10,000 nested divs around the article"),
    Case("/news/malformed.html", "archived", what="unclosed tags, stray brackets, bad attributes"),
    Case("/news/unknown-charset.html", "archived", what="charset=x-martian on a GBK page"),
    Case("/news/huge-paragraph.html", "recorded", what="one 1 MB paragraph"),
    Case("/news/bad-header.html", "archived", what="invalid UTF-8 bytes in headers"),
    Case(f"http://{NO_ROBOTS_HOST}/news/good-7.html", "failed", "robots.txt", "robots.txt 500s"),
    Case(
        f"http://{BUSY_ROBOTS_HOST}/news/good-8.html",
        "failed",
        "robots.txt",
        "robots.txt 503, Retry-After: 3600",
    ),
]


def fault_urls() -> list[str]:
    return [c.path if c.path.startswith("http") else f"http://{HOST}{c.path}" for c in CASES]


def _index() -> bytes:
    links = [f'<a href="/news/good-{n}.html">good {n}</a>' for n in GOOD]
    links += [f'<a href="{url}">{url}</a>' for url in fault_urls()]
    links += [
        f'<a href="/news/good-1.html?v={i}&amp;s=list">variant {i}</a>'
        for i in range(QUERY_VARIANTS)
    ]
    links.append('<a href="/calendar/2024-03-07.html">calendar</a>')
    links.append('<a href="/list.html?page=1">all news</a>')
    links.append(f'<a href="http://{OFFSITE_HOST}/news/good-1.html">elsewhere</a>')
    links.append('<a href="javascript:alert(1)">js</a> <a href="file:///etc/passwd">file</a>')
    body = "<br>\n".join(links)
    return f"<html><head><title>故障测试网</title></head><body>{body}</body></html>".encode()


def _calendar(day: str) -> bytes:
    """An endless calendar: every day links to the day before and after, forever."""
    t = time.mktime(time.strptime(day, "%Y-%m-%d"))
    prev, nxt = (time.strftime("%Y-%m-%d", time.localtime(t + d * 86400)) for d in (-1, 1))
    return (
        f'<html><body><h1>{day}</h1><a href="/calendar/{prev}.html">prev</a> '
        f'<a href="/calendar/{nxt}.html">next</a></body></html>'
    ).encode()


def _nested(depth: int) -> bytes:
    a = article(90)
    inner = "".join(f"<p>{p}</p>" for p in a.paragraphs)
    return (
        f"<html><head><title>{a.title}</title></head><body><h1>{a.title}</h1>"
        + "<div>" * depth
        + inner
        + "</div>" * depth
        + "</body></html>"
    ).encode()


def _malformed() -> bytes:
    a = article(91)
    page = article_html(a).decode()
    page = page.replace("</p>", "").replace("</div>", "", 2).replace('class="', "class=\"'<<")
    return (page[:200] + "<<<>>><div <p =>< /a>" + page[200:] + "<table><tr><td>").encode()


def _huge_paragraph() -> bytes:
    a = article(92)
    text = ("".join(a.paragraphs) * 400)[: 1024 * 1024 // 3]
    return f"<html><head><title>{a.title}</title></head><body><h1>{a.title}</h1><p>{text}</p></body></html>".encode()


def _gzip_bomb() -> bytes:
    """100 MB of zeros as a ~100 KB gzip stream (wbits=31 writes the gzip framing)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1024 * 1024)
    return b"".join(compressor.compress(chunk) for _ in range(100)) + compressor.flush()


class _Handler(BaseHTTPRequestHandler):
    server: FaultServer._HTTPServer  # type: ignore[name-defined]
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        host = (parts.hostname or self.headers.get("Host", "")).split(":")[0].lower()
        path = parts.path or "/"
        self.server.log(host, path, parts.query)
        count = self.server.hits(host, path)
        handler = ROUTES.get(path) if host == HOST else None
        try:
            if host in (NO_ROBOTS_HOST, BUSY_ROBOTS_HOST):
                self._norobots(host, path)
            elif handler is not None:
                handler(self, count)
            elif host == HOST and path.startswith("/news/good-"):
                self._good(path)
            elif host == HOST and path.startswith("/calendar/"):
                self._page(_calendar(path.removeprefix("/calendar/").removesuffix(".html")))
            elif host == HOST and path == "/list.html":
                page = int(parts.query.removeprefix("page=") or 1)
                self._page(f'<a href="/list.html?page={page + 1}">next</a>'.encode())
            else:
                self._send(404, b"not found")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler gave up on us: that is the point of most cases

    # --- plain answers -----------------------------------------------------------------------

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _page(self, body: bytes, headers: dict[str, str] | None = None) -> None:
        self._send(200, body, headers)

    def _good(self, path: str) -> None:
        n = int(path.removeprefix("/news/good-").removesuffix(".html"))
        if n not in GOOD:
            self._send(404, b"not found")
            return
        self._page(article_html(article(n, GOOD[n])), {"Content-Type": "text/html"})

    def _norobots(self, host: str, path: str) -> None:
        if path != "/robots.txt":
            self._page(article_html(article(7)))
        elif host == NO_ROBOTS_HOST:
            self._send(500, b"<html>Internal Server Error</html>")
        else:
            self._send(503, b"<html>Busy</html>", {"Retry-After": "3600"})

    # --- the faults --------------------------------------------------------------------------

    def _stop_after(self, seconds: float) -> bool:
        return self.server.stopping.wait(seconds)

    def slow_first_byte(self, count: int) -> None:
        self._stop_after(SLOW_SECONDS)

    def slow_trickle(self, count: int) -> None:
        body = article_html(article(80))
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for i in range(0, min(len(body), 40)):
            if self._stop_after(0.5):
                return
            self.wfile.write(body[i : i + 1])
            self.wfile.flush()

    def reset(self, count: int) -> None:
        body = article_html(article(81))
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 3])
        self.wfile.flush()
        time.sleep(0.05)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

    def truncated(self, count: int) -> None:
        body = article_html(article(82))
        self.send_response(200)
        self.send_header("Content-Length", str(len(body) * 2))
        self.end_headers()
        self.wfile.write(body)

    def too_many_requests(self, count: int) -> None:
        if count == 1:
            self._send(429, b"slow down", {"Retry-After": "1"})
        else:
            self._page(article_html(article(83)))

    def unavailable_date(self, count: int) -> None:
        if count == 1:
            when = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 2))
            self._send(503, b"maintenance", {"Retry-After": when})
        else:
            self._page(article_html(article(84)))

    def unavailable_long(self, count: int) -> None:
        self._send(503, b"come back tomorrow", {"Retry-After": "3600"})

    def flaky(self, count: int) -> None:
        if count <= 2:
            self._send(500, b"oops")
        else:
            self._page(article_html(article(85)))

    def broken(self, count: int) -> None:
        self._send(500, b"oops")

    def loop_a(self, count: int) -> None:
        self._send(302, b"", {"Location": "/news/loop-b.html"})

    def loop_b(self, count: int) -> None:
        self._send(301, b"", {"Location": f"http://{HOST}/news/loop-a.html"})

    def self_redirect(self, count: int) -> None:
        self._send(307, b"", {"Location": "self-redirect.html"})

    def offsite_redirect(self, count: int) -> None:
        self._send(302, b"", {"Location": f"http://{OFFSITE_HOST}/news/good-1.html"})

    def gzip_bomb(self, count: int) -> None:
        self._page(self.server.gzip_bomb, {"Content-Encoding": "gzip"})

    def huge(self, count: int, declare: bool = True) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if declare:
            self.send_header("Content-Length", str(50 * 1024 * 1024))
        self.end_headers()
        chunk = b"<p>" + "大".encode() * 20000 + b"</p>\n"
        sent = 0
        while sent < 50 * 1024 * 1024 and not self.server.stopping.is_set():
            self.wfile.write(chunk)
            sent += len(chunk)

    def huge_stream(self, count: int) -> None:
        self.huge(count, declare=False)

    def image(self, count: int) -> None:
        self._page(PNG)

    def pdf(self, count: int) -> None:
        self._page(PDF)

    def zip(self, count: int) -> None:
        self._page(ZIP)

    def empty(self, count: int) -> None:
        self._page(b"")

    def deep(self, count: int) -> None:
        self._page(_nested(10_000))

    def malformed(self, count: int) -> None:
        self._page(_malformed())

    def unknown_charset(self, count: int) -> None:
        page = article_html(article(93, "gbk")).replace(b'charset="gbk"', b'charset="x-martian"')
        self._page(page, {"Content-Type": "text/html; charset=x-martian"})

    def huge_paragraph(self, count: int) -> None:
        self._page(_huge_paragraph())

    def bad_header(self, count: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self._headers_buffer.append(b"X-Title: \xff\xfe\xe4\xb8 broken \xc3\x28\r\n")
        self._headers_buffer.append(
            b'Content-Disposition: inline; filename="\xe6\x96\xb0\x80.html"\r\n'
        )
        body = article_html(article(94))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _route(name: str) -> Callable[[_Handler, int], None]:
    return getattr(_Handler, name.replace("-", "_"))


ROUTES: dict[str, Callable[[_Handler, int], None]] = {
    "/": lambda h, _count: h._page(_index()),
    "/robots.txt": lambda h, _count: h._page(b"User-agent: *\nDisallow: /private/\n"),
    "/news/loop-b.html": _route("loop-b"),
    **{c.path: _route(c.path[6:-5]) for c in CASES if c.path.startswith("/news/")},
}


class FaultServer:
    """The fault site on 127.0.0.1 in a background thread; ``requests`` logs every request."""

    class _HTTPServer(ThreadingHTTPServer):
        daemon_threads = True
        block_on_close = False
        request_queue_size = 128  # the crawler opens many connections at once
        stopping: threading.Event
        gzip_bomb: bytes

        def handle_error(self, request: object, client_address: object) -> None:
            pass  # clients that hang up on a misbehaving server are expected here

        def log(self, host: str, path: str, query: str) -> None:
            with self.lock:
                self.requests.append((time.monotonic(), host, path, query))

        def hits(self, host: str, path: str) -> int:
            with self.lock:
                return sum(1 for _t, h, p, _q in self.requests if (h, p) == (host, path))

    def __init__(self) -> None:
        self._httpd = self._HTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.stopping = threading.Event()
        self._httpd.lock = threading.Lock()  # type: ignore[attr-defined]
        self._httpd.requests = []  # type: ignore[attr-defined]
        self._httpd.gzip_bomb = _gzip_bomb()
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def requests(self) -> list[tuple[float, str, str, str]]:
        """``(monotonic time, host, path, query)`` of every request so far."""
        with self._httpd.lock:  # type: ignore[attr-defined]
            return list(self._httpd.requests)  # type: ignore[attr-defined]

    @property
    def proxy(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
