"""Choosing the headline among h1/h2 headings, meta titles and ``<title>`` segments.

A heading is believed when something else on the page agrees with it (a meta title, a
``<title>`` segment, the ``原标题`` line or the repeated headline in the body); among agreeing
headings the longest wins, so a logo ``<h1>`` that matches the site-name suffix loses to the
headline. Spam titles of hacked mirrors never take part.
"""

from __future__ import annotations

import re

from newscrawl.clean.spam import is_spam

# Separators of <title> segments; a bare hyphen only between Han characters
# (中华人民共和国监察法-纪检), since between Latin letters it joins words.
_SEGMENT_SPLIT = re.compile(
    r"\s+[-|–—:·»]\s+|\s*[_|｜丨]\s*|\s+-{2,}\s+|-{2,}|(?<=[\u4e00-\u9fff])-(?=[\u4e00-\u9fff])"
)
_NORM_DROP = re.compile(r"[\W_]+", re.U)


def norm(text: str) -> str:
    """A title reduced to its letters and digits, lower-cased, for comparison."""
    return _NORM_DROP.sub("", text or "").lower()


def segments(title_tag: str) -> list[str]:
    """``<title>`` split at its separators (``_``, `` - ``, ``|``); spam titles give none."""
    title_tag = " ".join((title_tag or "").split())
    if not title_tag or is_spam(title_tag):
        return []
    return [s.strip() for s in _SEGMENT_SPLIT.split(title_tag) if s and s.strip()]


def _agreement(candidate: str, others: list[str]) -> int:
    """2 when ``candidate`` equals one of ``others``, 1 when one is a long prefix of the other,
    0 otherwise (all compared as ``norm`` keys)."""
    key = norm(candidate)
    if len(key) < 2:
        return 0
    best = 0
    for other in others:
        other_key = norm(other)
        if not other_key:
            continue
        if key == other_key:
            return 2
        shorter, longer = sorted((key, other_key), key=len)
        if len(shorter) >= 8 and longer.startswith(shorter) and len(shorter) >= 0.6 * len(longer):
            best = 1
    return best


def choose_title(
    headings: list[str],
    meta_titles: list[str],
    title_tag: str,
    support: list[str] | None = None,
    site_name: str | None = None,
) -> tuple[str | None, str]:
    """The headline and where it came from (``heading``, ``meta``, ``title-tag``, ``none``).

    Among headings that agree with something else on the page, agreement with the page's own
    metadata (meta titles, ``<title>``) counts before agreement with the body's first lines,
    an exact match before a prefix, and then the longer heading wins.
    """
    tag_segments = segments(title_tag)
    metas = [m for m in meta_titles if m and not is_spam(m)]
    full_tag = [] if not tag_segments else [" ".join(title_tag.split())]
    independent = metas + tag_segments + full_tag
    lead = [s for s in (support or []) if s]
    site_key = norm(site_name or "")
    headings = [h for h in headings if h and not is_spam(h) and norm(h) != site_key]
    scored = [
        ((_agreement(h, independent), _agreement(h, lead), len(norm(h))), h) for h in headings
    ]
    agreeing = [(score, h) for score, h in scored if score[0] or score[1]]
    if agreeing:
        return max(agreeing, key=lambda item: item[0])[1], "heading"
    for meta in metas:
        parts = [p for p in segments(meta) if norm(p) != site_key] or [meta]
        best = max(parts, key=lambda p: len(norm(p)))
        if len(norm(best)) >= 4:
            return best, "meta"
    if headings:
        return headings[0], "heading"
    parts = [p for p in tag_segments if norm(p) != site_key]
    if parts:
        return max(parts[:2], key=lambda p: len(norm(p))), "title-tag"
    return None, "none"


def site_name_from_title(title_tag: str, headline: str | None) -> str | None:
    """The ``<title>`` segment that names the site: the shorter of its two ends (``Headline -
    Site`` or ``Site--Headline``), never the headline itself."""
    parts = segments(title_tag)
    if len(parts) < 2:
        return None
    first, last = parts[0], parts[-1]
    name = first if len(norm(first)) < len(norm(last)) else last
    if headline and norm(name) == norm(headline):
        return None
    return name if 2 <= len(name) <= 30 else None
