"""decode_html: declarations checked against the bytes, detector, mixed pages, BOM."""

from __future__ import annotations

import codecs

import pytest

from newscrawl.clean.decode import decode_html, resolve_label

ZH = "記者從市交通局獲悉，地鐵3號線將於10月1日起延長運營時間。長沙業主維權，香港《明報》報道。"
EN = "Größere Änderungen: Die Straße bleibt bis Ende März gesperrt, sagte der Bürgermeister."


def page(text: str, meta: str | None = None) -> str:
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    return f"<html><head>{head}<title>News</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("gb2312", "gb18030"),
        ("GBK", "gb18030"),
        ("x-gbk", "gb18030"),
        ("big5", "big5hkscs"),
        ("utf8", "utf-8"),
        ("iso-8859-1", "cp1252"),
        ("nonsense-label", None),
    ],
)
def test_labels_resolve_to_supersets(label: str, codec: str | None) -> None:
    assert resolve_label(label) == codec


@pytest.mark.parametrize(
    ("codec", "content_type", "meta", "encoding", "reason"),
    [
        ("gb18030", "text/html; charset=gb2312", None, "gb18030", "http-header"),
        ("gb18030", None, "gb2312", "gb18030", "meta"),
        ("gb18030", "text/html; charset=utf-8", "gb2312", "gb18030", "meta"),  # wrong header
        ("gb18030", "text/html; charset=iso-8859-1", None, "gb18030", "detector"),
        ("utf-8", None, "gb2312", "utf-8", "detector"),  # wrong meta, bytes are UTF-8
        ("big5hkscs", "text/html; charset=gbk", None, "big5hkscs", "detector"),
        ("big5hkscs", None, "big5", "big5hkscs", "meta"),
        ("gb18030", None, None, "gb18030", "detector"),  # undeclared GBK
        ("big5hkscs", None, None, "big5hkscs", "detector"),
        ("utf-8", None, None, "utf-8", "detector"),
    ],
)
def test_charset_choice(codec, content_type, meta, encoding, reason) -> None:
    text = page(ZH, meta)
    decoded = decode_html(text.encode(codec), content_type)
    assert decoded.text == text
    assert (decoded.encoding, decoded.reason) == (encoding, reason)
    assert decoded.replacements == 0


def test_latin_page_declared_latin1_stays_latin() -> None:
    text = page(EN, "iso-8859-1")
    assert decode_html(text.encode("cp1252")).text == text


def test_undeclared_latin_page_is_not_read_as_gbk() -> None:
    text = page(EN)
    assert decode_html(text.encode("cp1252")).text == text


def test_profile_hint_used_when_nothing_is_declared() -> None:
    text = page(ZH)
    decoded = decode_html(text.encode("gb18030"), None, hint="gbk")
    assert (decoded.text, decoded.reason) == (text, "profile-hint")


def test_bom_wins() -> None:
    text = page(ZH, "gb2312")
    decoded = decode_html(codecs.BOM_UTF8 + text.encode("utf-8"), "text/html; charset=gbk")
    assert (decoded.text, decoded.reason) == (text, "bom")


def test_mixed_utf8_and_gbk_lines() -> None:
    top, body = "<html><head><title>新闻中心</title></head><body>\n", f"<p>{ZH}</p>\n</body>"
    decoded = decode_html(top.encode("utf-8") + body.encode("gb18030"))
    assert decoded.text == top + body
    assert decoded.reason == "mixed-runs"


def test_undecodable_bytes_are_counted() -> None:
    raw = page(ZH, "utf-8").encode("utf-8")
    broken = raw.replace("交通".encode(), b"\xff\xfe\xff")
    decoded = decode_html(broken, "text/html; charset=utf-8")
    assert decoded.replacements > 0
    assert "\ufffd" in decoded.text
