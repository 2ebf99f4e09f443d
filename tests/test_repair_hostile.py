"""Inputs the fuzzer found: damage that can't be undone must be flagged, never crash or stall."""

import pytest

from newscrawl.clean.repair import repair_text


@pytest.mark.parametrize("text", ["?\ufffdx", "?!\ufffdI", "！\ufffd", "?!\ufffd"])
def test_a_marker_before_a_lost_character_is_left_and_flagged(text):
    repaired, repairs = repair_text(text)
    assert repaired.count("\ufffd") == text.count("\ufffd")
    assert {"kind": "irreversible", "count": text.count("\ufffd")} in repairs


def test_a_page_of_damage_is_left_as_it_is():
    """Thousands of runs ending in U+FFFD (the fuzzer's page) stay untouched and flagged."""
    text = "社区志愿者为老人送温暖（第1期）_故障测试偷\ufffd" * 3000
    repaired, repairs = repair_text(text)
    assert repaired == text
    assert {"kind": "irreversible", "count": 3000} in repairs


@pytest.mark.parametrize("label", ["undefined", "rot13", "base64", "zlib", "hex"])
def test_a_declared_codec_that_is_no_charset_is_ignored(label):
    """Found by the fuzzer: <meta charset="undefined"> raised UnicodeError out of extract."""
    from newscrawl.clean.decode import decode_html, resolve_label

    assert resolve_label(label) is None
    page = f'<html><head><meta charset="{label}"></head><body><p>西岭新闻</p></body></html>'
    decoded = decode_html(page.encode("utf-8"), f"text/html; charset={label}")
    assert "西岭新闻" in decoded.text
