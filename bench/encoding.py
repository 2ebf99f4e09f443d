"""Encoding and repair benchmark: exact-repair rate and character similarity per fault kind.

Side by side in the same run: newscrawl's repair_text/decode_html, ftfy.fix_text (defaults),
ftfy.fix_encoding, and charset-normalizer on the raw bytes. The false-positive row counts the
clean paragraphs (>= 10,000) that each tool changes. Run: ``.venv/bin/python -m bench.encoding``.
"""

from __future__ import annotations

import difflib
import gzip
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import ftfy
from charset_normalizer import from_bytes

from bench._results import write_section
from newscrawl.clean.charmodel import model
from newscrawl.clean.decode import decode_html
from newscrawl.clean.repair import repair_html, repair_text
from tests.corruption.generate import BYTE_FAULTS, TEXT_FAULTS, cases
from tests.corruption.paragraphs import clean_paragraphs

COMMAND = ".venv/bin/python -m bench.encoding"
EVAL = Path("/work/shared/eval")
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


def _jsonl_timing(paras: tuple, n: int = 10_000) -> str:
    """CPU and wall time of ``newscrawl repair --jsonl`` on n lines (9 clean : 1 corrupted)."""
    rng = random.Random(7)
    texts = [p.text for p in paras]
    corrupted = [bad for _, bad, _ in cases(paras[::20], TEXT_FAULTS)]
    lines = rng.sample(texts, n - n // 10) + rng.sample(corrupted, n // 10)
    rng.shuffle(lines)
    data = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in lines).encode()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    wall = time.perf_counter()
    out = subprocess.run(
        [str(Path(sys.executable).with_name("newscrawl")), "repair", "--jsonl"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert out.count(b"\n") == n
    return (
        f'`newscrawl repair --jsonl` on {n:,} lines (9 clean : 1 corrupted, `{{"text"}}`): '
        f"{cpu:.1f} s CPU, {wall:.1f} s wall (1-minute load average {load:.1f} on "
        f"{os.cpu_count()} cores; CPU includes start-up: imports and the character model)."
    )


def _page_costs() -> list[str]:
    """Median and mean CPU per page of decode_html and repair_html on the eval pages."""
    sets = {
        "English benchmark (181)": [
            gzip.open(f).read()
            for f in sorted((EVAL / "article-extraction-benchmark/html").glob("*.gz"))
        ],
        "gne Chinese pages (60)": [
            f.read_bytes() for f in sorted((EVAL / "gne-pages").glob("*.html"))
        ],
    }
    model()  # built once per process, not per page
    rows = ["| pages | decode median / mean | repair median / mean |", "|---|---|---|"]
    for name, raws in sets.items():
        if not raws:
            continue
        dec, rep = [], []
        for raw in raws:
            t = time.process_time()
            text = decode_html(raw, "text/html").text
            dec.append(time.process_time() - t)
            t = time.process_time()
            repair_html(text)
            rep.append(time.process_time() - t)
        rows.append(
            f"| {name} | {statistics.median(dec) * 1000:.1f} / {statistics.mean(dec) * 1000:.1f} ms"
            f" | {statistics.median(rep) * 1000:.1f} / {statistics.mean(rep) * 1000:.1f} ms |"
        )
    return rows


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
    speed = _jsonl_timing(paras)
    page_rows = _page_costs()
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
            "",
            "Speed (same run):",
            "",
            speed,
            "",
            "CPU per page inside the pipeline (decode_html, then repair_html on the decoded page):",
            "",
            *page_rows,
        ]
    )
    write_section("encoding", markdown)
    print(markdown)


if __name__ == "__main__":
    main()
