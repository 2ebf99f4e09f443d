"""Undo text that was decoded with the wrong charset, wherever that is reversible.

CJK cases are written here: a run of non-ASCII characters is re-encoded with the codec that
misread it and decoded with the one it was written in (UTF-8 read as GB18030 or Big5-HKSCS; Big5
read as GBK and GBK read as Big5 are left to ``big5_gbk``). A candidate replaces the run only
when it decodes strictly and the character model finds it far more probable. Western cases (UTF-8 read as
cp1252/latin-1, also twice) go to ``ftfy.fix_encoding``, called only on text that ftfy's own
badness test flags. Irreversible damage (U+FFFD, ``锟斤拷``) is counted, never guessed.
"""

from __future__ import annotations

import re

import ftfy
from ftfy.badness import is_bad

from newscrawl.clean.charmodel import is_han, model

# (misread as, written in): encode the run with the first, decode with the second. GBK<->Big5
# confusions are handled character by character in big5_gbk: those codecs align with the bytes.
UTF8_CONFUSIONS: tuple[tuple[str, str], ...] = (("gb18030", "utf-8"), ("big5hkscs", "utf-8"))
# Runs of characters that can be the image of high bytes (anything outside ASCII, but not
# whitespace, which no double-byte decoder produces).
RUN_RE = re.compile(r"[^\x00-\x7f\s]+")
# Real punctuation splits a run into segments; a misread stretch is a group of whole segments.
SEGMENT_RE = re.compile(r"[，。、；：？！“”‘’（）《》【】「」]")
IRREVERSIBLE_RE = re.compile("\ufffd|锟斤拷")
# Minimum gain in total log-probability (nats) before a run is replaced, and the mean score the
# replacement must reach on its own: together they keep clean text untouched.
MIN_GAIN = 12.0
MIN_MEAN = -9.5
RARE = -10.5
MAX_SEGMENTS = 12
LATIN_MOJIBAKE_RE = re.compile("[\u00c0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192]")


def _cjkish(ch: str) -> bool:
    return is_han(ch) or "\ue000" <= ch <= "\uf8ff" or "\u3000" <= ch <= "\u303f"


def fix_cjk_run(run: str) -> str | None:
    """The best strictly-decoding re-reading of ``run`` that clearly beats it, else None.

    Only runs mostly of Han/CJK-punctuation/private-use characters qualify: the double-byte
    decoders that make CJK mojibake emit those, while a word of Cyrillic, Greek or kana is
    text, not debris.
    """
    cands = []
    for wrong, right in UTF8_CONFUSIONS:  # strict decoding first: it rejects most runs cheaply
        try:
            cand = run.encode(wrong).decode(right)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if cand != run:
            cands.append(cand)
    m = model()
    if not cands or not m.has_rare(run) or sum(map(_cjkish, run)) * 2 < len(run):
        return None
    best, best_score = None, None
    for cand in cands:
        rare = m.count_rare(cand)
        if rare and rare >= m.count_rare(run):
            continue  # a re-reading with as many rare characters is no repair (and is common)
        if best_score is None:  # scored only when some re-reading is worth scoring
            best_score = m.logp(run) + MIN_GAIN
        score = m.logp(cand)
        if score > best_score and m.mean_logp(cand) > MIN_MEAN:
            best, best_score = cand, score
    return best


def _fix_segments(run: str) -> tuple[str, int]:
    """Find the misread stretch inside a longer run: try groups of whole segments."""
    m = model()
    bounds = [0] + [x.end() for x in SEGMENT_RE.finditer(run)] + [len(run)]
    bounds = sorted(set(bounds))
    out, pos, count = [], 0, 0
    for a_i, a in enumerate(bounds[:-1]):
        if a < pos:
            continue
        if not m.has_rare(run[a : bounds[a_i + 1]]):
            continue
        for b in reversed(bounds[a_i + 1 : a_i + 1 + MAX_SEGMENTS]):
            cuts = (b - 1, b) if b - 1 > a and SEGMENT_RE.match(run[b - 1]) else (b,)
            for cut in cuts:
                fixed = fix_cjk_run(run[a:cut])
                if fixed is not None:
                    out.append(run[pos:a] + fixed)
                    pos, count = cut, count + 1
                    break
            if pos > a:
                break
    out.append(run[pos:])
    return "".join(out), count


def fix_cjk(text: str) -> tuple[str, int]:
    """Whole lines first (a page read with the wrong charset), then UTF-8 stretches inside
    runs."""
    count = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        whole = fix_cjk_run(line)
        if whole is not None:
            lines[i] = whole
            count += 1
            continue
        pieces, pos = [], 0
        for match in RUN_RE.finditer(line):
            fixed, n = _fix_segments(match.group(0))
            if n:
                pieces.append(line[pos : match.start()] + fixed)
                pos = match.end()
                count += n
        lines[i] = "".join(pieces) + line[pos:]
    return "\n".join(lines), count


def fix_western(text: str) -> tuple[str, int]:
    """ftfy.fix_encoding, only on lines ftfy judges bad and only if the model agrees."""
    if not LATIN_MOJIBAKE_RE.search(text) and not re.search("[\u0080-\u009f]", text):
        return text, 0
    m = model()
    count = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not is_bad(line):
            continue
        fixed = ftfy.fix_encoding(line)
        if fixed != line and m.logp(fixed) > m.logp(line):
            lines[i] = fixed
            count += 1
    return "\n".join(lines), count


def fix_mojibake(text: str) -> tuple[str, int]:
    """Repair Western then CJK mojibake, up to three layers deep (double encodings)."""
    total = 0
    for _ in range(3):
        text, n_west = fix_western(text)
        text, n_cjk = fix_cjk(text)
        if not n_west and not n_cjk:
            break
        total += n_west + n_cjk
    return text, total


def count_irreversible(text: str) -> int:
    return len(IRREVERSIBLE_RE.findall(text))
