"""Publication dates in text, meta values and URLs, with the site's timezone."""

from __future__ import annotations

import pytest

from newscrawl.clean import dates


@pytest.mark.parametrize(
    ("text", "tz", "iso"),
    [
        (
            "發布時間:2024-03-07 14:52:00來源: 河北日報",
            "Asia/Shanghai",
            "2024-03-07T14:52:00+08:00",
        ),
        ("2024年3月7日 14:52", "Asia/Shanghai", "2024-03-07T14:52:00+08:00"),
        ("2019年09月09日 18:13:22", "Asia/Shanghai", "2019-09-09T18:13:22+08:00"),
        ("发布时间：2024/03/07", "Asia/Shanghai", "2024-03-07"),
        ("Posted 2024-03-07 09:05", None, "2024-03-07T09:05:00"),
        ("2024-03-07T14:52:00+01:00", "Asia/Shanghai", "2024-03-07T14:52:00+01:00"),
        ("2024-03-07T06:52:00Z", None, "2024-03-07T06:52:00+00:00"),
    ],
)
def test_find_date(text: str, tz: str | None, iso: str) -> None:
    found = dates.find_date(text)
    assert found is not None
    assert found.iso(tz) == iso


def test_copyright_year_is_never_a_date() -> None:
    assert dates.find_date("Copyright © 2009-2024 www.tibet.cn 版權所有 2024-01-01") is None


def test_no_date() -> None:
    assert dates.find_date("今年政府工作报告提出，大力推进现代化产业体系建设") is None
    assert dates.find_date("2024-13-45 25:99") is None


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://www.tibet.cn/cn/index/dfxw/202403/t20240307_7580123.html", "2024-03-07"),
        ("http://news.xiling.test/local/2024-03/07/content_1001.html", "2024-03-07"),
        ("http://hb.people.com.cn/n2/2024/0307/c194063-40767010.html", "2024-03-07"),
        ("https://example.com/2024/03/07/story-name/", "2024-03-07"),
        ("https://example.com/about/team.html", None),
    ],
)
def test_date_from_url(url: str, day: str | None) -> None:
    found = dates.date_from_url(url)
    assert (found.iso(None) if found else None) == day


def test_meta_compact_date() -> None:
    found = dates.parse_meta_date("20240307145200")
    assert found is not None and found.iso("Asia/Shanghai") == "2024-03-07T14:52:00+08:00"


def test_best_date_refines_a_day_with_a_time_on_the_same_day() -> None:
    day = dates.find_date("2024-03-07")
    minute = dates.find_date("2024-03-07 14:52")
    other = dates.find_date("2024-03-06 10:00")
    assert dates.best_date([day, other, minute]) is minute
    assert dates.best_date([None, other, day]) is other
