"""Publication dates: find them in text, meta values and URLs, and write them as ISO 8601.

A found date keeps the precision the page gives: ``2024-03-07`` for a day,
``2024-03-07T14:52:00+08:00`` for a time. A naive time gets the site's timezone when one
is known (profile, ``.cn`` host or Chinese page); otherwise it stays naive rather than
pretending to know the offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

_SEP = r"\s*[-/.年月]\s*"
_DATE_TIME = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})"
    + _SEP
    + r"(?P<m>1[0-2]|0?[1-9])"
    + _SEP
    + r"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)\s*日?"
    r"(?:\s*(?:[T\s]|日)?\s*(?P<H>[01]?\d|2[0-3])\s*[:：时時]\s*(?P<M>[0-5]\d)"
    r"(?:\s*[:：分]\s*(?P<S>[0-5]\d))?(?:\.\d+)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_COMPACT = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])"
    r"(?:(?P<H>[01]\d|2[0-3])(?P<M>[0-5]\d)(?P<S>[0-5]\d)?)?(?!\d)"
)
_URL_PATTERNS = [
    # /2024-03/07/, /2024/03/07/, /2024-03-07/, /2024/0307/ (people.cn /n2/2024/0307/)
    re.compile(
        r"/(?P<y>20\d{2})[-/_]?(?P<m>0[1-9]|1[0-2])[-/_]?(?P<d>0[1-9]|[12]\d|3[01])(?=[/_.-])"
    ),
    # t20240307_123.html, 20240307/, content_20240307
    re.compile(
        r"(?<!\d)(?P<y>20\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?=[_/.\-]|\d{2,})"
    ),
]
_COPYRIGHT = re.compile(r"©|\(c\)|copyright|版权|版權|all rights reserved|icp", re.I)


@dataclass(frozen=True)
class FoundDate:
    """A date as the page states it; ``precision`` is 'day', 'minute' or 'second'."""

    value: datetime
    precision: str
    aware: bool

    def iso(self, tz: str | None) -> str:
        if self.precision == "day":
            return self.value.date().isoformat()
        value = self.value
        if not self.aware and tz:
            value = value.replace(tzinfo=ZoneInfo(tz))
        return value.isoformat(timespec="seconds")


def _build(match: re.Match[str]) -> FoundDate | None:
    g = match.groupdict()
    try:
        y, m, d = int(g["y"]), int(g["m"]), int(g["d"])
        if g.get("H") is None:
            return FoundDate(datetime(y, m, d), "day", False)
        value = datetime(y, m, d, int(g["H"]), int(g["M"]), int(g.get("S") or 0))
    except ValueError:
        return None
    precision = "second" if g.get("S") else "minute"
    offset = g.get("tz")
    if offset:
        value = value.replace(tzinfo=_parse_offset(offset))
    return FoundDate(value, precision, bool(offset))


def _parse_offset(text: str) -> timezone:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))


def _plausible(found: FoundDate) -> bool:
    return 1995 <= found.value.year <= datetime.now().year + 1


def find_date(text: str) -> FoundDate | None:
    """The first plausible date (with its time, when given) in a line of text.

    Lines that are copyright notices are skipped: their year is never a publication date.
    """
    if not text or _COPYRIGHT.search(text):
        return None
    for match in _DATE_TIME.finditer(text):
        found = _build(match)
        if found and _plausible(found):
            return found
    return None


def parse_meta_date(value: str) -> FoundDate | None:
    """A date from a meta tag, JSON-LD or ``<time datetime>`` value (ISO-like or compact)."""
    value = (value or "").strip()
    if not value:
        return None
    found = find_date(value)
    if found is None:
        match = _COMPACT.search(value)
        found = _build(match) if match else None
    return found if found and _plausible(found) else None


def date_from_url(url: str | None) -> FoundDate | None:
    """The day a URL path encodes (``/2024-03/07/``, ``/n2/2024/0307/``, ``t20240307_``)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    for pattern in _URL_PATTERNS:
        for match in pattern.finditer(path):
            found = _build(match)
            if found and _plausible(found):
                return found
    return None


def best_date(candidates: list[FoundDate | None]) -> FoundDate | None:
    """The first candidate, refined by a later one that agrees on the day but is more precise."""
    found = [c for c in candidates if c is not None]
    if not found:
        return None
    chosen = found[0]
    if chosen.precision == "day":
        for other in found[1:]:
            if other.precision != "day" and other.value.date() == chosen.value.date():
                return other
    return chosen
