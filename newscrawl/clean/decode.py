"""Bytes to text, before any parsing.

Candidates, in order: byte-order mark, HTTP header, ``<meta>``, site-profile hint, detector.
Labels resolve to supersets (gb2312/gbk -> gb18030, big5 -> big5hkscs, latin-1 -> cp1252, ...).
A declaration is trusted only when the bytes decode strictly under it and the result is about as
plausible as the best other reading (UTF-8, GB18030, Big5-HKSCS, a page decoded run by run, the
charset-normalizer guess); when header and meta disagree, the more plausible clean one wins.
A detector reading replaces a clean declaration only when the declared text is far less
plausible (Big5 or UTF-8 bytes under a gb2312 label decode "cleanly" into nonsense).
Plausibility is the character model's mean log-probability of the non-ASCII characters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from ftfy.badness import is_bad

from newscrawl.clean.charmodel import is_han, model

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "utf_8": "utf-8",
    "utf_8_sig": "utf-8",
    "iso8859_9": "cp1254",
    "tis_620": "cp874",
}
ALIASES = {"x-gbk": "gbk", "gb_2312-80": "gb2312", "x-euc-tw": "big5", "unicode": "utf-8"}
HEADER_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:+-]+)", re.I)
META_RE = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([\w.:+-]+)", re.I)
META_SCAN = 32768
PLAUSIBLE_MARGIN = 1.5
WESTERN = {"cp1252", "cp1250", "cp1251", "cp1254", "cp1257", "iso8859-15", "mac-roman"}
MOJIBAKE_PENALTY = -3.0
SAMPLE_CHARS = 20000
NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    reason: str
    replacements: int


def resolve_label(label: str | None) -> str | None:
    """Python codec name for a charset label, widened to its superset; None if unknown."""
    if not label:
        return None
    label = ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # Pages declare anything: Python's "undefined" codec always raises, and rot13, base64 or
    # zlib are transforms, not charsets. Neither is a declaration to trust.
    if info.name == "undefined" or not getattr(info, "_is_text_encoding", True):
        return None
    name = info.name
    key = name.replace("-", "_")
    return SUPERSETS.get(key, name)


def header_charset(content_type: str | None) -> str | None:
    m = HEADER_CHARSET_RE.search(content_type or "")
    return m.group(1) if m else None


def meta_charset(raw: bytes) -> str | None:
    m = META_RE.search(raw[:META_SCAN])
    return m.group(1).decode("ascii", "replace") if m else None


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except (UnicodeError, LookupError):
        return None


def plausibility(text: str) -> float:
    """Mean score of the non-ASCII characters; higher is more like real text.

    Han characters glued to ASCII letters (a Latin-1 page read as GBK) are penalised; letters
    inside a word (an accented letter beside ASCII letters, Cyrillic beside Cyrillic) score as
    ordinary text, while Latin-1 letters in runs of their own (a GBK page read as cp1252) keep
    their low score.
    """
    m = model()
    total = 0.0
    n = 0
    last = len(text) - 1
    for match in NON_ASCII_RE.finditer(text):  # ASCII is skipped at C speed
        i = match.start()
        ch = text[i]
        left = text[i - 1] if i else " "
        right = text[i + 1] if i < last else " "
        glued = (left.isascii() and left.isalpha()) or (right.isascii() and right.isalpha())
        score = m.char_logp(ch)
        if is_han(ch):
            score -= 6.0 if glued else 0.0
        elif unicodedata.category(ch).startswith("L") and (
            glued or _word_letter(left) or _word_letter(right)
        ):
            score = -5.0  # a letter inside a word of an alphabetic script (é, Cyrillic, Greek)
        total += score
        n += 1
        if n >= SAMPLE_CHARS:
            break
    return total / n if n else 0.0


def _word_letter(ch: str) -> bool:
    """A letter of an alphabetic script that no CJK misreading produces in runs: Greek to
    Ethiopic, and Hangul syllables (Latin-1 letters are left out: GBK read as cp1252 is
    made of them)."""
    o = ord(ch)
    return ch.isalpha() and (0x0370 <= o < 0x1400 or 0xAC00 <= o <= 0xD7A3)


def decode_mixed(raw: bytes, fallback: str = "gb18030") -> str:
    """Decode line by line: UTF-8 where a line is valid UTF-8, ``fallback`` elsewhere."""
    out = []
    for line in raw.split(b"\n"):
        text = _strict(line, "utf-8")
        out.append(text if text is not None else line.decode(fallback, "replace"))
    return "\n".join(out)


def _detector_guess(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200000]).best()
    return resolve_label(best.encoding) if best is not None else None


def _done(text: str, codec: str, reason: str) -> Decoded:
    return Decoded(text, codec, reason, text.count("\ufffd"))


def decode_html(raw: bytes, content_type: str | None = None, hint: str | None = None) -> Decoded:
    for bom, codec in BOMS:
        if raw.startswith(bom):
            text = raw.decode(codec, "replace")
            return _done(text, codec.replace("-sig", ""), "bom")
    declared: list[tuple[str, str]] = []
    for label, reason in (
        (header_charset(content_type), "http-header"),
        (meta_charset(raw), "meta"),
        (hint, "profile-hint"),
    ):
        codec = resolve_label(label)
        if codec and codec not in {c for c, _ in declared}:
            declared.append((codec, reason))
    if raw.isascii():
        codec = declared[0][0] if declared else "utf-8"
        return _done(raw.decode("ascii"), codec, declared[0][1] if declared else "ascii")

    clean_decl = []
    for codec, reason in declared:
        text = _strict(raw, codec)
        if text is not None:
            score = plausibility(text)
            if codec in WESTERN and is_bad(text):
                score += MOJIBAKE_PENALTY  # ftfy sees UTF-8/GBK bytes read as single bytes
            clean_decl.append((score, text, codec, reason))

    others: list[tuple[float, str, str, str]] = []
    for codec in ("utf-8", "gb18030", "big5hkscs"):
        text = _strict(raw, codec)
        if text is not None:
            others.append((plausibility(text), text, codec, "detector"))
    lines = raw.split(b"\n")
    utf8_lines = sum(1 for ln in lines if not ln.isascii() and _strict(ln, "utf-8") is not None)
    if utf8_lines and utf8_lines < sum(1 for ln in lines if not ln.isascii()):
        cjk = next((c for c, _ in declared if c in ("gb18030", "big5hkscs")), "gb18030")
        mixed = decode_mixed(raw, cjk)
        if "\ufffd" not in mixed:
            others.append((plausibility(mixed), mixed, cjk, "mixed-runs"))
    best_other = max(others, key=lambda c: c[0], default=None)

    if clean_decl:
        best_decl = max(clean_decl, key=lambda c: c[0])
        if best_other is None or best_decl[0] >= best_other[0] - PLAUSIBLE_MARGIN:
            _, text, codec, reason = best_decl
            return _done(text, codec, reason)
    if best_other is None or best_other[0] < -9.0:
        guess = _detector_guess(raw)
        text = _strict(raw, guess) if guess else None
        if text is not None:
            score = plausibility(text)
            if best_other is None or score > best_other[0]:
                best_other = (score, text, guess, "detector")
    if best_other is not None:
        _, text, codec, reason = best_other
        return _done(text, codec, reason)
    # nothing decodes strictly: the first declaration (or GB18030) with replacements
    codec, reason = declared[0] if declared else ("gb18030", "fallback")
    mixed = decode_mixed(raw, codec if codec in ("gb18030", "big5hkscs") else "gb18030")
    plain = raw.decode(codec, "replace")
    if mixed.count("\ufffd") < plain.count("\ufffd"):
        return _done(mixed, codec, "mixed-runs")
    return _done(plain, codec, f"{reason}-replace")
