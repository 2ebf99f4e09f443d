"""Properties of the committed demo portal (data/demo_site), read straight from the files."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

SITE = Path(__file__).resolve().parents[1] / "data" / "demo_site"
MANIFEST = json.loads((SITE / "manifest.json").read_text(encoding="utf-8"))
ROUTES = json.loads((SITE / "_routes.json").read_text(encoding="utf-8"))
ARTICLES = MANIFEST["articles"]
HOST = MANIFEST["host"]
PATTERN = re.compile(
    r"^http://news\.xiling\.test/(local|economy|culture|english)/20\d\d-\d\d/\d\d/content_\d+\.html$"
)
DECODER = {"utf-8": "utf-8", "gbk": "gb18030", "big5": "big5hkscs"}
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SM_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def file_for(url: str) -> Path:
    parts = urlsplit(url)
    assert parts.hostname == HOST
    path = SITE / parts.path.lstrip("/")
    return path / "index.html" if path.is_dir() else path


def raw(url: str) -> bytes:
    return file_for(url).read_bytes()


def text_of(article: dict) -> str:
    return raw(article["url"]).decode(DECODER[article["encoding"]])


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.metas: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and (href := dict(attrs).get("href")):
            self.hrefs.append(href)
        if tag == "meta":
            self.metas.append(dict(attrs))


def parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def site_url(href: str) -> str | None:
    """The absolute URL of an in-site link, or None for anchors, scripts and other hosts."""
    if href.startswith(("#", "javascript:")):
        return None
    if href.startswith("/"):
        return f"http://{HOST}{href}"
    return href if urlsplit(href).hostname == HOST else None


def all_html_pages() -> list[Path]:
    return sorted(SITE.rglob("*.html"))


def page_url(path: Path) -> str:
    return f"http://{HOST}/{path.relative_to(SITE).as_posix()}"


def test_size_and_mix_of_articles():
    assert len(ARTICLES) >= 44
    sections = {a["section"] for a in ARTICLES}
    assert len(sections - {"English"}) >= 3
    assert 4 <= sum(a["language"] == "en" for a in ARTICLES) <= 5
    assert sum(a["script"] == "hant" for a in ARTICLES) >= 8
    assert sum(a["encoding"] == "gbk" for a in ARTICLES) >= 8
    assert sum(a["encoding"] == "big5" for a in ARTICLES) >= 5
    assert len({a["url"] for a in ARTICLES}) == len(ARTICLES)
    assert len({a["body"] for a in ARTICLES}) == len(ARTICLES)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["url"].rsplit("/", 1)[-1])
def test_article_file_decodes_as_stated(article: dict):
    data = raw(article["url"])
    text = data.decode(DECODER[article["encoding"]])  # strict
    head = text[:2000].lower()
    if article["encoding"] == "gbk":
        assert 'charset=gb2312"' in head
        with pytest.raises(UnicodeDecodeError):
            data.decode("gb2312")
    elif article["encoding"] == "big5":
        assert "charset" not in text.lower()
        assert "encoding=" not in head
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    else:
        assert '<meta charset="utf-8">' in head


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["url"].rsplit("/", 1)[-1])
def test_article_fields_are_consistent(article: dict):
    assert PATTERN.match(article["url"])
    assert re.fullmatch(r"2024-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", article["published_at"])
    y, m, d = article["published_at"][:10].split("-")
    assert f"/{y}-{m}/{d}/" in article["url"]
    paragraphs = article["body"].split("\n")
    assert 4 <= len(paragraphs) <= 25 and all(p.strip() == p and p for p in paragraphs)
    assert (article["language"] == "en") == (article["script"] is None)
    html = text_of(article)
    assert article["title"] in html or article["url"].endswith("content_1001.html")
    for name in article["author"]:
        assert name in html
    if article["editor"]:
        assert article["editor"] in html
    for marker in MANIFEST["footer_markers"]:
        assert marker not in article["body"]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["url"].rsplit("/", 1)[-1])
def test_article_body_paragraphs_are_on_the_page(article: dict):
    if article["url"].endswith("content_1001.html"):
        pytest.skip("the seed mirror carries its body only in damaged form")
    html = text_of(article)
    for paragraph in article["body"].split("\n"):
        assert escape(paragraph) in html


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["url"].rsplit("/", 1)[-1])
def test_every_article_links_back_into_the_site(article: dict):
    links = parse(text_of(article))
    targets = {u for h in links.hrefs if (u := site_url(h))}
    assert f"http://{HOST}/index.html" in targets
    assert any(PATTERN.match(u) for u in targets - {article["url"]})


def test_every_html_page_has_the_footer():
    for path in all_html_pages():
        data = path.read_bytes()
        text = data.decode("utf-8", errors="replace")
        if b"charset=gb2312" in data[:2000]:
            text = data.decode("gb18030")
        elif b"charset" not in data:
            text = data.decode("big5hkscs")
        text = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), text)
        for marker in MANIFEST["footer_markers"]:
            assert marker in text, (path, marker)


def test_pattern_matches_exactly_the_articles():
    article_urls = {a["url"] for a in ARTICLES}
    matching_files = {page_url(p) for p in all_html_pages() if PATTERN.match(page_url(p))}
    assert matching_files == article_urls
    for entry in MANIFEST["non_articles"]:
        assert not PATTERN.match(entry["url"]), entry


def test_non_articles_exist_as_described():
    kinds = {e["kind"] for e in MANIFEST["non_articles"]}
    assert kinds >= {"about", "gallery", "video", "missing", "redirect", "list", "tag", "search"}
    for entry in MANIFEST["non_articles"]:
        path = urlsplit(entry["url"]).path
        if entry["kind"] == "missing":
            assert not file_for(entry["url"]).exists() and path not in ROUTES["redirects"]
        elif entry["kind"] == "redirect":
            status, target = ROUTES["redirects"][path]
            assert status == 301 and f"http://{HOST}{target}" in {a["url"] for a in ARTICLES}
            assert not file_for(entry["url"]).exists()
        else:
            assert file_for(entry["url"]).is_file(), entry


def test_every_non_article_is_linked_from_the_site():
    linked = set()
    for path in all_html_pages():
        text = path.read_bytes().decode("latin-1")  # hrefs are ASCII whatever the encoding
        linked |= {u for h in parse(text).hrefs if (u := site_url(h))}
    for entry in MANIFEST["non_articles"]:
        assert entry["url"] in linked, entry


def test_list_trap_looks_like_an_article():
    entry = next(e for e in MANIFEST["non_articles"] if e["kind"] == "list")
    html = raw(entry["url"]).decode("utf-8")
    assert "<h1>" in html and re.search(r"20\d\d-\d\d-\d\d \d\d:\d\d", html)
    assert sum(bool(PATTERN.match(u or "")) for u in map(site_url, parse(html).hrefs)) >= 3


def test_routes_only_point_at_real_pages():
    for path, (_, target) in ROUTES["redirects"].items():
        assert not PATTERN.match(f"http://{HOST}{path}")
        assert (SITE / target.lstrip("/")).is_file()
    charsets = {}
    for path, headers in ROUTES["headers"].items():
        assert (SITE / path.lstrip("/")).is_file()
        charsets[path] = headers["Content-Type"].split("charset=")[1]
    by_path = {urlsplit(a["url"]).path: a for a in ARTICLES}
    wrong = {(by_path[p]["encoding"], c) for p, c in charsets.items()}
    assert ("utf-8", "iso-8859-1") in wrong and ("gbk", "utf-8") in wrong


def test_news_sitemap_lists_every_article_once():
    root = ET.fromstring(raw(f"http://{HOST}/sitemap_news.xml"))
    by_url = {a["url"]: a for a in ARTICLES}
    seen = []
    for url in root.iter(f"{SM_NS}url"):
        loc = url.findtext(f"{SM_NS}loc")
        seen.append(loc)
        date = url.findtext(f"{NEWS_NS}news/{NEWS_NS}publication_date")
        assert date == by_url[loc]["published_at"] and date.endswith("+08:00")
        assert url.findtext(f"{NEWS_NS}news/{NEWS_NS}title") == by_url[loc]["title"]
    assert sorted(seen) == sorted(by_url)


def test_rss_lists_the_latest_articles():
    channel = ET.fromstring(raw(f"http://{HOST}/rss.xml")).find("channel")
    links = [item.findtext("link") for item in channel.iter("item")]
    newest = sorted(ARTICLES, key=lambda a: a["published_at"], reverse=True)[:20]
    assert links == [a["url"] for a in newest]


def test_robots_points_at_the_sitemap_and_hides_search():
    robots = raw(f"http://{HOST}/robots.txt").decode()
    assert f"Sitemap: http://{HOST}/sitemap_news.xml" in robots
    search = next(e for e in MANIFEST["non_articles"] if e["kind"] == "search")
    disallowed = [
        line.split(":", 1)[1].strip()
        for line in robots.splitlines()
        if line.startswith("Disallow:")
    ]
    assert any(urlsplit(search["url"]).path.startswith(d) for d in disallowed if d)


def test_section_pagination_chains_every_article():
    listed = set()
    for section in ["local", "economy", "culture", "english"]:
        url = f"http://{HOST}/{section}/index.html"
        pages = 0
        while url:
            links = parse(raw(url).decode("utf-8")).hrefs
            items = [u for h in links if (u := site_url(h)) and PATTERN.match(u)]
            assert 1 <= len(set(items)) <= 12
            listed |= set(items)
            pages += 1
            nxt = re.search(r'<a href="([^"]+)">(?:下一页|Next)</a>', raw(url).decode("utf-8"))
            url = site_url(nxt.group(1)) if nxt else None
        if section == "local":
            assert pages >= 3
    assert listed == {a["url"] for a in ARTICLES}


def test_seed_mirror_keeps_its_faults():
    seed = next(a for a in ARTICLES if a["title"] == "以科技創新開辟發展新領域新賽道")
    html = text_of(seed)
    assert "<title>自拍偷拍亚洲一区二区_" in html
    assert "創(chuàng)新" in html and "?!敝艹\ue0df形瘑T表示" in html
    assert "發(fā)布時間:2024-03-07 14:52:00來源: 河北日報" in html
    assert "(記者貢憲云)" in html and "(責編:李文治)" in html and "版權聲明:凡注明" in html
    assert seed["author"] == ["貢憲云"] and seed["editor"] == "李文治"
    assert seed["source"] == "河北日報" and seed["published_at"] == "2024-03-07T14:52:00+08:00"
    assert "(chuàng)" not in seed["body"] and "記者" not in seed["body"]
