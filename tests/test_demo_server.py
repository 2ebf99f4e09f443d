"""The local site server, driven over real HTTP on 127.0.0.1."""

import http.client
import json
from pathlib import Path

import pytest

from newscrawl.demo_server import SiteServer


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<h1>A</h1>", encoding="utf-8")
    (tmp_path / "p.html").write_bytes("<p>中文</p>".encode("gbk"))
    (tmp_path / "404.html").write_text("gone", encoding="utf-8")
    (tmp_path / "_routes.json").write_text(
        json.dumps(
            {
                "redirects": {"/old.html": [301, "/p.html"]},
                "headers": {"/p.html": {"Content-Type": "text/html; charset=utf-8"}},
            }
        ),
        encoding="utf-8",
    )
    return tmp_path


def fetch(server: SiteServer, target: str, headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("GET", target, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def test_serves_files_by_host_through_proxy_style_requests(site: Path):
    with SiteServer({"news.example.test": site}) as server:
        response, body = fetch(server, "http://news.example.test/a/")
        assert (response.status, body) == (200, b"<h1>A</h1>")
        assert response.getheader("Content-Type") == "text/html"
        response, body = fetch(server, "/p.html", {"Host": "news.example.test"})
        assert body == "<p>中文</p>".encode("gbk")
        assert response.getheader("Content-Type") == "text/html; charset=utf-8"


def test_redirects_404_and_no_escape_from_the_root(site: Path):
    with SiteServer({"news.example.test": site}) as server:
        response, _ = fetch(server, "http://news.example.test/old.html")
        assert (response.status, response.getheader("Location")) == (301, "/p.html")
        response, body = fetch(server, "http://news.example.test/nope.html")
        assert (response.status, body) == (404, b"gone")
        response, _ = fetch(server, "http://news.example.test/../../etc/passwd")
        assert response.status == 404
        response, _ = fetch(server, "http://news.example.test/_routes.json")
        assert response.status == 404


def test_conditional_requests_get_304(site: Path):
    with SiteServer({"news.example.test": site}) as server:
        response, _ = fetch(server, "http://news.example.test/a/")
        etag, modified = response.getheader("ETag"), response.getheader("Last-Modified")
        response, body = fetch(server, "http://news.example.test/a/", {"If-None-Match": etag})
        assert (response.status, body) == (304, b"")
        response, _ = fetch(server, "http://news.example.test/a/", {"If-Modified-Since": modified})
        assert response.status == 304
