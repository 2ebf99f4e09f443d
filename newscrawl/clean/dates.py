"""Publication dates: find them in text, meta values and URLs, and write them as ISO 8601.

A found date keeps the precision the page gives (``day``, ``minute`` or ``second``).
``FoundDate.iso`` always writes a date and a time; a date-only value becomes midnight, and the
precision (``Article.published_precision``) says that the midnight is not a stated time. A
naive value gets the site's timezone when one is known (profile, ``.cn`` host or Chinese
page); otherwise it stays naive rather than pretending to know the offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

# An explicit offset after a time: Z, +08:00, GMT+8, UTC-05:00, (Beijing Time), PST, ...
_ZONE_NAMES = {
    "GMT": 0,
    "UTC": 0,
    "BST": 60,
    "CET": 60,
    "CEST": 120,
    "EET": 120,
    "EEST": 180,
    "MSK": 180,
    "HKT": 480,
    "SGT": 480,
    "JST": 540,
    "KST": 540,
    "EST": -300,
    "EDT": -240,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "BEIJING TIME": 480,
    "BEIJING": 480,
    "北京时间": 480,
    "北京時間": 480,
}
_TZ = (
    r"(?P<tz>Z(?![A-Za-z])|[+-]\d{2}:?\d{2}(?!\d)"
    r"|\(?\s*(?:GMT|UTC)\s*(?:[+-]\d{1,2}(?::?\d{2})?)?\s*\)?"
    r"|\(?\s*(?:Beijing Time|北京时间|北京時間|[ECMP][SD]T|BST|CEST|CET|EEST|EET|MSK|HKT|SGT|JST|KST)"
    r"(?![A-Za-z])\s*\)?)"
)
_TIME = (
    r"(?P<H>[01]?\d|2[0-3])\s*[:：时時]\s*(?P<M>[0-5]\d)(?:\s*[:：分]\s*(?P<S>[0-5]\d))?"
    r"(?:\.\d+)?(?:\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)(?![A-Za-z]))?(?:\s*" + _TZ + r")?"
)
_SEP = r"\s*[-/.年月]\s*"
_DATE_TIME = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})"
    + _SEP
    + r"(?P<m>1[0-2]|0?[1-9])"
    + _SEP
    + r"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)\s*日?"
    + r"(?:\s*(?:[T\s]|日)?\s*"
    + _TIME
    + r")?"
)
# Templates that put the year in its own element: "2024 03/07 15:21:08" (news.cn).
_SPLIT_YEAR = re.compile(
    r"(?<![\d/.-])(?P<y>(?:19|20)\d{2})\s+(?P<m>1[0-2]|0[1-9])\s*[/-]\s*(?P<d>3[01]|[12]\d|0[1-9])"
    r"(?![\d/.-])(?:\s+" + _TIME + r")?"
)
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_EN_TIME = r"(?:\s*(?:,|at|@|-|–|—|\||·)?\s*" + _TIME + r")?"
# "March 18, 2024 16:30 GMT+8", "Mar. 7, 2024 at 5:45 a.m. PST", "7 March 2024, 09:05".
_ENGLISH = [
    re.compile(
        r"(?<![A-Za-z])" + _MONTH + r"\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?,?\s+"
        r"(?P<y>(?:19|20)\d{2})(?!\d)" + _EN_TIME,
        re.I,
    ),
    re.compile(
        r"(?<!\d)(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+"
        r"(?P<y>(?:19|20)\d{2})(?!\d)" + _EN_TIME,
        re.I,
    ),
]
# Month and day with a time but no year ("09-30 22:46", "3月7日 14:52"); the year must come
# from elsewhere on the page.
_YEARLESS = re.compile(
    r"(?<![\d/.\-年])(?P<m>1[0-2]|0?[1-9])\s*[-/月]\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日?"
    r"(?![\d/.\-])\s*" + _TIME
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
# A time glued to a two-digit day, as adjacent <span>s give it: "10-0812:00" -> "10-08 12:00".
_GLUED_TIME = re.compile(r"(?<=[-/.月]\d{2})(?=(?:[01]\d|2[0-3])[:：][0-5]\d)")
_COPYRIGHT = re.compile(r"©|\(c\)|copyright|版权|版權|all rights reserved|icp", re.I)


@dataclass(frozen=True)
class FoundDate:
    """A date as the page states it; ``precision`` is 'day', 'minute' or 'second'."""

    value: datetime
    precision: str
    aware: bool
    # An instant (a Unix timestamp) rather than a wall-clock time: shown in the site's zone.
    instant: bool = False

    def iso(self, tz: str | None) -> str:
        """ISO 8601 with the time (midnight for a day) and the offset when one is known."""
        value = self.value
        if self.instant and tz:
            value = value.astimezone(ZoneInfo(tz))
        elif not self.aware and tz:
            value = value.replace(tzinfo=ZoneInfo(tz))
        return value.isoformat(timespec="seconds")


def _build(match: re.Match[str], near: date | None = None) -> FoundDate | None:
    g = match.groupdict()
    try:
        m = _MONTHS[g["mon"][:3].lower()] if g.get("mon") else int(g["m"])
        d = int(g["d"])
        y = int(g["y"]) if g.get("y") else _year_near(m, d, near)
        if y is None or (g.get("mon") and not g["mon"][0].isupper()):
            return None
        if g.get("H") is None:
            return FoundDate(datetime(y, m, d), "day", False)
        hour = _hour(int(g["H"]), g.get("ampm"))
        value = datetime(y, m, d, hour, int(g["M"]), int(g.get("S") or 0))
    except (ValueError, KeyError):
        return None
    precision = "second" if g.get("S") else "minute"
    offset = _parse_offset(g.get("tz") or "")
    if offset is not None:
        value = value.replace(tzinfo=offset)
    return FoundDate(value, precision, offset is not None)


def _year_near(month: int, day: int, near: date | None) -> int | None:
    """The year that puts month-day closest to ``near`` (12-30 near 2020-01-02 is 2019)."""
    if near is None:
        return None
    options = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            options.append((abs((date(year, month, day) - near).days), year))
        except ValueError:
            continue
    return min(options)[1] if options else None


def _hour(hour: int, ampm: str | None) -> int:
    if not ampm:
        return hour
    if hour > 12:
        raise ValueError("24-hour clock with am/pm")
    pm = ampm.lower().startswith("p")
    return (hour % 12) + (12 if pm else 0)


def _parse_offset(text: str) -> timezone | None:
    text = text.strip(" ()").upper()
    if not text:
        return None
    if text == "Z":
        return UTC
    named = re.match(r"^(GMT|UTC)\s*(?=[+-])", text)
    if named:
        text = text[named.end() :]
    if text in _ZONE_NAMES:
        return timezone(timedelta(minutes=_ZONE_NAMES[text]))
    match = re.match(r"^([+-])(\d{1,2}):?(\d{2})?$", text)
    if not match:
        return None
    sign = -1 if match.group(1) == "-" else 1
    minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
    return timezone(sign * timedelta(minutes=minutes)) if minutes <= 14 * 60 else None


def _plausible(found: FoundDate) -> bool:
    return 1995 <= found.value.year <= datetime.now().year + 1


def find_date(text: str, near: date | None = None) -> FoundDate | None:
    """The first plausible date (with its time, when given) in a line of text.

    Numeric dates (``2024-03-07 14:52``, ``2024年3月7日``), English ones (``March 7, 2024
    5:45 PM PST``) and templates with the year apart (``2024 03/07 15:21``) are read; given
    a date the page states elsewhere (``near``), a month-day-time without a year (``09-30
    22:46``) takes the year that puts it closest to that date. Lines that are copyright
    notices are skipped: their year is never a publication date.
    """
    if not text or _COPYRIGHT.search(text):
        return None
    text = _GLUED_TIME.sub(" ", text)
    found = _first(text, [_DATE_TIME, _SPLIT_YEAR, *_ENGLISH])
    if found is None and near is not None:
        found = _first(text, [_YEARLESS], near)
    return found


def from_timestamp(value: str) -> FoundDate | None:
    """A Unix timestamp in seconds (10 digits) or milliseconds (13 digits)."""
    if not re.fullmatch(r"\d{10}|\d{13}", value.strip()):
        return None
    seconds = int(value) / (1000 if len(value.strip()) == 13 else 1)
    found = FoundDate(datetime.fromtimestamp(seconds, UTC), "second", True, instant=True)
    return found if _plausible(found) else None


def _first(
    text: str, patterns: list[re.Pattern[str]], near: date | None = None
) -> FoundDate | None:
    best: tuple[int, FoundDate] | None = None
    for pattern in patterns:
        for match in pattern.finditer(text):
            found = _build(match, near)
            if found and _plausible(found):
                if best is None or match.start() < best[0]:
                    best = (match.start(), found)
                break
    return best[1] if best else None


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


_RANK = {"day": 0, "minute": 1, "second": 2}


def best_date(candidates: list[FoundDate | None]) -> FoundDate | None:
    """The first candidate, refined by a later one that agrees with all it states (the same day,
    or the same minute) and is more precise (a time for a bare day, seconds for a minute)."""
    found = [c for c in candidates if c is not None]
    if not found:
        return None
    chosen = found[0]
    for other in found[1:]:
        if _RANK[other.precision] > _RANK[chosen.precision] and _agrees(chosen, other):
            chosen = other
    return chosen


def _agrees(coarse: FoundDate, fine: FoundDate) -> bool:
    value = fine.value
    if coarse.aware and fine.aware:
        value = value.astimezone(coarse.value.tzinfo)
    if coarse.precision == "day":
        return value.date() == coarse.value.date()
    return value.replace(second=0, tzinfo=None) == coarse.value.replace(tzinfo=None)
