"""Parse the places where sites list their articles: sitemaps, news sitemaps, RSS and Atom.

Pure functions over bytes; the spider turns their results into requests.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

import lxml.etree


@dataclass(frozen=True)
class Entry:
    url: str
    published: str | None = None  # news:publication_date / pubDate / published, as given
    modified: str | None = None  # lastmod / updated, as given


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _parse_xml(body: bytes) -> lxml.etree._Element | None:
    parser = lxml.etree.XMLParser(
        recover=True,
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        return lxml.etree.parse(BytesIO(body), parser).getroot()
    except lxml.etree.XMLSyntaxError:
        return None


def _text(el: lxml.etree._Element, *names: str) -> str | None:
    for child in el.iter():
        if _local(child.tag) in names and child.text and child.text.strip():
            return child.text.strip()
    return None


def parse_sitemap(body: bytes) -> tuple[str, list[Entry]]:
    """Return ``("index", sitemaps)`` or ``("urlset", urls)``; ``("unknown", [])`` otherwise."""
    root = _parse_xml(body)
    if root is None:
        return "unknown", []
    kind = _local(root.tag)
    if kind not in ("sitemapindex", "urlset"):
        return "unknown", []
    entries = []
    for el in root:
        if _local(el.tag) not in ("sitemap", "url"):
            continue
        loc = _text(el, "loc")
        if loc:
            entries.append(Entry(loc, _text(el, "publication_date"), _text(el, "lastmod")))
    return ("index" if kind == "sitemapindex" else "urlset"), entries


def parse_feed(body: bytes) -> list[Entry]:
    """Links of an RSS 2.0 or Atom feed, with their dates as given."""
    root = _parse_xml(body)
    if root is None:
        return []
    entries = []
    for el in root.iter():
        name = _local(el.tag)
        if name == "item":
            link = _text(el, "link") or _text(el, "guid")
            if link:
                entries.append(Entry(link, _text(el, "pubdate", "date"), None))
        elif name == "entry":
            href = next(
                (
                    c.get("href")
                    for c in el
                    if _local(c.tag) == "link" and c.get("rel", "alternate") == "alternate"
                ),
                None,
            )
            if href:
                entries.append(Entry(href, _text(el, "published"), _text(el, "updated")))
    return entries


def is_feed_or_sitemap(content_type: str, body: bytes) -> str | None:
    """``"sitemap"``, ``"feed"`` or None, from the content type and the document's root."""
    head = body[:2048].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or "rss" in content_type or "atom" in content_type:
        return "feed"
    return None
