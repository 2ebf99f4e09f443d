"""The seed page as HTML (UTF-8, and GBK declared as gb2312) through ``newscrawl extract``.

The expected paragraphs are the seed's lines with its faults removed by hand-written
substitutions (the four misaligned runs, the pinyin debris), not by the repair code.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

extract_cli = pytest.importorskip("newscrawl.cli.extract")
from click.testing import CliRunner  # noqa: E402

SEED = Path("/work/shared/seeds/000_331aa6c9fb9621d9.txt")
FIXES = {
    "?!焙罹盀I": "。”侯景濱",
    "?!敝艹\ue0df形瘑T": "。”周超男委員",
    "?!比f師強": "。”萬師強",
}
CREDIT = "(記者貢憲云)"
DEBRIS = re.compile(r"\((?:chuàng|fā|guī|jù|lián|qū|shù|tài|xiàn|xié|xù|yè|yī|yōu|zhàn)\)")


def seed_paragraphs() -> tuple[str, list[str]]:
    lines = [ln.strip(" \u3000") for ln in SEED.read_text(encoding="utf-8").split("\n")]
    lines = [ln for ln in lines if ln]
    start = next(i for i, ln in enumerate(lines) if ln.startswith("3月5日"))
    end = next(i for i, ln in enumerate(lines) if ln.endswith("(記者貢憲云)"))
    return lines[2], lines[start : end + 1]


def expected(line: str) -> str:
    for bad, good in FIXES.items():
        line = line.replace(bad, good)
    return DEBRIS.sub("", line)


def build_page(title: str, paragraphs: list[str], charset: str) -> str:
    body = "\n".join(f"<p>\u3000\u3000{html.escape(p, quote=False)}</p>" for p in paragraphs)
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>{html.escape(title)}_中國西藏網</title></head><body>"
        f'<div class="nav">中國西藏網 &gt; 即時新聞 &gt; 地方</div><h1>{html.escape(title)}</h1>'
        f'<div class="info">發布時間:2024-03-07 14:52:00 來源: 河北日報</div>'
        f'<div class="content">{body}</div><div class="footer">版權聲明</div></body></html>'
    )


@pytest.mark.skipif(not SEED.exists(), reason="seed page not available")
@pytest.mark.parametrize(("codec", "charset"), [("utf-8", "utf-8"), ("gb18030", "gb2312")])
def test_seed_page_extracts_without_faults(tmp_path: Path, codec: str, charset: str) -> None:
    title, paragraphs = seed_paragraphs()
    assert any("?!" in p for p in paragraphs) and any(DEBRIS.search(p) for p in paragraphs)
    path = tmp_path / "seed.html"
    path.write_bytes(build_page(title, paragraphs, charset).encode(codec))
    result = CliRunner().invoke(extract_cli.extract, [str(path), "--json"])
    assert result.exit_code == 0, result.output
    article = json.loads(result.output)
    body_lines = article["body"].split("\n")
    for para in paragraphs:
        want = expected(para)
        if want.endswith(CREDIT) and want not in body_lines:
            # the extractor may move the closing reporter credit into ``author``
            assert want.removesuffix(CREDIT) in body_lines
            assert "貢憲云" in article["author"]
        else:
            assert want in body_lines
    assert article["title"] == expected(title)
    assert article["encoding"] == codec
