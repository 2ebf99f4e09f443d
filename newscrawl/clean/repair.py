"""Repair decoded text: the steps in the order that makes each one safe.

1. entities (also double-escaped ``&amp;#20013;``)
2. byte misalignment after a ``!``/``?`` marker (before 3, which would take the run for
   misread text)
3. mojibake: ftfy.fix_encoding for Western cases, UTF-8 read as GBK/Big5 (up to three layers)
4. zero-width and control characters (after 3: some are mojibake bytes)
5. byte misalignment of GBK streams without a marker (a run that a GBK<->Big5 re-reading
   explains as well is left to 6)
6. mojibake: Big5 read as GBK and GBK read as Big5 (after 5, which it would take for misread
   text)
7. pinyin debris
8. NFC, and in plain text whitespace (indentation trimmed, runs collapsed)

Mojibake and unmarked misalignment only look at text with a character outside the model's
common set: a set test skips them on most clean text.

Each step reports a ``{"kind", "count"}``; only kinds with a count are returned. Damage that
cannot be undone (U+FFFD, ``锟斤拷``) is left in place and reported as ``irreversible``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newscrawl.clean.big5_gbk import fix_big5_gbk
from newscrawl.clean.charmodel import model
from newscrawl.clean.misalign import repair_marked_misalignment, repair_misalignment
from newscrawl.clean.mojibake import count_irreversible, fix_mojibake
from newscrawl.clean.normalize import nfc, normalize_whitespace, strip_invisible, unescape_entities
from newscrawl.clean.pinyin import remove_pinyin_debris

Repair = dict[str, str | int]

# Markup tokens that are copied as they are; everything between them is text.
MARKUP_RE = re.compile(
    r"<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!\[CDATA\[.*?\]\]>|<[^>]*>",
    re.S | re.I,
)
ASCII_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ATTR_RE = re.compile(r"""(\b(?:content|title|alt)\s*=\s*)(["'])(.*?)\2""", re.S | re.I)


Step = Callable[[str], tuple[str, int]]


def _steps(html: bool) -> list[tuple[str, Step, bool]]:
    """(kind, step, whether the step can only act on text with a rare character)."""
    steps: list[tuple[str, Step, bool]] = [
        ("entities", lambda t: unescape_entities(t, keep_markup=html), False),
        ("misalignment", repair_marked_misalignment, False),
        ("mojibake", fix_mojibake, True),
        ("control_chars", strip_invisible, False),
        ("misalignment", repair_misalignment, True),
        ("mojibake", fix_big5_gbk, True),
        ("pinyin_debris", remove_pinyin_debris, False),
        ("unicode_normalization", lambda t: (n := nfc(t), int(n != t)), False),
    ]
    if not html:
        steps.append(("whitespace", normalize_whitespace, False))
    return steps


STEPS = {html: _steps(html) for html in (False, True)}


def _plain(text: str) -> bool:
    """ASCII without references or control characters: nothing to repair in markup."""
    return text.isascii() and "&" not in text and not ASCII_CONTROL_RE.search(text)


def _run(text: str, html: bool, counts: dict[str, int]) -> str:
    if html and _plain(text):
        return text
    common = model().common
    for kind, step, needs_rare in STEPS[html]:
        # mojibake and unmarked misalignment leave text of common characters alone (each looks
        # for rare ones first): a set test skips them on most clean text
        if needs_rare and common.issuperset(text):
            continue
        text, n = step(text)
        if n:
            counts[kind] = counts.get(kind, 0) + n
    irreversible = count_irreversible(text)
    if irreversible:
        counts["irreversible"] = counts.get("irreversible", 0) + irreversible
    return text


def _report(counts: dict[str, int]) -> list[Repair]:
    return [{"kind": kind, "count": n} for kind, n in counts.items() if n > 0]


def repair_text(text: str) -> tuple[str, list[Repair]]:
    """Repair plain text (one paragraph per line)."""
    counts: dict[str, int] = {}
    return _run(text, False, counts), _report(counts)


def repair_html(html: str) -> tuple[str, list[Repair]]:
    """Repair the text of an HTML document with its markup kept.

    Text nodes and the ``content``/``title``/``alt`` attribute values are repaired; comments and
    the contents of ``<script>`` and ``<style>`` are left alone, and whitespace is not touched.
    """
    counts: dict[str, int] = {}

    def tag(m: re.Match[str]) -> str:
        token = m.group(0)
        if (
            _plain(token)
            or token.startswith(("<!--", "<!["))
            or token[:7].lower()
            in (
                "<script",
                "<style>",
                "<style ",
            )
        ):
            return token
        return ATTR_RE.sub(
            lambda a: a.group(1) + a.group(2) + _run(a.group(3), True, counts) + a.group(2), token
        )

    out = []
    pos = 0
    for m in MARKUP_RE.finditer(html):
        out.append(_run(html[pos : m.start()], True, counts))
        out.append(tag(m))
        pos = m.end()
    out.append(_run(html[pos:], True, counts))
    return "".join(out), _report(counts)
