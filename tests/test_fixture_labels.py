"""Well-formedness of the hand-labelled Chinese fixtures in tests/fixtures/zh/labels.json."""

import json
import re
from datetime import datetime
from pathlib import Path

import lxml.html
import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "zh"
REQUIRED = ("file", "url", "site", "title", "published_at", "author", "editor", "source", "body")
EDGE_WHITESPACE = " \t\r\n\u3000\xa0"
# Live quotes sina injects after company names, which the labels leave out (see README).
STOCK_QUOTE = re.compile(r"\((?:-?[\d.]+,){2}-?[\d.]+%\)")


def _labels() -> list[dict]:
    return json.loads((FIXTURES / "labels.json").read_text(encoding="utf-8"))


LABELS = _labels()


def test_set_is_big_and_varied_enough() -> None:
    assert len(LABELS) >= 40
    assert len({label["site"] for label in LABELS}) >= 15


def test_files_are_unique_and_licensed() -> None:
    files = [label["file"] for label in LABELS]
    assert len(files) == len(set(files))
    assert (FIXTURES / "LICENSE").is_file()
    assert (FIXTURES / "README.md").is_file()


@pytest.mark.parametrize("label", LABELS, ids=lambda label: label["file"])
def test_label_is_well_formed(label: dict) -> None:
    assert set(REQUIRED) <= set(label)
    assert (FIXTURES / label["file"]).is_file()
    assert label["site"] == label["file"].split("_")[0]
    assert label["url"] is None or label["url"].startswith(("http://", "https://"))
    assert isinstance(label["title"], str) and label["title"].strip() == label["title"] != ""

    published = label["published_at"]
    if published is not None:
        parsed = datetime.fromisoformat(published)
        assert parsed.utcoffset() is not None
        if label.get("published_precision") == "day":
            assert (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0)
    assert label.get("published_precision", "day") == "day"

    assert isinstance(label["author"], list)
    assert all(isinstance(name, str) and name.strip() == name != "" for name in label["author"])
    for field in ("editor", "source"):
        assert label[field] is None or (isinstance(label[field], str) and label[field].strip())


@pytest.mark.parametrize("label", LABELS, ids=lambda label: label["file"])
def test_body_is_one_trimmed_paragraph_per_line(label: dict) -> None:
    body = label["body"]
    assert isinstance(body, str) and body
    lines = body.split("\n")
    assert all(line for line in lines), "blank line in body"
    assert all(line.strip(EDGE_WHITESPACE) == line for line in lines), "untrimmed line"
    assert label["title"] != lines[0], "headline repeated as first body line"
    assert not any(line.startswith(("责任编辑", "原标题", "（原标题")) for line in lines)


def _page_text(file: str) -> str:
    """All text of the saved page, whitespace and stock quotes removed, scripts dropped."""
    doc = lxml.html.fromstring((FIXTURES / file).read_text(encoding="utf-8"))
    for element in doc.xpath("//script|//style"):
        element.drop_tree()
    text = "".join(doc.text_content().split())
    return STOCK_QUOTE.sub("", text)


@pytest.mark.parametrize("label", LABELS, ids=lambda label: label["file"])
def test_labelled_text_comes_from_the_page(label: dict) -> None:
    """The title and the start and end of every body line are text of the page itself."""
    page = _page_text(label["file"])
    assert "".join(label["title"].split()) in page
    for line in label["body"].split("\n"):
        compact = "".join(line.split())
        assert compact[:6] in page and compact[-6:] in page, line
