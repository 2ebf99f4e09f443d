"""Normalisation of decoded text: entities, invisible characters, NFC, whitespace, script.

Full-width punctuation is kept as published (no NFKC, no ftfy.fix_text defaults). The text stays
in the script it was published in; ``to_simplified`` gives the copy used for search.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache

import opencc

# Entities with their semicolon (also double-escaped ``&amp;#20013;``); a bare ``&copy`` without
# ``;`` is left alone, because "R&D" and "&para" style text is more common than sloppy entities.
ENTITY_RE = re.compile(r"&(?:amp;)*(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Characters that HTML markup needs escaped: in HTML mode their entities are kept.
MARKUP_CHARS = set("<>&\"'")
# Zero-width and invisible format characters (ZWJ U+200D is kept: emoji sequences use it).
INVISIBLE_RE = re.compile("[\u200b\u200c\u200e\u200f\u2060\u2061\u2062\u2063\u180e\ufeff\u00ad]")
# C0 controls except tab/newline/carriage return, DEL and C1 controls.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
INDENT = " \t\u00a0\u3000"
SPACE_RUN_RE = re.compile("[ \t\u00a0]{2,}")


def unescape_entities(text: str, keep_markup: bool = False) -> tuple[str, int]:
    """Resolve named/numeric character references, also when their ``&`` was escaped again.

    With ``keep_markup`` (text inside an HTML document) a single-escaped reference is left as is
    and references to markup characters (``&lt;`` etc.) are re-escaped once, so the markup stays
    well-formed.
    """
    count = 0

    def sub(m: re.Match[str]) -> str:
        nonlocal count
        whole = m.group(0)
        double = whole.startswith("&amp;")
        if keep_markup and not double:
            return whole
        ref = "&" + m.group(1) + ";"
        ch = html.unescape(ref)
        if ch == ref:
            return whole
        count += 1
        if keep_markup and ch in MARKUP_CHARS:
            return ref
        return ch

    return ENTITY_RE.sub(sub, text), count


def strip_invisible(text: str) -> tuple[str, int]:
    """Remove zero-width/format characters and control characters (keeps tab and newlines)."""
    text, n1 = INVISIBLE_RE.subn("", text)
    text, n2 = CONTROL_RE.subn("", text)
    return text, n1 + n2


def nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def normalize_whitespace(text: str) -> tuple[str, int]:
    """Trim indentation (spaces, NBSP, U+3000) at line ends; collapse runs of spaces inside."""
    count = 0
    out = []
    for line in text.split("\n"):
        new = SPACE_RUN_RE.sub(" ", line.strip(INDENT))
        if new != line:
            count += 1
        out.append(new)
    return "\n".join(out), count


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Simplified copy of ``text`` (OpenCC t2s), for search; the stored text keeps its script."""
    return _converter("t2s").convert(text)


def detect_script(text: str) -> str | None:
    """``"hant"`` or ``"hans"`` by which conversion changes more Han characters; None if neither.

    Characters shared by both scripts change under neither conversion and do not count.
    """
    han = "".join(ch for ch in text if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")
    if not han:
        return None
    as_simp = _converter("t2s").convert(han)
    as_trad = _converter("s2t").convert(han)
    trad_only = sum(a != b for a, b in zip(han, as_simp, strict=False))
    simp_only = sum(a != b for a, b in zip(han, as_trad, strict=False))
    if trad_only > simp_only:
        return "hant"
    if simp_only > trad_only:
        return "hans"
    return None
