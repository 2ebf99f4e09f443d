"""Deterministic (corrupted, clean) pairs for every fault the repair stage handles.

Each text fault is ``f(clean, rng) -> corrupted | None`` (None: the fault cannot be produced
reversibly on that paragraph, e.g. UTF-8 bytes that GB18030 cannot read strictly). Each charset
fault is ``f(clean, rng) -> (raw bytes, content_type, expected decoded text) | None``.
``cases(paragraphs, seed)`` yields ``(fault, corrupted, clean)`` in a fixed order.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

from .paragraphs import Paragraph

HAN_RE = re.compile(r"[\u4e00-\u9fff]")
CLAUSE_RE = re.compile(r"[^，。、；：？！“”‘’（）《》,.;:?!()\s]{2,}")
# Characters content-farm converters annotate, with their readings (checked by hand).
PINYIN = {
    "創": "chuàng",
    "创": "chuàng",
    "發": "fā",
    "发": "fā",
    "現": "xiàn",
    "现": "xiàn",
    "業": "yè",
    "业": "yè",
    "戰": "zhàn",
    "战": "zhàn",
    "優": "yōu",
    "优": "yōu",
    "區": "qū",
    "区": "qū",
    "醫": "yī",
    "医": "yī",
    "協": "xié",
    "协": "xié",
    "數": "shù",
    "数": "shù",
    "據": "jù",
    "据": "jù",
    "態": "tài",
    "态": "tài",
    "為": "wéi",
    "國": "guó",
    "經": "jīng",
    "经": "jīng",
    "濟": "jì",
    "济": "jì",
    "務": "wù",
    "务": "wù",
    "層": "céng",
    "层": "céng",
    "質": "zhì",
    "质": "zhì",
    "體": "tǐ",
    "体": "tǐ",
    "東": "dōng",
    "东": "dōng",
    "個": "gè",
    "个": "gè",
    "會": "huì",
    "会": "huì",
    "長": "zhǎng",
    "進": "jìn",
    "进": "jìn",
    "動": "dòng",
    "动": "dòng",
    "實": "shí",
    "实": "shí",
    "與": "yǔ",
    "与": "yǔ",
    "對": "duì",
    "对": "duì",
    "關": "guān",
    "关": "guān",
    "開": "kāi",
    "开": "kāi",
    "術": "shù",
    "术": "shù",
    "網": "wǎng",
    "网": "wǎng",
    "億": "yì",
    "亿": "yì",
    "萬": "wàn",
    "万": "wàn",
    "報": "bào",
    "报": "bào",
    "記": "jì",
    "记": "jì",
    "時": "shí",
    "时": "shí",
    "學": "xué",
    "学": "xué",
    "書": "shū",
    "书": "shū",
}
QUOTE_AFTER = set("”’“‘")
PUNCT = set("。，！？；：、")


def _gbk(text: str) -> bytes | None:
    try:
        return text.encode("gb18030")
    except UnicodeEncodeError:
        return None


def _char_offsets(text: str) -> list[int]:
    """Byte offset in gb18030 of every character of ``text``."""
    offs, pos = [], 0
    for ch in text:
        offs.append(pos)
        pos += len(ch.encode("gb18030"))
    return offs


def _misaligned(text: str, i: int, transform: Callable[[bytes], bytes]) -> str | None:
    """Encode, change the bytes from character ``i`` on, decode the rest out of step.

    None when the stream only resyncs by losing a byte (U+FFFD): a character is then gone for
    good, which is not a reversible case (simplified text in GB2312 never resyncs on an ASCII
    trail byte; traditional text, like the seed's, usually does within a few characters).
    """
    raw = _gbk(text)
    if raw is None:
        return None
    out = text[:i] + transform(raw[_char_offsets(text)[i] :]).decode("gb18030", "replace")
    return None if "\ufffd" in out else out


def _misalign_candidates(text: str, marks: str, quotes: str) -> list[int]:
    return [i for i in range(len(text) - 2) if text[i] in marks and text[i + 1] in quotes]


def misalign_seed(
    clean: str, rng: random.Random, bang: str = "!", marks: str = "。", quotes: str = "”"
) -> str | None:
    """The seed's fault: ``。”`` becomes ``?!`` and what follows is read out of step."""
    spots = _misalign_candidates(clean, marks, quotes)
    if not spots or not clean[spots[0] + 2 :].strip():
        return None
    i = rng.choice(spots)
    # the punctuation mark is lost ('?'), the quote's lead byte A1 loses its high bit ('!')
    out = _misaligned(clean, i + 1, lambda b: bytes([b[0] & 0x7F]) + b[1:])
    return None if out is None else clean[:i] + "?" + bang + out[i + 2 :]


def misalign_fullwidth(clean: str, rng: random.Random) -> str | None:
    return misalign_seed(clean, rng, "！")


def misalign_any_mark(clean: str, rng: random.Random) -> str | None:
    """As the seed, for any mark before any quote: which mark was lost is often a guess."""
    return misalign_seed(clean, rng, "!", "".join(PUNCT), "".join(QUOTE_AFTER))


def _han_positions(text: str) -> list[int]:
    # not the last characters: a run needs something after it to resync on
    return [i for i, ch in enumerate(text[:-3]) if HAN_RE.match(ch) and i > 0]


def misalign_lost_byte(clean: str, rng: random.Random) -> str | None:
    """A Han character's lead byte is lost, with no marker."""
    spots = _han_positions(clean)
    return _misaligned(clean, rng.choice(spots), lambda b: b[1:]) if spots else None


def misalign_high_bit(clean: str, rng: random.Random) -> str | None:
    """A Han character's lead byte loses its high bit (comes out as an ASCII character)."""
    spots = _han_positions(clean)
    if not spots:
        return None
    return _misaligned(clean, rng.choice(spots), lambda b: bytes([b[0] & 0x7F]) + b[1:])


def _reread(text: str, written: str, read: str) -> str | None:
    try:
        out = text.encode(written).decode(read)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return out if out != text else None


def _clause_reread(clean: str, rng: random.Random, written: str, read: str) -> str | None:
    """Misread one clause (a title or a quoted phrase gone wrong) when the paragraph won't go."""
    whole = _reread(clean, written, read)
    if whole is not None:
        return whole
    clauses = [m for m in CLAUSE_RE.finditer(clean) if HAN_RE.search(m.group(0))]
    rng.shuffle(clauses)
    for m in clauses:
        bad = _reread(m.group(0), written, read)
        if bad is not None:
            return clean[: m.start()] + bad + clean[m.end() :]
    return None


def utf8_as_gbk(clean: str, rng: random.Random) -> str | None:
    return _clause_reread(clean, rng, "utf-8", "gb18030") if HAN_RE.search(clean) else None


def utf8_as_big5(clean: str, rng: random.Random) -> str | None:
    return _clause_reread(clean, rng, "utf-8", "big5hkscs") if HAN_RE.search(clean) else None


def big5_as_gbk(clean: str, rng: random.Random) -> str | None:
    return _clause_reread(clean, rng, "big5hkscs", "gb18030") if HAN_RE.search(clean) else None


def gbk_as_big5(clean: str, rng: random.Random) -> str | None:
    return _clause_reread(clean, rng, "gb18030", "big5hkscs") if HAN_RE.search(clean) else None


def utf8_as_cp1252(clean: str, rng: random.Random) -> str | None:
    return _reread(clean, "utf-8", "sloppy-windows-1252")


def utf8_as_latin1(clean: str, rng: random.Random) -> str | None:
    return _reread(clean, "utf-8", "latin-1")


def double_utf8(clean: str, rng: random.Random) -> str | None:
    once = _reread(clean, "utf-8", "sloppy-windows-1252")
    return None if once is None else _reread(once, "utf-8", "sloppy-windows-1252")


def pinyin_debris(clean: str, rng: random.Random) -> str | None:
    spots = [i for i, ch in enumerate(clean) if PINYIN.get(ch) and i + 1 < len(clean)]
    if not spots:
        return None
    chosen = set(rng.sample(spots, min(len(spots), rng.randint(1, 4))))
    left, right = ("(", ")") if rng.random() < 0.7 else ("（", "）")
    return "".join(
        ch + (left + PINYIN[ch] + right if i in chosen else "") for i, ch in enumerate(clean)
    )


def entities(clean: str, rng: random.Random) -> str | None:
    spots = [i for i, ch in enumerate(clean) if not ch.isascii() or ch in "&<>\"'"]
    if not spots:
        return None
    chosen = set(rng.sample(spots, min(len(spots), 3)))

    forms = ("&#{};", "&#x{:x};", "&amp;#{};")
    return "".join(
        rng.choice(forms).format(ord(ch)) if i in chosen else ch for i, ch in enumerate(clean)
    )


def invisible(clean: str, rng: random.Random) -> str | None:
    chars = list(clean)
    for _ in range(rng.randint(1, 3)):
        chars.insert(
            rng.randrange(len(chars) + 1), rng.choice("\u200b\ufeff\u200e\u2060\x08\x7f\x1b")
        )
    return "".join(chars)


def indentation(clean: str, rng: random.Random) -> str | None:
    return rng.choice(("\u3000\u3000", "\u00a0\u00a0", "  ", "\t")) + clean + rng.choice(("", " "))


TEXT_FAULTS: dict[str, Callable[[str, random.Random], str | None]] = {
    "utf8_as_gbk": utf8_as_gbk,
    "utf8_as_big5": utf8_as_big5,
    "utf8_as_cp1252": utf8_as_cp1252,
    "utf8_as_latin1": utf8_as_latin1,
    "double_utf8": double_utf8,
    "big5_as_gbk": big5_as_gbk,
    "gbk_as_big5": gbk_as_big5,
    "misalign_seed": misalign_seed,
    "misalign_fullwidth": misalign_fullwidth,
    "misalign_any_mark": misalign_any_mark,
    "misalign_lost_byte": misalign_lost_byte,
    "misalign_high_bit": misalign_high_bit,
    "pinyin_debris": pinyin_debris,
    "entities": entities,
    "invisible": invisible,
    "indentation": indentation,
}
MOJIBAKE_FAULTS = (
    "utf8_as_gbk",
    "utf8_as_big5",
    "utf8_as_cp1252",
    "utf8_as_latin1",
    "double_utf8",
    "big5_as_gbk",
    "gbk_as_big5",
)
MISALIGN_FAULTS = (
    "misalign_seed",
    "misalign_fullwidth",
    "misalign_any_mark",
    "misalign_lost_byte",
    "misalign_high_bit",
)


def _page(text: str, meta: str | None) -> str:
    head = f'<meta charset="{meta}">' if meta else ""
    return f"<html><head>{head}<title>新聞</title></head><body><p>{text}</p></body></html>"


ByteCase = tuple[bytes, str | None, str]


def _page_case(clean: str, codec: str, header: str | None, meta: str | None) -> ByteCase | None:
    page = _page(clean, meta)
    try:
        raw = page.encode(codec)
    except UnicodeEncodeError:
        return None
    return raw, (f"text/html; charset={header}" if header else "text/html"), page


BYTE_FAULTS: dict[str, Callable[[str, random.Random], ByteCase | None]] = {
    "declared_gbk": lambda c, r: _page_case(c, "gb18030", "gbk", "gb2312"),
    "declared_big5": lambda c, r: _page_case(c, "big5hkscs", None, "big5"),
    "declared_utf8": lambda c, r: _page_case(c, "utf-8", "utf-8", None),
    "undeclared_gbk": lambda c, r: _page_case(c, "gb18030", None, None),
    "undeclared_big5": lambda c, r: _page_case(c, "big5hkscs", None, None),
    "undeclared_utf8": lambda c, r: _page_case(c, "utf-8", None, None),
    "wrong_header_utf8_for_gbk": lambda c, r: _page_case(c, "gb18030", "utf-8", "gb2312"),
    "wrong_header_latin1_for_gbk": lambda c, r: _page_case(c, "gb18030", "iso-8859-1", None),
    "wrong_meta_gb2312_for_utf8": lambda c, r: _page_case(c, "utf-8", None, "gb2312"),
    "wrong_header_gbk_for_big5": lambda c, r: _page_case(c, "big5hkscs", "gbk", None),
}


def mixed_page(clean: str, rng: random.Random) -> ByteCase | None:
    """A UTF-8 template around a GBK body (decoded line by line)."""
    try:
        body = f"<p>{clean}</p>".encode("gb18030")
    except UnicodeEncodeError:
        return None
    top = "<html><head><title>新闻中心 - 首页</title></head><body>\n".encode()
    bottom = "\n<footer>版权所有 © 2024 新闻网</footer></body></html>".encode()
    text = top.decode() + f"<p>{clean}</p>" + bottom.decode()
    return top + body + bottom, "text/html", text


BYTE_FAULTS["mixed_utf8_gbk"] = mixed_page


def cases(
    paragraphs: tuple[Paragraph, ...], faults: dict[str, Callable], seed: int = 1234
) -> Iterator[tuple[str, object, str]]:
    """(fault, corrupted, clean) for every fault applicable to every paragraph."""
    for name, fault in faults.items():
        rng = random.Random(f"{seed}:{name}")
        for para in paragraphs:
            corrupted = fault(para.text, rng)
            if corrupted is not None:
                yield name, corrupted, para.text
