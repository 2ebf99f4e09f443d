"""A static web server for bundled sites, reachable only on 127.0.0.1.

It serves one or more static trees under fixed host names (``news.xiling.test``). The crawler
uses it as an HTTP proxy, so archived URLs keep their real host whatever port the server got,
and no request ever leaves the machine. Besides files it adds only what files cannot say, from
an optional ``_routes.json`` at the root of a tree::

    {"redirects": {"/old.html": [301, "/new.html"]},
     "headers": {"/page.html": {"Content-Type": "text/html; charset=iso-8859-1"}}}

Missing paths get ``404.html`` (if the tree has one) with status 404. Responses carry ETag and
Last-Modified and answer conditional requests with 304, as real servers do.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import mimetypes
import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".txt": "text/plain",
    ".json": "application/json",
}


class Site:
    def __init__(self, root: Path):
        self.root = root.resolve()
        routes_file = self.root / "_routes.json"
        routes = json.loads(routes_file.read_text("utf-8")) if routes_file.is_file() else {}
        self.redirects: dict[str, list] = routes.get("redirects", {})
        self.headers: dict[str, dict[str, str]] = routes.get("headers", {})

    def resolve(self, path: str) -> Path | None:
        rel = unquote(path).lstrip("/")
        candidate = (self.root / rel).resolve()
        if not candidate.is_relative_to(self.root):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        if not candidate.is_file() or candidate.name.startswith("_"):
            return None
        return candidate


class _Handler(BaseHTTPRequestHandler):
    server: SiteServer._HTTPServer  # type: ignore[name-defined]
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def _serve(self, send_body: bool) -> None:
        self.server.requests.append((self.path, dict(self.headers)))
        parts = urlsplit(self.path)
        host = (parts.hostname or self.headers.get("Host", "")).split(":")[0].lower()
        site = self.server.sites.get(host) or self.server.default_site
        if site is None:
            self._send(404, b"unknown host", {"Content-Type": "text/plain"}, send_body)
            return
        path = parts.path or "/"
        if path in site.redirects:
            status, target = site.redirects[path]
            self._send(status, b"", {"Location": target}, send_body)
            return
        file = site.resolve(path)
        if file is None:
            missing = site.root / "404.html"
            body = missing.read_bytes() if missing.is_file() else b"not found"
            self._send(404, body, {"Content-Type": "text/html"}, send_body)
            return
        body = file.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        mtime = int(file.stat().st_mtime)
        headers = {
            "Content-Type": CONTENT_TYPES.get(file.suffix)
            or mimetypes.guess_type(file.name)[0]
            or "application/octet-stream",
            "ETag": etag,
            "Last-Modified": email.utils.formatdate(mtime, usegmt=True),
            **site.headers.get(path, {}),
        }
        if self._not_modified(etag, mtime):
            self._send(304, b"", {"ETag": etag}, send_body=False)
            return
        self._send(200, body, headers, send_body)

    def _not_modified(self, etag: str, mtime: int) -> bool:
        if inm := self.headers.get("If-None-Match"):
            return etag in [t.strip() for t in inm.split(",")]
        if ims := self.headers.get("If-Modified-Since"):
            try:
                return mtime <= email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                return False
        return False

    def _send(self, status: int, body: bytes, headers: dict[str, str], send_body: bool) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)


class SiteServer:
    """Serve ``{host: directory}`` on 127.0.0.1 in a background thread.

    Use as a context manager; ``proxy`` is the URL to give Scrapy as HTTP proxy.
    """

    class _HTTPServer(ThreadingHTTPServer):
        daemon_threads = True
        sites: dict[str, Site]
        default_site: Site | None
        requests: deque[tuple[str, dict[str, str]]]

    def __init__(self, sites: dict[str, Path], port: int = 0):
        self._httpd = self._HTTPServer(("127.0.0.1", port), _Handler)
        self._httpd.sites = {host.lower(): Site(Path(root)) for host, root in sites.items()}
        self._httpd.default_site = next(iter(self._httpd.sites.values()), None)
        self._httpd.requests = deque(maxlen=10_000)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def requests(self) -> list[tuple[str, dict[str, str]]]:
        """The latest requests received: (request target, headers), oldest first."""
        return list(self._httpd.requests)

    @property
    def proxy(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> SiteServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


DEMO_HOST = "news.xiling.test"
DEMO_ROOT = Path(__file__).resolve().parent.parent / "data" / "demo_site"
