"""Encoding and repair benchmark: exact-repair rate and character similarity per fault kind.

Side by side in the same run: newscrawl's repair_text/decode_html, ftfy.fix_text (defaults),
ftfy.fix_encoding, and charset-normalizer on the raw bytes. The false-positive row counts the
clean paragraphs (>= 10,000) that each tool changes. Run: ``.venv/bin/python -m bench.encoding``.
"""

from __future__ import annotations

import difflib
import time
from collections import defaultdict
from collections.abc import Callable

import ftfy
from charset_normalizer import from_bytes

from bench._results import write_section
from newscrawl.clean.decode import decode_html
from newscrawl.clean.repair import repair_text
from tests.corruption.generate import BYTE_FAULTS, TEXT_FAULTS, cases
from tests.corruption.paragraphs import clean_paragraphs

COMMAND = ".venv/bin/python -m bench.encoding"
TEXT_TOOLS: dict[str, Callable[[str], str]] = {
    "newscrawl": lambda t: repair_text(t)[0],
    "ftfy.fix_text": ftfy.fix_text,
    "ftfy.fix_encoding": ftfy.fix_encoding,
}


def _charset_normalizer(raw: bytes, _content_type: str | None) -> str:
    best = from_bytes(raw).best()
    return str(best) if best is not None else raw.decode("utf-8", "replace")


BYTE_TOOLS: dict[str, Callable[[bytes, str | None], str]] = {
    "newscrawl": lambda raw, ct: decode_html(raw, ct).text,
    "charset-normalizer": _charset_normalizer,
}


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _cell(hits: list[tuple[bool, float]]) -> str:
    if not hits:
        return "-"
    exact = sum(h for h, _ in hits) / len(hits)
    sim = sum(s for _, s in hits) / len(hits)
    return f"{exact:.1%} / {sim:.4f}"


def main() -> None:
    started = time.perf_counter()
    paras = clean_paragraphs(True)
    rows: list[str] = []
    tools = list(TEXT_TOOLS)
    header = "| fault | cases | " + " | ".join(tools) + " |"
    rows += [header, "|" + "---|" * (len(tools) + 2)]
    per_fault: dict[str, dict[str, list[tuple[bool, float]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for fault, bad, clean in cases(paras, TEXT_FAULTS):
        for tool, fn in TEXT_TOOLS.items():
            out = fn(bad)
            per_fault[fault][tool].append((out == clean, similarity(out, clean)))
    for fault in TEXT_FAULTS:
        res = per_fault[fault]
        n = len(res["newscrawl"])
        rows.append(f"| {fault} | {n} | " + " | ".join(_cell(res[t]) for t in tools) + " |")

    byte_rows = ["| charset case | cases | newscrawl | charset-normalizer |", "|---|---|---|---|"]
    byte_res: dict[str, dict[str, list[tuple[bool, float]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for fault, (raw, content_type, expected), _clean in cases(paras[::10], BYTE_FAULTS):
        for tool, fn in BYTE_TOOLS.items():
            out = fn(raw, content_type)
            byte_res[fault][tool].append((out == expected, similarity(out, expected)))
    for fault in BYTE_FAULTS:
        res = byte_res[fault]
        byte_rows.append(
            f"| {fault} | {len(res['newscrawl'])} | {_cell(res['newscrawl'])} | "
            f"{_cell(res['charset-normalizer'])} |"
        )

    changed = {tool: 0 for tool in TEXT_TOOLS}
    for para in paras:
        for tool, fn in TEXT_TOOLS.items():
            changed[tool] += fn(para.text) != para.text
    fp_row = (
        f"| clean paragraphs changed (of {len(paras)}) | "
        + " | ".join(f"{changed[t]} ({changed[t] / len(paras):.2%})" for t in tools)
        + " |"
    )
    kinds = defaultdict(int)
    for para in paras:
        kinds[para.kind] += 1
    elapsed = time.perf_counter() - started
    markdown = "\n".join(
        [
            "## Encoding and repair",
            "",
            f"Command: `{COMMAND}` ({elapsed:.0f} s). Generator: `tests/corruption/` over "
            f"{len(paras)} clean paragraphs ("
            + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
            + "). Cells: exact-repair rate / mean character similarity (difflib ratio).",
            "",
            "Text faults (corrupted text in, repaired text out):",
            "",
            *rows,
            fp_row,
            "",
            "Charset cases (raw page bytes in, decoded page out; every 10th paragraph):",
            "",
            *byte_rows,
        ]
    )
    write_section("encoding", markdown)
    print(markdown)


if __name__ == "__main__":
    main()
