"""Publication dates in text, meta values and URLs, with the site's timezone."""

from __future__ import annotations

from datetime import date

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
        ("发布时间：2024/03/07", "Asia/Shanghai", "2024-03-07T00:00:00+08:00"),
        ("Posted 2024-03-07 09:05", None, "2024-03-07T09:05:00"),
        ("2024-03-07T14:52:00+01:00", "Asia/Shanghai", "2024-03-07T14:52:00+01:00"),
        ("2024-03-07T06:52:00Z", None, "2024-03-07T06:52:00+00:00"),
        ("March 18, 2024 16:30 GMT+8", None, "2024-03-18T16:30:00+08:00"),
        ("Updated: 2024-03-19 16:45 (Beijing Time)", None, "2024-03-19T16:45:00+08:00"),
        ("PUBLISHED: March 7, 2024 at 5:45 AM PST", None, "2024-03-07T05:45:00-08:00"),
        ("Mar. 7, 2024 at 9:05 p.m.", "America/New_York", "2024-03-07T21:05:00-05:00"),
        ("7 March 2024, 12:40 UTC", None, "2024-03-07T12:40:00+00:00"),
        ("2024年03月19日 10:05", "Asia/Shanghai", "2024-03-19T10:05:00+08:00"),
        ("2024 03/07 15:21:08", "Asia/Shanghai", "2024-03-07T15:21:08+08:00"),
        ("2024年3月7日14时52分", "Asia/Shanghai", "2024-03-07T14:52:00+08:00"),
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
    assert dates.find_date("you may 12 2024 differ") is None
    assert dates.find_date("13:30 PM 2024") is None


def test_day_precision_is_midnight_and_said_so() -> None:
    found = dates.find_date("发布日期：2024-03-07")
    assert found is not None and found.precision == "day"
    assert found.iso("Asia/Shanghai") == "2024-03-07T00:00:00+08:00"
    assert found.iso(None) == "2024-03-07T00:00:00"


def test_yearless_date_needs_a_year_from_elsewhere() -> None:
    assert dates.find_date("09-30 22:46 来源：新浪财经") is None
    found = dates.find_date("09-30 22:46 来源：新浪财经", near=date(2019, 10, 8))
    assert found is not None and found.iso("Asia/Shanghai") == "2019-09-30T22:46:00+08:00"
    near_new_year = dates.find_date("12-30 23:10", near=date(2020, 1, 2))
    assert near_new_year is not None and near_new_year.iso(None) == "2019-12-30T23:10:00"
    assert dates.find_date("3月7日 14:52", near=date(2024, 3, 7)).iso(None) == "2024-03-07T14:52:00"
    assert dates.find_date("第12-3号文件", near=date(2024, 3, 7)) is None


def test_time_glued_to_the_day_by_adjacent_spans() -> None:
    found = dates.find_date("发布时间：10-0812:00", near=date(2019, 10, 8))
    assert found is not None and found.iso("Asia/Shanghai") == "2019-10-08T12:00:00+08:00"
    assert dates.find_date("2019-10-0812:00").iso(None) == "2019-10-08T12:00:00"


def test_unix_timestamp_is_shown_in_the_site_timezone() -> None:
    found = dates.from_timestamp("1581517074")
    assert found is not None and found.iso("Asia/Shanghai") == "2020-02-12T22:17:54+08:00"
    assert found.iso(None) == "2020-02-12T14:17:54+00:00"
    assert dates.from_timestamp("12345") is None


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
    assert (found.value.date().isoformat() if found else None) == day
    assert found is None or found.precision == "day"


def test_meta_compact_date() -> None:
    found = dates.parse_meta_date("20240307145200")
    assert found is not None and found.iso("Asia/Shanghai") == "2024-03-07T14:52:00+08:00"


def test_best_date_refines_a_day_with_a_time_on_the_same_day() -> None:
    day = dates.find_date("2024-03-07")
    minute = dates.find_date("2024-03-07 14:52")
    other = dates.find_date("2024-03-06 10:00")
    assert dates.best_date([day, other, minute]) is minute
    assert dates.best_date([None, other, day]) is other


def test_best_date_refines_a_minute_with_seconds_of_the_same_minute() -> None:
    labeled = dates.find_date("PUBLISHED: March 7, 2024 at 5:45 AM PST")
    meta = dates.parse_meta_date("2024-03-07T05:45:12-08:00")
    later = dates.parse_meta_date("2024-03-07T11:02:40-08:00")
    assert dates.best_date([labeled, later, meta]) is meta
    assert dates.best_date([labeled, later]) is labeled
