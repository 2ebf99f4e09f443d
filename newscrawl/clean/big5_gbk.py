"""Undo Big5 read as GBK and GBK read as Big5, stretch by stretch, with context.

Both are double-byte codecs: every misread character is one Big5 (GBK) pair read as one GBK
(Big5) pair, so each character can be re-read on its own and ASCII (digits, Latin words, spaces)
comes through unchanged. Which characters were misread is decided per line by a two-state
Viterbi path (as found / re-read) under the character model, bigrams included, so a stretch ends
where its context says it does (``此外ㄛ`` is no repair of ``此外，``) and stretches separated
only by ASCII (``2024年3月5日`` read as ``2024<PUA>3る5ら``) are judged as one. Entering a re-read
stretch costs ``STRETCH_COST`` nats: a stretch must gain at least that over the text as found.
Once a stretch in a text clears ``CONFIRM_GAIN``, the confusion is confirmed for the whole text
(a page mis-decoded once is usually mis-decoded throughout) and stretches cost less.
Every stretch kept must also lower the count of rare characters and read as plausible text.
"""

from __future__ import annotations

import math
import re
from functools import cache

from newscrawl.clean.charmodel import (
    BIGRAM_WEIGHT,
    DOUBLE_STOP_LOGP,
    STOPS,
    CharModel,
    model,
)

# (misread as, written in): the character as found is encoded with the first codec and its
# bytes are decoded with the second.
CONFUSIONS: tuple[tuple[str, str], ...] = (("gb18030", "big5hkscs"), ("big5hkscs", "gb18030"))
STRETCH_COST = 10.0
CONFIRMED_COST = 6.0
CONFIRM_GAIN = 30.0
MIN_MEAN = -9.5
# A line whose characters from U+2E80 on are a third or more kana is Japanese: its kana are text,
# never re-read. (Misread Big5 gives kana from its most common characters, but they make a
# quarter of such a line at most; Japanese prose is 40-70% kana.)
KANA_RE = re.compile("[\u3041-\u30ff]")
WIDE_RE = re.compile(r"[^\x00-\u2e7f\s]")
JAPANESE_KANA_SHARE = 1 / 3
# Elsewhere a kana among Chinese text is far less likely than the model's default for a
# character outside Chinese.
STRAY_KANA_LOGP = -5.0
LONG_WORD = 4
WHOLE_LINE_BONUS = 6.0
SCREEN_GAIN = 2.0
WINDOW = 24
# Three hiragana or three katakana in a row are a Japanese word (やよい, プレミアム): text.
KANA_WORD_RE = re.compile("[\u3041-\u309f]{3,}|[\u30a0-\u30ff]{3,}")
TOKEN_RE = re.compile(r"\S+")
KANA_ONLY_RE = re.compile(r"[\x00-\x7f\u3041-\u30ff]+")


@cache
def reread(ch: str, wrong: str, right: str) -> str | None:
    """``ch`` re-read through the confusion; ASCII as itself; None if it cannot be."""
    if ch < "\x80":
        return ch
    try:
        data = ch.encode(wrong)
    except UnicodeEncodeError:
        return None
    if len(data) != 2:
        return None
    try:
        out = data.decode(right)
    except UnicodeDecodeError:
        return None
    return out if len(out) == 1 else None


def _alphabetic(ch: str) -> bool:
    return ch.isalpha() and ch < "\u0530"  # ASCII, Latin, Greek, Cyrillic


def _in_word(line: str, i: int) -> bool:
    """Whether ``line[i]`` belongs to Western text: such letters are never re-read.

    ASCII letters in words of ``LONG_WORD`` or more letters never are (a stretch does not run
    across a word, though it may across digits, spaces and short tokens such as ``5G``); an
    accented Latin, Greek or Cyrillic letter is re-read only beside a character of Chinese text
    (GBK's pinyin, Greek and Cyrillic rows come out of misread Big5 one letter at a time, among
    Han characters), never beside a letter, a space or the end of the line.
    """
    ch = line[i]
    if not _alphabetic(ch):
        return False
    if ch < "\x80":
        a = b = i
        while a > 0 and line[a - 1].isascii() and line[a - 1].isalpha():
            a -= 1
        while b + 1 < len(line) and line[b + 1].isascii() and line[b + 1].isalpha():
            b += 1
        return b - a + 1 >= LONG_WORD
    left = line[i - 1] if i > 0 else " "
    right = line[i + 1] if i + 1 < len(line) else " "
    return not (_chinese_side(left) or _chinese_side(right))


def _chinese_side(ch: str) -> bool:
    return ch >= "\u2e80" and not ch.isspace()


def _path(line: str, fixed: list[str | None], cost: float, kana: float, m: CharModel) -> list[bool]:
    """Viterbi: for each character, whether the best reading takes it re-read.

    Emissions are the character model's (unigram interpolated with the bigram after the
    previous output character, doubled stops penalised); ``kana`` is added to the score of
    every kana character (negative outside Japanese).
    """
    t2s, bigram, char_logp = m.t2s, m.bigram, m.char_logp

    def unit(ch: str) -> tuple[str, float]:
        u = char_logp(ch)
        return t2s.get(ch, ch), (u + kana if "\u3041" <= ch <= "\u30ff" else u)

    def emit(prev: str, c: str, u: float) -> float:
        if prev:
            b = bigram.get(prev + c)
            if b is not None:
                u = math.log(BIGRAM_WEIGHT * math.exp(b) + (1 - BIGRAM_WEIGHT) * math.exp(u))
            if c in STOPS and prev in STOPS:
                u += DOUBLE_STOP_LOGP
        return u

    # scores of the best paths ending in state 0 (as found) and 1 (re-read)
    s0, s1 = 0.0, -math.inf
    back: list[tuple[bool, bool]] = []  # per character: is state 1 the best predecessor of 0, of 1
    prev0 = prev1 = ""
    for ch, alt in zip(line, fixed, strict=True):
        c, u = unit(ch)
        a0, b0 = s0 + emit(prev0, c, u), s1 + emit(prev1, c, u)
        n0 = max(a0, b0)
        if alt is None:
            n1 = -math.inf
            back.append((b0 > a0, False))
            prev1 = ""
        else:
            c_alt, u_alt = unit(alt)
            a1 = s0 + emit(prev0, c_alt, u_alt) - cost
            b1 = s1 + emit(prev1, c_alt, u_alt)
            n1 = max(a1, b1)
            back.append((b0 > a0, b1 >= a1))
            prev1 = c_alt
        s0, s1 = n0, n1
        prev0 = c
    state = s1 > s0
    states = []
    for from0, from1 in reversed(back):
        states.append(state)
        state = from1 if state else from0
    states.reverse()
    return states


def _stretches(states: list[bool], line: str) -> list[tuple[int, int]]:
    """Spans taken re-read that contain a non-ASCII character, trimmed of ASCII at the ends."""
    out = []
    i, n = 0, len(line)
    while i < n:
        if not states[i]:
            i += 1
            continue
        j = i
        while j < n and states[j]:
            j += 1
        a, b = i, j
        while a < b and line[a] < "\x80":
            a += 1
        while b > a and line[b - 1] < "\x80":
            b -= 1
        if a < b:
            out.append((a, b))
        i = j
    return out


def _plausible(orig: str, fixed: str, m: CharModel) -> bool:
    """A kept stretch has fewer rare characters and its non-ASCII text reads as text; kana
    alone are no evidence (Chinese text quotes Japanese names: 山下やよい)."""
    if m.count_rare(fixed) >= m.count_rare(orig) or KANA_ONLY_RE.fullmatch(orig):
        return False
    wide = "".join(ch for ch in fixed if ch >= "\x80")
    return m.mean_logp(wide) > MIN_MEAN


def _lone(line: str, a: int, b: int) -> bool:
    """Whether ``line[a:b]`` has a single non-ASCII character and no Chinese beside it: an
    icon-font glyph (private use) in its own element, not a misread character among text."""
    if len(WIDE_RE.findall(line, a, b)) != 1:
        return False
    return not any(0 <= i < len(line) and _chinese_side(line[i]) for i in (a - 1, b))


def _windows(line: str, wrong: str, right: str, m: CharModel) -> list[tuple[int, int]]:
    """Cheap screen: the spans worth a Viterbi pass, ``WINDOW`` characters either side of each
    rare character that re-reads as a clearly more probable common one (merged), unless that
    character could never be kept (inside a Western word, or alone among ASCII)."""
    common = m.common
    seeds = set()
    for ch in set(line).difference(common):
        alt = reread(ch, wrong, right)
        if alt is not None and alt in common and m.char_logp(alt) - m.char_logp(ch) >= SCREEN_GAIN:
            seeds.add(ch)
    spans: list[tuple[int, int]] = []
    for i, ch in enumerate(line) if seeds else ():
        if ch in seeds and not _in_word(line, i):
            a, b = max(0, i - WINDOW), min(len(line), i + WINDOW + 1)
            if _lone(line, a, b):  # the only non-ASCII character around, and no Chinese
                continue
            if spans and a <= spans[-1][1]:
                spans[-1] = (spans[-1][0], b)
            else:
                spans.append((a, b))
    return spans


def _whole_line(line: str, wrong: str, right: str, cost: float, m: CharModel) -> tuple[str, float]:
    """The whole line re-read and its gain, when that gain reaches ``cost``; else (line, 0).

    Letters next to letters count here (the line as a whole is the evidence), but only in a
    line mostly of Chinese characters.
    """
    if 2 * sum(map(_chinese_side, line)) < len(line):
        return line, 0.0
    alts = [reread(ch, wrong, right) for ch in line]
    if None in alts:
        return line, 0.0
    whole = "".join(alts)  # type: ignore[arg-type]
    if not _plausible(line, whole, m) or _lone(line, 0, len(line)):
        return line, 0.0
    gain = m.logp(whole) - m.logp(line)
    return (whole, gain) if gain >= cost else (line, 0.0)


def _is_japanese(text: str) -> bool:
    kana = len(KANA_RE.findall(text))
    return bool(kana) and kana >= JAPANESE_KANA_SHARE * len(WIDE_RE.findall(text))


def _japanese_kana(line: str) -> set[int]:
    """Positions of the kana that are Japanese text, never re-read: those of a Japanese line,
    of a Japanese word between spaces (a title quoted in Chinese text) and of three hiragana or
    three katakana in a row."""
    if _is_japanese(line):
        spans = [(0, len(line))]
    else:
        spans = [k.span() for k in KANA_WORD_RE.finditer(line)]
        spans += [t.span() for t in TOKEN_RE.finditer(line) if _is_japanese(t.group(0))]
    return {i for a, b in spans for i in range(a, b) if "\u3041" <= line[i] <= "\u30ff"}


def _stretch_repairs(
    line: str, wrong: str, right: str, cost: float, japanese: bool, m: CharModel
) -> tuple[str, float, int]:
    """The line with its misread stretches re-read, the gain and the number of stretches."""
    pieces, pos, gain = [], 0, 0.0
    shift = 0.0 if japanese else STRAY_KANA_LOGP
    japanese_kana = _japanese_kana(line)
    for w_a, w_b in _windows(line, wrong, right, m):
        fixed = [
            None if _in_word(line, i) or i in japanese_kana else reread(line[i], wrong, right)
            for i in range(w_a, w_b)
        ]
        window = line[w_a:w_b]
        for a, b in _stretches(_path(window, fixed, cost, shift, m), window):
            new = "".join(fixed[a:b])  # type: ignore[arg-type]
            a, b = w_a + a, w_a + b
            if _plausible(line[a:b], new, m) and not _lone(line, a, b):
                pieces += [line[pos:a], new]
                pos = b
                # the gain in context (the model looks two characters back)
                before, after = line[max(0, a - 2) : a], line[b : b + 2]
                gain += m.logp(before + new + after) - m.logp(before + line[a:b] + after)
    if not pos:
        return line, 0.0, 0
    pieces.append(line[pos:])
    return "".join(pieces), gain, len(pieces) // 2


def _fix_line(
    line: str, wrong: str, right: str, cost: float, m: CharModel
) -> tuple[str, float, int]:
    """The line repaired (whole or by stretches), the gain in log-probability and the number
    of repairs.

    The whole line re-read is judged as one unit, and preferred unless the stretches score
    clearly better: a line read with the wrong charset throughout has characters that look
    right on their own (陳 read as 朝), which a stretch would leave out.
    """
    japanese = _is_japanese(line)
    whole, whole_gain = (line, 0.0) if japanese else _whole_line(line, wrong, right, cost, m)
    out, gain, n = _stretch_repairs(line, wrong, right, cost, japanese, m)
    if whole_gain and whole_gain >= gain - WHOLE_LINE_BONUS:
        return whole, whole_gain, 1
    return out, gain, n


def fix_big5_gbk(text: str) -> tuple[str, int]:
    """Re-read the misread stretches of every line that has rare characters.

    A confusion confirmed by a large gain somewhere in the text is tried again on every line
    at the lower ``CONFIRMED_COST``.
    """
    m = model()
    lines = text.split("\n")
    count = 0
    confirmed: tuple[str, str] | None = None
    for i, line in enumerate(lines):
        if line.isascii() or not m.has_rare(line):
            continue
        best = (line, 0.0, 0)
        best_conf = None
        for conf in CONFUSIONS:
            out = _fix_line(line, *conf, STRETCH_COST, m)
            if out[1] > best[1]:
                best, best_conf = out, conf
        if best_conf is not None:
            lines[i] = best[0]
            count += best[2]
            if best[1] >= CONFIRM_GAIN and confirmed is None:
                confirmed = best_conf
    if confirmed is not None:
        for i, line in enumerate(lines):
            if line.isascii() or not m.has_rare(line):
                continue
            out, gain, n = _fix_line(line, *confirmed, CONFIRMED_COST, m)
            if gain > 0:
                lines[i] = out
                count += n
    return "\n".join(lines), count
