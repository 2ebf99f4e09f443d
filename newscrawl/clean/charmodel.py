"""A character model of Chinese text, used to choose between candidate repairs.

Built once (lazily) from jieba's shipped ``dict.txt`` (word, frequency, tag): each word's
frequency is spread over its characters (unigrams) and adjacent character pairs (bigrams).
Traditional text is scored through a traditional->simplified character map derived by aligning
the dictionary with its OpenCC s2t conversion, so both scripts score alike. No downloads.

Scores are natural-log probabilities; characters outside Chinese get fixed class scores so that
mojibake (rare Han characters, Latin-1 debris, private-use, C1 controls) scores far below text.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jieba
import opencc

# Common Chinese punctuation, full-width forms and ASCII score like ordinary frequent characters.
CJK_PUNCT = set("，。、；：？！“”‘’（）《》〈〉【】「」『』…—－·～％＋＝／　")
PUNCT_LOGP = -4.5
ASCII_LOGP = -4.0
OTHER_LOGP = -11.0
BAD_LOGP = -24.0
UNSEEN_HAN_LOGP = -19.0
BIGRAM_WEIGHT = 0.3
RARE_LOGP = -10.5
# Two sentence marks in a row (，，or 。、) hardly occur in published text.
STOPS = set("，。、；：")
DOUBLE_STOP_LOGP = -6.0
# A single ASCII letter between two Han characters (a trail byte read as ASCII) is rare.
SANDWICH_LOGP = -6.0


def is_han(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x2FFFF
        or 0xF900 <= o <= 0xFAFF
    )


@dataclass(frozen=True)
class CharModel:
    unigram: dict[str, float]
    bigram: dict[str, float]
    t2s: dict[str, str]
    common: frozenset[str]  # characters scoring above RARE_LOGP on their own: never debris

    def char_logp(self, ch: str) -> float:
        """Log-probability of one character on its own."""
        p = self.unigram.get(self.t2s.get(ch, ch))
        return class_logp(ch) if p is None else p

    def logp(self, text: str) -> float:
        """Total log-probability of ``text`` (unigrams, interpolated with in-word bigrams)."""
        total = 0.0
        prev = ""
        before_prev_han = False
        t2s = self.t2s
        for ch in text:
            c = t2s.get(ch, ch)
            p = self.char_logp(ch)
            if prev:
                b = self.bigram.get(prev + c)
                if b is not None:
                    # log(w * P(b|a) + (1-w) * P(b)), with P(b|a) from the bigram table
                    p = math.log(BIGRAM_WEIGHT * math.exp(b) + (1 - BIGRAM_WEIGHT) * math.exp(p))
            if c in STOPS and prev in STOPS:
                p += DOUBLE_STOP_LOGP
            elif prev.isascii() and prev.isalpha() and is_han(ch) and before_prev_han:
                p += SANDWICH_LOGP
            before_prev_han = is_han(prev) if prev else False
            total += p
            prev = c
        return total

    def mean_logp(self, text: str) -> float:
        return self.logp(text) / len(text) if text else 0.0

    def count_rare(self, text: str) -> int:
        common = self.common
        return sum(ch not in common for ch in text)

    def has_rare(self, text: str) -> bool:
        """Whether any character of ``text`` is rare (a cheap first test for debris)."""
        return not self.common.issuperset(text)


@cache
def class_logp(ch: str) -> float:
    """Score of a character the dictionary does not know, by its Unicode class."""
    o = ord(ch)
    if o < 0x80:
        return ASCII_LOGP if (ch.isprintable() or ch in "\t\n") else BAD_LOGP
    if ch in CJK_PUNCT:
        return PUNCT_LOGP
    if is_han(ch):
        return UNSEEN_HAN_LOGP
    if 0xFF01 <= o <= 0xFF5E:  # full-width ASCII variants
        return PUNCT_LOGP - 2
    cat = unicodedata.category(ch)
    if cat in ("Co", "Cc", "Cs", "Cn") or ch == "\ufffd":
        return BAD_LOGP
    return OTHER_LOGP


def _big5_han() -> list[str]:
    """Every Han character of Big5 (about 13,000)."""
    pairs = bytes(
        b
        for lead in range(0xA4, 0xFA)
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF))
        for b in (lead, trail)
    )
    return [ch for ch in pairs.decode("big5", "replace") if is_han(ch)]


def _dict_path() -> Path:
    return Path(jieba.__file__).with_name("dict.txt")


@cache
def model() -> CharModel:
    """The shared model (built on first use, about a second)."""
    words: list[str] = []
    freqs: list[int] = []
    with _dict_path().open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ")
            if len(parts) >= 2:
                words.append(parts[0])
                freqs.append(int(parts[1]))
    uni: dict[str, int] = {}
    bi: dict[str, int] = {}
    for w, f in zip(words, freqs, strict=True):
        f += 1
        for ch in w:
            uni[ch] = uni.get(ch, 0) + f
        for i in range(len(w) - 1):
            k = w[i : i + 2]
            bi[k] = bi.get(k, 0) + f
    total = sum(uni.values())
    unigram = {ch: math.log(c / total) for ch, c in uni.items() if is_han(ch)}
    bigram = {k: math.log(c / uni[k[0]]) for k, c in bi.items() if c > 2}
    # Traditional characters: map each to its simplified form when that form is more frequent.
    # The dictionary's characters converted to traditional miss those that OpenCC only writes
    # in phrases (繫 in 聯繫, 週, 隻, 眾, 獲): every Big5 character is added for that reason.
    trad_chars = sorted(
        set(opencc.OpenCC("s2t").convert("".join(uni))) | set(uni) | set(_big5_han())
    )
    simp_chars = opencc.OpenCC("t2s").convert("\n".join(trad_chars)).split("\n")
    t2s: dict[str, str] = {}
    for t_ch, s_ch in zip(trad_chars, simp_chars, strict=True):
        if len(s_ch) == 1 and s_ch != t_ch and s_ch in unigram:
            if unigram[s_ch] > unigram.get(t_ch, -math.inf):
                t2s[t_ch] = s_ch
    common = {ch for ch in unigram if unigram[ch] > RARE_LOGP}
    common |= {t for t, s in t2s.items() if unigram[s] > RARE_LOGP}
    common |= {chr(i) for i in range(0x20, 0x7F)} | CJK_PUNCT
    return CharModel(unigram, bigram, t2s, frozenset(common))
