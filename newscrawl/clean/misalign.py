"""Re-pair GBK text that was decoded one byte out of step.

When a byte of a GB18030/GBK stream is lost, the decoder pairs each trail byte with the next
lead byte and emits plausible-looking but improbable characters, until a trail byte in the ASCII
range (0x40-0x7E, common in traditional characters) comes out as a lone ASCII letter and the
stream is back in step; a trail byte left before a byte that cannot follow it comes out as
U+FFFD. The seed's ``?!焙罹盀I代表`` is ``。”侯景濱代表``: ``。`` (A1A3) became ``?``, the lead byte
A1 of ``”`` lost its high bit (``!`` = 0x21), and ``焙罹盀I`` is B1BA EEBE B09E 49 read out of step.

Repair: re-encode the run (with the resync letter) as GB18030, put the lost lead byte in front
and decode. The lead byte is known when its high bit was stripped (the marker character before
the run, ``!``/``！`` for A1) and is otherwise chosen by the character model, as is where the run
starts inside a longer non-ASCII run. A repair is kept only when the model finds it far more
probable than the text as found.

The ``?`` in front of a marker stands for a whole character that was lost. It is replaced only
where Chinese punctuation makes the character certain enough: before a closing quote or bracket
it is ``。`` (Chinese puts the full stop inside the quote; in all four seed cases it is ``。``);
before an opening quote it is ``：`` after a verb of saying and ``。`` otherwise. Elsewhere the
``?`` stays (it may have been any character) and is counted as irreversible.
"""

from __future__ import annotations

import math
import re
from functools import cache

from newscrawl.clean.big5_gbk import CONFUSIONS, reread
from newscrawl.clean.charmodel import CharModel, model

RUN_RE = re.compile(r"[^\x00-\x7f]+")
LEADS = bytes(range(0x81, 0xFF))
CLOSING = set("”’」』）》】")
OPENING = set("“‘「『")
SAYING = set("說说道示為为問问稱称曰講讲指")
LOST_MARKS = "?？"
STRIP_MARKS = "!！"
MIN_GAIN = 12.0
# After a ``!``/``！`` marker the structure itself is evidence: any gain will do.
MIN_GAIN_MARKED = 0.0
MIN_MEAN = -9.0
RARE = -10.5
# A shifted GBK stream meets a trail byte in 0x40-0x7E (an ASCII character, where it resyncs)
# about once in four characters; a longer "run" is no misalignment, and scoring it costs time
# linear in its length for every candidate start (a page of U+FFFD took minutes).
MAX_RUN = 120
# Runs with no marker are searched at up to LOOKBACK starts with every possible lost byte; a
# text holds a handful of real ones, so past this many the text is noise (a page of U+FFFD,
# keyword spam) and the search stops, keeping repair time linear in the text.
MAX_UNMARKED_RUNS = 200
LOOKBACK = 10


def _decode(data: bytes) -> str | None:
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return None


@cache
def _firsts(trail: int) -> tuple[str, ...]:
    """The characters that any lead byte makes with ``trail``."""
    out = (_decode(bytes([lead, trail])) for lead in LEADS)
    return tuple(ch for ch in out if ch is not None and len(ch) == 1)


def _lost_char(prev: str, nxt: str) -> str | None:
    if nxt in CLOSING:
        return "。"
    if nxt in OPENING:
        return "：" if prev in SAYING else "。"
    return None


def _realign(run: str, resync: str, lead: int | None, prev: str = "") -> str | None:
    """Decode ``lead + gb18030(run) + resync``; ``lead=None`` picks the best lead byte.

    The lead byte is chosen by the model with the characters on both sides (``prev`` and the
    first re-paired character) as context.
    """
    tail = ""
    body = run
    if run.endswith("\ufffd"):
        body = run[:-1]
    try:
        data = body.encode("gb18030") + resync.encode("ascii")
    except UnicodeEncodeError:
        return None
    if run.endswith("\ufffd"):
        # the last byte is a lead whose trail became U+FFFD: that character stays lost
        data = data[:-1]
        tail = "\ufffd"
    if not data:
        return None
    rest = _decode(data[1:])
    if rest is None:
        return None
    if lead is not None:
        first = _decode(bytes([lead, data[0]]))
        return None if first is None else first + rest + tail
    m = model()
    best, best_score = None, -1e9
    for first in _firsts(data[0]):
        score = m.logp(prev + first + rest[:1])
        if score > best_score:
            best, best_score = first, score
    return None if best is None else best + rest + tail


def _candidates(text: str, a: int, b: int, resync: str) -> list[tuple[int, str, float]]:
    """(span start, replacement, minimum gain) candidates for text[a:b] (+ resync letter)."""
    run = text[a:b]
    prev = text[a - 1] if a > 0 else ""
    out: list[tuple[int, str, float]] = []
    if prev in STRIP_MARKS or (prev and "\x21" <= prev <= "\x7e" and prev not in LOST_MARKS):
        lead = 0xA1 if prev in STRIP_MARKS else ord(prev) | 0x80
        fixed = _realign(run, resync, lead)
        if fixed is not None:
            start = a - 1
            before = text[a - 2] if a > 1 else ""
            if before and before in LOST_MARKS:
                lost = _lost_char(text[a - 3] if a > 2 else "", fixed[:1])
                if lost is not None:
                    start, fixed = a - 2, lost + fixed
            if start == a - 2:  # the full ``?!`` pattern: only the result's own score counts
                min_gain = -math.inf
            else:
                min_gain = MIN_GAIN_MARKED if prev in STRIP_MARKS else MIN_GAIN
            out.append((start, fixed, min_gain))
    if prev and prev in LOST_MARKS:
        fixed = _realign(run, resync, None, prev)
        if fixed is not None:
            lost = _lost_char(text[a - 2] if a > 1 else "", fixed[:1])
            out.append((a - 1, lost + fixed, MIN_GAIN) if lost else (a, fixed, MIN_GAIN))
    # without a marker the run starts at most a few characters before its first rare one
    m = model()
    first_rare = next((i for i, ch in enumerate(run) if m.char_logp(ch) <= RARE), len(run) - 1)
    for s in range(max(0, first_rare - LOOKBACK), first_rare + 1):
        fixed = _realign(run[s:], resync, None, run[s - 1] if s else prev)
        if fixed is not None:
            out.append((a, run[:s] + fixed, MIN_GAIN))
    return out


def _reread_gain(span: str, m: CharModel) -> float:
    """The best gain of re-reading ``span`` through a GBK<->Big5 confusion (-inf if none)."""
    best = -math.inf
    for wrong, right in CONFUSIONS:
        alts = [reread(ch, wrong, right) for ch in span]
        if None not in alts:
            best = max(best, m.logp("".join(alts)) - m.logp(span))  # type: ignore[arg-type]
    return best


def repair_marked_misalignment(text: str) -> tuple[str, int]:
    """Only runs opened by a ``!``/``？`` marker: safe before mojibake repair, which would
    otherwise take such a run for misread text."""
    return repair_misalignment(text, marked_only=True)


def repair_misalignment(text: str, marked_only: bool = False) -> tuple[str, int]:
    m = model()
    pieces: list[str] = []
    pos = 0
    count = 0
    unmarked = 0
    for match in RUN_RE.finditer(text):
        a, b = match.span()
        while a < b - 1 and text[a] in "！？":  # a full-width marker opens the run
            a += 1
        if a < pos:
            continue
        resync = text[b] if b < len(text) and "\x40" <= text[b] <= "\x7e" else ""
        run = text[a:b]
        if not resync and not run.endswith("\ufffd"):
            continue
        if len(run) > MAX_RUN:
            continue  # a shifted GBK stream resyncs within a few characters; this is no run
        marked = a > 0 and text[a - 1] in STRIP_MARKS + LOST_MARKS
        if marked_only and not marked:
            continue
        if not marked and not m.has_rare(run):
            continue
        if not marked:
            unmarked += 1
            if unmarked > MAX_UNMARKED_RUNS:
                continue  # a page of damage: bounded work, the rest is left as it is
        end = b + len(resync)
        best, best_score = None, None
        for start, fixed, min_gain in _candidates(text, a, b, resync):
            if start < pos:
                continue
            gain = m.logp(fixed) - m.logp(text[start:end])
            if gain > min_gain and m.mean_logp(fixed) > MIN_MEAN:
                if best_score is None or gain > best_score:
                    best, best_score = (start, fixed), gain
        if best is None:
            continue
        start, fixed = best
        if not marked and _reread_gain(text[start:end], m) >= best_score:
            continue  # Big5 read as GBK (or the reverse) explains the run as well: big5_gbk's
        pieces.append(text[pos:start])
        pieces.append(fixed)
        pos = end
        count += 1
    pieces.append(text[pos:])
    return "".join(pieces), count
