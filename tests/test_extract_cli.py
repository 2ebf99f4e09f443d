"""``newscrawl extract``: gzip input, JSON shape, readable summary, unreadable files."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from newscrawl.cli.extract import extract

HTML = """<html><head><meta charset="utf-8"><title>林芝桃花节开幕_西岭新闻网</title></head><body>
<h1>林芝桃花节开幕</h1><div>发布时间：2024-03-07 14:52 来源：西岭日报</div>
<div class="content"><p>第二十届林芝桃花文化旅游节今天在巴宜区开幕，来自各地的游客齐聚嘎拉村赏花，当地推出了多条精品旅游线路。</p>
<p>据介绍，本届旅游节将持续一个月，期间还将举办农民赛马、藏戏展演和特色美食展等活动，预计接待游客超过五十万人次。</p></div>
</body></html>"""


def test_gzip_file_and_json(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(HTML.encode("utf-8")))
    outcome = CliRunner().invoke(extract, [str(path), "--json"])
    assert outcome.exit_code == 0
    data = json.loads(outcome.output)
    assert data["title"] == "林芝桃花节开幕"
    assert data["published_at"] == "2024-03-07T14:52:00+08:00"
    assert data["encoding"] == "utf-8"
    assert "林芝" in outcome.output  # ensure_ascii=False


def test_several_files_give_an_array(tmp_path: Path) -> None:
    paths = []
    for name in ("a.html", "b.html"):
        paths.append(tmp_path / name)
        paths[-1].write_text(HTML, encoding="utf-8")
    outcome = CliRunner().invoke(extract, [*map(str, paths), "--json"])
    data = json.loads(outcome.output)
    assert isinstance(data, list) and len(data) == 2


def test_summary_without_json(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(HTML, encoding="utf-8")
    outcome = CliRunner().invoke(extract, [str(path)])
    assert outcome.exit_code == 0
    assert "title:" in outcome.output and "第二十届林芝桃花文化旅游节" in outcome.output


def test_unreadable_file_is_one_error_line(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(extract, [str(tmp_path / "missing.html"), "--json"])
    assert outcome.exit_code != 0
    assert "cannot read" in outcome.stderr
    assert "Traceback" not in outcome.output + outcome.stderr
    assert len(outcome.stderr.strip().splitlines()) == 1


def test_broken_gzip_is_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.html.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00broken")
    outcome = CliRunner().invoke(extract, [str(path)])
    assert outcome.exit_code != 0
    assert "cannot read" in outcome.stderr
