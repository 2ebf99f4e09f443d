"""Regenerate data/demo_site/ (the bundled 西岭新闻网 demo portal) from data/demo_src/.

Run from anywhere: `.venv/bin/python data/demo_src/build.py`. The output is deterministic:
the same sources give the same bytes, so the committed site only changes with its sources.
"""

from __future__ import annotations

import json
import shutil
import struct
import zlib
from pathlib import Path

import site_pages
from article_page import render_article
from frame import ABOUT, CSS, FOOTER_MARKERS, GALLERY, LOGO, MISSING, SEARCH, SPECIAL, VIDEO
from model import BASE, HOST, SECTIONS, TAGS, Article, load_articles

SRC = Path(__file__).resolve().parent
OUT = SRC.parent / "demo_site"

STYLE = """body{font:14px/1.8 "Microsoft YaHei",SimSun,sans-serif;margin:0;color:#333}
.nav{display:flex;gap:1em;list-style:none;background:#b5121b;padding:.5em 1em;margin:0}
.nav a{color:#fff;text-decoration:none}.wrap{display:flex;gap:2em;width:960px;margin:auto}
.main{flex:1}.side{width:260px}.footer{text-align:center;color:#888;border-top:1px solid #ddd}
h1{font-size:26px}.info,.meta,.xx{color:#888}.content p,#Zoom p,#news_body p{text-indent:2em}
"""


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid, tiny single-colour PNG (stand-in for the portal's photos and logo)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    pixels = zlib.compress(row * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def related_to(a: Article, articles: list[Article], count: int = 4) -> list[Article]:
    """The same section's articles nearest in time, newest first."""
    others = [o for o in articles if o.section == a.section and o.id != a.id]
    nearest = sorted(others, key=lambda o: (abs((o.published - a.published).total_seconds()), o.id))
    return sorted(nearest[:count], key=lambda o: o.published, reverse=True)


def build_pages(articles: list[Article]) -> tuple[dict[str, bytes], dict]:
    """Every file of the site by URL path, and the `_routes.json` data."""
    files: dict[str, bytes] = {}
    routes: dict = {"redirects": {}, "headers": {}}
    for a in articles:
        raw = (SRC / "articles" / a.raw).read_text(encoding="utf-8") if a.raw else None
        hot = [h for h in articles if h.id != a.id][:6]
        files[a.path] = render_article(a, related_to(a, articles), hot, raw)
        if a.image:
            files[f"/static/img/news_{a.id}.png"] = png(64, 40, (120, 160, 200))
        if a.old_path:
            routes["redirects"][a.old_path] = [301, a.path]
        if a.wrong_charset:
            content_type = f"text/html; charset={a.wrong_charset}"
            routes["headers"][a.path] = {"Content-Type": content_type}
    files["/index.html"] = site_pages.home(articles)
    for key in SECTIONS:
        files.update(site_pages.section_pages(key, articles))
    files["/sitemap_news.xml"] = site_pages.news_sitemap(articles)
    files["/rss.xml"] = site_pages.rss(articles)
    files["/robots.txt"] = site_pages.robots()
    files[ABOUT] = site_pages.about()
    files[GALLERY] = site_pages.gallery()
    files[VIDEO] = site_pages.video()
    files[SPECIAL] = site_pages.special(articles)
    files[SEARCH.split("?")[0]] = site_pages.search_results(articles)
    for name, slug in TAGS.items():
        files[f"/tag/{slug}.html"] = site_pages.tag_page(name, articles)
    files["/404.html"] = site_pages.not_found()
    files[CSS] = STYLE.encode()
    files[LOGO] = png(240, 60, (181, 18, 27))
    for n in range(1, 7):
        files[f"/static/img/photo_{n}.png"] = png(80, 60, (90 + 20 * n, 140, 180))
    files["/static/img/video_77.png"] = png(80, 45, (40, 90, 60))
    return files, routes


def manifest(articles: list[Article]) -> dict:
    entries = [
        {
            "url": a.url,
            "section": SECTIONS[a.section][0],
            "title": a.title,
            "subtitle": a.subtitle,
            "original_title": a.original_title,
            "published_at": a.iso_time,
            "author": a.all_authors,
            "editor": a.editor,
            "source": a.source,
            "language": a.language,
            "script": a.script,
            "encoding": a.encoding,
            "body": "\n".join(a.paragraphs),
        }
        for a in sorted(articles, key=lambda a: a.id)
    ]
    moved = next(a for a in articles if a.old_path)
    non_articles = [
        {"url": BASE + ABOUT, "kind": "about"},
        {"url": BASE + GALLERY, "kind": "gallery"},
        {"url": BASE + VIDEO, "kind": "video"},
        {"url": BASE + MISSING, "kind": "missing"},
        {"url": BASE + moved.old_path, "kind": "redirect"},
        {"url": BASE + SPECIAL, "kind": "list"},
        *({"url": f"{BASE}/tag/{slug}.html", "kind": "tag"} for slug in TAGS.values()),
        {"url": BASE + SEARCH, "kind": "search"},
    ]
    return {
        "host": HOST,
        "articles": entries,
        "non_articles": non_articles,
        "footer_markers": FOOTER_MARKERS,
    }


def main() -> None:
    articles = load_articles(SRC / "articles")
    files, routes = build_pages(articles)
    if OUT.exists():
        shutil.rmtree(OUT)
    for path, data in sorted(files.items()):
        target = OUT / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    dump = {"ensure_ascii": False, "indent": 2}
    routes_json = json.dumps(routes, sort_keys=True, **dump)
    (OUT / "_routes.json").write_text(routes_json + "\n", encoding="utf-8")
    (OUT / "manifest.json").write_text(
        json.dumps(manifest(articles), **dump) + "\n", encoding="utf-8"
    )
    print(f"{len(articles)} articles, {len(files)} files written to {OUT}")


if __name__ == "__main__":
    main()
