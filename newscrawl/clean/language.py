"""The language of an article, and for Chinese whether it is written in traditional script."""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_ENGLISH = frozenset("the and of to in is that for was with on as are by it this from".split())


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def detect_language(text: str, declared: str | None = None) -> str | None:
    """``zh``, ``ja``, ``ko``, ``en`` or the page's declared primary tag; None when unsure.

    The text decides when it is clearly in one script (pages often declare a template's
    language, not the article's); the declaration decides otherwise.
    """
    sample = text[:4000]
    declared_tag = (declared or "").strip().lower().replace("_", "-").split("-")[0] or None
    han, kana, hangul = (len(p.findall(sample)) for p in (_HAN, _KANA, _HANGUL))
    letters = han + kana + hangul + sum(len(w) for w in _LATIN_WORD.findall(sample))
    if letters == 0:
        return declared_tag
    if kana > 0.05 * letters:
        return "ja"
    if hangul > 0.3 * letters:
        return "ko"
    if han > 0.3 * letters:
        return "zh"
    words = [w.lower() for w in _LATIN_WORD.findall(sample)]
    english = bool(words) and sum(w in _ENGLISH for w in words) > 0.08 * len(words)
    # Chinese prose around code, product names or URLs: Latin letters outnumber the Han
    # characters, but the Latin words are not English sentences.
    if han > 0.1 * letters and not english:
        return "zh"
    if declared_tag and declared_tag not in ("zh", "ja", "ko"):
        return declared_tag
    return "en" if english else declared_tag


def chinese_script(text: str) -> str | None:
    """``hant`` when the text's characters change under traditional->simplified, else ``hans``."""
    sample = "".join(_HAN.findall(text[:3000]))
    if len(sample) < 10:
        return None
    simplified = _t2s().convert(sample)
    changed = sum(a != b for a, b in zip(sample, simplified, strict=False))
    return "hant" if changed > 0.05 * len(sample) else "hans"
