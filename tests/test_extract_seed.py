"""The seed page (a hacked mirror of a 中國西藏網 article, UTF-8 and GBK) through
``newscrawl extract --json``: every field and the body exactly as expected.json states."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newscrawl.cli.extract import extract

SEED = Path(__file__).parent / "fixtures" / "seed"
EXPECTED = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    files = ["tibet_hant_utf8.html", "tibet_hant_gbk.html"]
    runner = CliRunner()
    args = [str(SEED / f) for f in files] + ["--url", EXPECTED["url"], "--json"]
    outcome = runner.invoke(extract, args)
    assert outcome.exit_code == 0, outcome.output
    return dict(zip(files, json.loads(outcome.output), strict=True))


@pytest.mark.parametrize("name", ["tibet_hant_utf8.html", "tibet_hant_gbk.html"])
@pytest.mark.parametrize("field", sorted(EXPECTED))
def test_seed_field(results: dict[str, dict], name: str, field: str) -> None:
    assert results[name][field] == EXPECTED[field]


@pytest.mark.parametrize("name", ["tibet_hant_utf8.html", "tibet_hant_gbk.html"])
def test_seed_body_has_no_furniture(results: dict[str, dict], name: str) -> None:
    body = results[name]["body"]
    for furniture in ("版權", "ICP", "責編", "記者", "分享", "打印", "原標題", "相關新聞", "自拍"):
        assert furniture not in body
    assert body.splitlines()[0].startswith("3月5日,")


def test_seed_gbk_page_is_decoded_as_gbk(results: dict[str, dict]) -> None:
    assert results["tibet_hant_gbk.html"]["encoding"] in {"gb18030", "gbk", "gb2312"}
    assert results["tibet_hant_utf8.html"]["encoding"] == "utf-8"
