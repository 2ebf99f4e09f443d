"""Reading an HTML page: its tree, its text as block lines, its meta tags and JSON-LD."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr li main nav ol p pre section table tbody td th thead tr ul center".split()
)
SKIP_TAGS = frozenset("script style noscript template iframe svg head select option button".split())


def parse(html: str) -> lxml.html.HtmlElement | None:
    """The page as an lxml tree (parsed as trafilatura parses it, so its extractor sees the
    same tree), or None for a page without markup."""
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    if not html.strip():
        return None
    tree = trafilatura.load_html(html)
    if tree is not None:
        return tree
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def sections_as_paragraphs(tree: Any) -> None:
    """Rename ``<section>`` elements that hold only inline content to ``<p>``, in place.

    Editors such as WeChat's write every paragraph as a ``<section>`` of ``<span>`` runs;
    readability and trafilatura score ``<p>`` elements and find no article text there.
    """
    for element in list(tree.iter("section")):
        if not any(
            isinstance(child.tag, str) and child.tag in BLOCK_TAGS and child.tag != "br"
            for child in element.iterdescendants()
        ):
            element.tag = "p"


def squash(text: str | None) -> str:
    """Whitespace runs as one space, ends stripped."""
    return " ".join((text or "").split())


def text_of(element: Any) -> str:
    """An element's visible text on one line."""
    return squash("".join(_visible_text(element)))


def _visible_text(element: Any) -> Iterator[str]:
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str) and child.tag not in SKIP_TAGS:
            yield from _visible_text(child)
        if child.tail:
            yield child.tail


def block_lines(root: Any) -> list[tuple[str, Any]]:
    """The visible text of ``root`` split at block elements: ``(line, block element)`` pairs."""
    lines: list[tuple[str, Any]] = []
    parts: list[str] = []
    owner: list[Any] = [root]

    def flush() -> None:
        if parts:
            line = " ".join("".join(parts).split())
            if line:
                lines.append((line, owner[-1]))
            parts.clear()

    skipped: Any = None
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if skipped is not None:
            if event == "end" and element is skipped:
                skipped = None
                if element.tail and element is not root:
                    parts.append(element.tail)
            continue
        if not isinstance(tag, str) or tag in SKIP_TAGS:
            if event == "start":
                skipped = element
            continue
        block = tag in BLOCK_TAGS
        if event == "start":
            if block:
                flush()
                owner.append(element)
            if element.text:
                parts.append(element.text)
        else:
            if block:
                flush()
                owner.pop()
            if element.tail and element is not root:
                parts.append(element.tail)
    flush()
    return lines


def meta_tags(tree: Any) -> dict[str, str]:
    """``<meta>`` name/property/itemprop (lower-cased) -> content; the first value wins."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        content = meta.get("content")
        key = key.strip().lower()
        if key and content and content.strip() and key not in found:
            found[key] = squash(content)
    return found


def json_ld(tree: Any) -> list[dict[str, Any]]:
    """The JSON-LD objects of a page (``@graph`` members flattened); broken blocks skipped."""
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text.strip().rstrip(";"))
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
            elif isinstance(item, list):
                stack.extend(item)
    return objects


def ld_article(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON-LD object describing the article (NewsArticle, Article, BlogPosting, ...)."""
    for item in objects:
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and ("Article" in k or k == "BlogPosting") for k in kinds):
            return item
    return {}


def ld_names(value: Any) -> list[str]:
    """Names from a JSON-LD author/publisher value (string, object or list of either)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and squash(name) and squash(name) not in names:
            names.append(squash(name))
    return names
