"""``newscrawl repair``: files, stdin, --jsonl (order kept, bad lines answered, speed)."""

from __future__ import annotations

import base64
import json
import time

import pytest

cli_repair = pytest.importorskip("newscrawl.cli.repair")
from click.testing import CliRunner  # noqa: E402

SEED_LINE = "科技創(chuàng)新?!焙罹盀I代表建議"
FIXED_LINE = "科技創新。”侯景濱代表建議"


def run(args: list[str], data: bytes = b"") -> tuple[int, str]:
    result = CliRunner().invoke(cli_repair.repair, args, input=data)
    return result.exit_code, result.output


def test_file_in_gbk_is_decoded_and_repaired(tmp_path) -> None:
    path = tmp_path / "p.txt"
    path.write_bytes(SEED_LINE.encode("gb18030"))
    code, out = run([str(path)])
    assert (code, out) == (0, FIXED_LINE + "\n")


def test_stdin() -> None:
    assert run([], SEED_LINE.encode()) == (0, FIXED_LINE + "\n")


def test_missing_file_is_one_clear_error() -> None:
    result = CliRunner().invoke(cli_repair.repair, ["/nonexistent/x.html"])
    assert result.exit_code != 0
    assert "cannot read" in result.output
    assert "Traceback" not in result.output


def test_jsonl_order_errors_and_bytes() -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>' + SEED_LINE + "</p></body></html>"
    lines = [
        json.dumps({"text": SEED_LINE}),
        "not json",
        json.dumps(
            {
                "bytes_b64": base64.b64encode(page.encode("gb18030")).decode(),
                "content_type": "text/html",
            }
        ),
        json.dumps({"other": 1}),
        json.dumps({"bytes_b64": "%%%"}),
        json.dumps({"text": "plain"}),
    ]
    code, out = run(["--jsonl"], "\n".join(lines).encode())
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(rows) == 6
    assert rows[0] == {
        "text": FIXED_LINE,
        "encoding": None,
        "repairs": [{"kind": "misalignment", "count": 1}, {"kind": "pinyin_debris", "count": 1}],
    }
    assert set(rows[1]) == {"error"} and set(rows[3]) == {"error"} and set(rows[4]) == {"error"}
    assert rows[2]["encoding"] == "gb18030"
    assert rows[2]["text"] == page.replace(SEED_LINE, FIXED_LINE)
    assert rows[5] == {"text": "plain", "encoding": None, "repairs": []}


def test_jsonl_is_fast() -> None:
    lines = "\n".join(
        json.dumps({"text": f"第{i}段：{FIXED_LINE}，發展新質生產力。"}) for i in range(2000)
    )
    start = time.perf_counter()
    code, out = run(["--jsonl"], lines.encode())
    assert code == 0 and len(out.splitlines()) == 2000
    assert time.perf_counter() - start < 5
