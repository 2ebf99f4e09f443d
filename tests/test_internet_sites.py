"""Static checks of the fixture "internet" (tests/internet/<host>/) that the zero-configuration
crawl test runs over: manifests agree with the files, every page is reachable the way a crawler
reaches it, and the article decisions are right for every page."""

import json
import re
import urllib.request
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from newscrawl.articleness import ARTICLE_URL_THRESHOLD, is_article_page, url_score
from newscrawl.clean.decode import decode_html
from newscrawl.demo_server import Site, SiteServer
from newscrawl.discovery import parse_feed, parse_sitemap

INTERNET = Path(__file__).parent / "internet"
HOSTS = sorted(p.name for p in INTERNET.iterdir() if (p / "manifest.json").is_file())
NOT_PAGES = {"manifest.json", "_routes.json", "robots.txt", "404.html"}


def _manifest(host: str) -> dict:
    return json.loads((INTERNET / host / "manifest.json").read_text(encoding="utf-8"))


def _urls(host: str) -> tuple[list[str], list[str]]:
    manifest = _manifest(host)
    return [a["url"] for a in manifest["articles"]], manifest["non_articles"]


def _file(site: Site, url: str) -> Path:
    path = urlsplit(url).path
    if path in site.redirects:
        path = urlsplit(urljoin(url, site.redirects[path][1])).path
    file = site.resolve(path)
    assert file is not None, url
    return file


def _content_type(site: Site, url: str) -> str | None:
    return site.headers.get(urlsplit(url).path, {}).get("Content-Type")


def _html(site: Site, url: str) -> str:
    return decode_html(_file(site, url).read_bytes(), _content_type(site, url)).text


def test_there_are_four_sites_of_different_kinds():
    assert len(HOSTS) == 4
    robots_sitemaps = [h for h in HOSTS if "Sitemap:" in _read(h, "robots.txt")]
    assert robots_sitemaps and len(robots_sitemaps) < len(HOSTS)
    assert any(urlsplit(u).path.endswith(".shtml") for h in HOSTS for u in _urls(h)[0])


def _read(host: str, name: str) -> str:
    file = INTERNET / host / name
    return file.read_text(encoding="utf-8") if file.is_file() else ""


@pytest.mark.parametrize("host", HOSTS)
def test_manifest_lists_every_page_once_and_each_exists(host):
    manifest = _manifest(host)
    assert manifest["host"] == host
    site = Site(INTERNET / host)
    articles, others = _urls(host)
    assert len(articles) >= 3 and len(set(articles + others)) == len(articles + others)
    for article in manifest["articles"]:
        assert set(article) == {"url", "title", "published_at", "author"}
    files = {_file(site, url) for url in articles + others}
    pages = {
        f
        for f in (INTERNET / host).rglob("*")
        if f.is_file() and f.name not in NOT_PAGES and f.suffix != ".xml"
    }
    assert files == pages


def _crawl(host: str) -> set[str]:
    """Every URL of the host a crawler finds from its home page, robots.txt Sitemap lines,
    sitemaps (and indexes) and feeds announced with <link rel=alternate>."""
    site = Site(INTERNET / host)
    scheme = urlsplit(_manifest(host)["articles"][0]["url"]).scheme
    home = f"{scheme}://{host}/"
    queue = deque([home])
    queue.extend(re.findall(r"(?im)^sitemap:\s*(\S+)", _read(host, "robots.txt")))
    seen: set[str] = set()
    while queue:
        url = queue.popleft().split("#")[0]
        if url in seen or urlsplit(url).hostname != host:
            continue
        seen.add(url)
        file = site.resolve(urlsplit(url).path)
        if urlsplit(url).path in site.redirects:
            queue.append(urljoin(url, site.redirects[urlsplit(url).path][1]))
            continue
        if file is None:
            continue
        raw = file.read_bytes()
        if file.suffix == ".xml":
            kind, entries = parse_sitemap(raw)
            entries = entries if kind != "unknown" else parse_feed(raw)
            queue.extend(e.url for e in entries)
            continue
        tree = lxml.html.document_fromstring(_html(site, url))
        for href in tree.xpath("//a/@href | //link[@rel='alternate']/@href"):
            queue.append(urljoin(url, href.strip()))
    return seen


@pytest.mark.parametrize("host", HOSTS)
def test_every_page_is_reachable_by_links_sitemaps_or_feeds(host):
    reached = _crawl(host)
    articles, others = _urls(host)
    assert set(articles) <= reached, set(articles) - reached
    assert set(others) <= reached, set(others) - reached


@pytest.mark.parametrize("host", HOSTS)
def test_articleness_is_right_for_every_page(host):
    site = Site(INTERNET / host)
    articles, others = _urls(host)
    for url in articles:
        assert url_score(url) >= ARTICLE_URL_THRESHOLD, url
        assert is_article_page(_html(site, url), url), url
    for url in others:
        assert not is_article_page(_html(site, url), url), url


@pytest.mark.parametrize("host", HOSTS)
def test_manifest_fields_are_what_the_page_shows(host):
    site = Site(INTERNET / host)
    for article in _manifest(host)["articles"]:
        text = " ".join(lxml.html.document_fromstring(_html(site, article["url"])).itertext())
        assert article["title"] in text
        for name in article["author"]:
            assert name in text
        year, month, day = (int(x) for x in article["published_at"][:10].split("-"))
        assert re.search(rf"{year}\D{{1,3}}0?{month}\D{{1,3}}0?{day}(?!\d)|\b{day}, {year}", text)


def test_the_sites_use_the_encodings_regional_sites_use():
    gbk = (INTERNET / "news.jzdaily.test" / "xw" / "2024" / "0307" / "40211.html").read_bytes()
    assert b"charset=gb2312" in gbk
    big5 = (INTERNET / "www.haixia.test" / "news" / "local" / "content_5101.shtml").read_bytes()
    assert b"charset" not in big5.lower()
    for raw in (gbk, big5):
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
    assert "港口新設郵輪碼頭今夏啟用" in big5.decode("big5")


def test_the_server_serves_each_site_under_its_host_name():
    sites = {host: INTERNET / host for host in HOSTS}
    with SiteServer(sites) as server:
        proxy = urllib.request.ProxyHandler({"http": server.proxy})
        opener = urllib.request.build_opener(proxy)
        for host in HOSTS:
            site = Site(INTERNET / host)
            for url in _urls(host)[0][:2] + _urls(host)[1][:2]:
                plain = "http://" + url.split("://", 1)[1]
                with opener.open(plain, timeout=5) as response:
                    assert response.status == 200
                    assert response.read() == _file(site, url).read_bytes()
