"""Fuzz ``newscrawl extract``, ``newscrawl repair`` and archive search with hostile input.

Hypothesis generates random bytes, tag soup from a grammar, and real pages (the GNE pages, the
Chinese fixtures, generated articles) mutated: bytes flipped, cut, spliced, re-encoded, nested
thousands deep, repeated to megabytes. Each input goes through the extract logic
(``process_page``), the repair logic and both click commands (through ``CliRunner``, as a user
would run them); random query strings go through ``Archive.search``. Nothing may raise, no
traceback may reach the output, and no call may take longer than 5 s.

Run from the repository root: ``.venv/bin/python -m bench.fuzz [--minutes 10]``.
Failing inputs are saved under ``bench/out/fuzz/`` to reproduce them.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import signal
import statistics
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench._results import write_section
from newscrawl.archive import Archive, ArchiveError
from newscrawl.clean.page import process_page
from newscrawl.cli.extract import extract as extract_command
from newscrawl.cli.repair import _jsonl_line, _repair_bytes
from newscrawl.cli.repair import repair as repair_command
from tests.faults.pages import article, article_html

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).with_name("out") / "fuzz"
HANG_SECONDS = 5.0
SEED_DIRS = [ROOT.parent / "shared" / "eval" / "gne-pages", ROOT / "tests" / "fixtures" / "zh"]


def seed_pages() -> list[bytes]:
    pages = [p.read_bytes() for d in SEED_DIRS if d.is_dir() for p in sorted(d.glob("*.html"))]
    pages += [article_html(article(n, enc)) for n, enc in enumerate(("utf-8", "gbk", "big5"))]
    return pages


SEEDS = seed_pages()
TAGS = ["p", "div", "span", "a", "h1", "title", "script", "style", "table", "td", "meta", "br"]
TEXT = st.text(
    st.sampled_from(list("新闻记者发布时间来源责任编辑　，。<>&;\"'=/ \n\t")) | st.characters(),
    max_size=200,
)


@st.composite
def tag_soup(draw: st.DrawFn) -> bytes:
    parts = []
    for _ in range(draw(st.integers(0, 60))):
        tag = draw(st.sampled_from(TAGS))
        kind = draw(st.integers(0, 4))
        if kind == 0:
            parts.append(f"<{tag} {draw(TEXT)}={draw(TEXT)}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(f'<meta charset="{draw(TEXT)}">')
        else:
            parts.append(draw(TEXT))
    encoding = draw(st.sampled_from(["utf-8", "gbk", "big5", "utf-16", "latin-1", "gb18030"]))
    return "".join(parts).encode(encoding, "replace")


@st.composite
def mutated_page(draw: st.DrawFn) -> bytes:
    page = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.integers(0, 6))
        at = draw(st.integers(0, max(0, len(page) - 1)))
        if op == 0:  # flip bytes
            for i in range(at, min(len(page), at + draw(st.integers(1, 64)))):
                page[i] = draw(st.integers(0, 255))
        elif op == 1:  # cut
            page = page[:at]
        elif op == 2:  # splice another page in
            other = draw(st.sampled_from(SEEDS))
            page[at:at] = other[: draw(st.integers(0, len(other)))]
        elif op == 3:  # deep nesting
            depth = draw(st.integers(100, 20_000))
            page[at:at] = b"<div>" * depth + b"\xe6\x96\xb0\xe9\x97\xbb" + b"</div>" * depth
        elif op == 4:  # repeat a chunk to megabytes
            chunk = bytes(page[at : at + draw(st.integers(1, 200))]) or b"x"
            page[at:at] = chunk * min(draw(st.integers(1, 20_000)), 3_000_000 // len(chunk))
        elif op == 5:  # re-encode the whole page
            enc = draw(st.sampled_from(["gbk", "big5", "utf-16-le", "latin-1", "shift_jis"]))
            page = bytearray(bytes(page).decode("utf-8", "replace").encode(enc, "replace"))
        else:  # insert hostile bytes
            page[at:at] = draw(st.sampled_from([b"\x00" * 50, b"\xef\xbb\xbf", b"]]>", b"<!--"]))
    return bytes(page)


PAGES = st.binary(max_size=20_000) | tag_soup() | mutated_page()


class Hang(Exception):
    pass


def _alarm(_signum: int, _frame: Any) -> None:
    raise Hang(f"over {HANG_SECONDS} s")


class Fuzzer:
    def __init__(self, archive: Archive):
        self.archive = archive
        self.runner = CliRunner()
        self.times: dict[str, list[float]] = {}
        self.failures: Counter[str] = Counter()
        self.examples = 0

    def call(self, target: str, raw: bytes, fn: Any) -> None:
        signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
        started = time.perf_counter()
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - every escape is a finding
            self.record(target, raw, exc)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.times.setdefault(target, []).append(time.perf_counter() - started)

    def record(self, target: str, raw: bytes, exc: BaseException | str) -> None:
        name = exc if isinstance(exc, str) else type(exc).__name__
        self.failures[f"{target}: {name}"] += 1
        OUT.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha1(raw).hexdigest()[:12]
        (OUT / f"{target}-{digest}.bin").write_bytes(raw)
        detail = name if isinstance(exc, str) else "".join(traceback.format_exception(exc))
        (OUT / f"{target}-{digest}.txt").write_text(detail, encoding="utf-8")

    def page(self, raw: bytes, tmp: Path) -> None:
        self.examples += 1
        self.call("process_page", raw, lambda: process_page(raw, url="http://x.test/a/1.html"))
        self.call("repair", raw, lambda: _repair_bytes(raw))
        lines = [
            json.dumps({"text": raw.decode("utf-8", "replace")}, ensure_ascii=False),
            json.dumps({"bytes_b64": base64.b64encode(raw).decode(), "content_type": "text/html"}),
            raw.decode("utf-8", "replace"),
        ]
        self.call("repair --jsonl", raw, lambda: [_jsonl_line(line) for line in lines])
        path = tmp / "page.html"
        path.write_bytes(raw)
        for name, command, args in (
            ("cli extract", extract_command, ["--json", str(path)]),
            ("cli repair", repair_command, [str(path)]),
        ):
            result = self.runner.invoke(command, args)
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                self.record(name, raw, result.exception)
            elif "Traceback" in result.output:
                self.record(name, raw, "traceback in output")

    def search(self, query: str) -> None:
        def run() -> None:
            try:
                self.archive.search(query)
            except (ArchiveError, ValueError):
                pass  # a clear refusal of a bad query is fine; a sqlite error is not

        self.call("search", query.encode("utf-8", "surrogatepass"), run)


def run(minutes: float) -> Fuzzer:
    signal.signal(signal.SIGALRM, _alarm)
    with tempfile.TemporaryDirectory(prefix="newscrawl-fuzz-") as tmp_name:
        tmp = Path(tmp_name)
        archive = Archive(tmp / "archive.db")
        capture = archive.add_capture("http://x.test/a", 200, {}, b"x", "2024-01-01T00:00:00")
        archive.save_article(
            {"url": "http://x.test/a", "title": "新闻", "body": "西岭新闻"}, capture
        )
        fuzzer = Fuzzer(archive)
        deadline = time.monotonic() + minutes * 60
        fuzz_settings = settings(
            max_examples=50,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )

        @fuzz_settings
        @given(raw=PAGES, query=st.text(max_size=60))
        def one(raw: bytes, query: str) -> None:
            if time.monotonic() < deadline:
                fuzzer.page(raw, tmp)
                fuzzer.search(query)

        while time.monotonic() < deadline:
            one()
        archive.close()
    return fuzzer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    started = time.monotonic()
    fuzzer = run(args.minutes)
    elapsed = time.monotonic() - started
    lines = [
        "## Fuzzing extract, repair and search",
        "",
        f"`.venv/bin/python -m bench.fuzz --minutes {args.minutes:g}` ({elapsed / 60:.1f} min, "
        f"{fuzzer.examples} pages, {len(SEEDS)} seed pages mutated, random bytes, tag soup)",
        "",
        "| target | calls | median ms | p99 ms | max s | over 5 s |",
        "|---|---|---|---|---|---|",
    ]
    for target, times in fuzzer.times.items():
        ordered = sorted(times)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        slow = sum(1 for t in times if t > HANG_SECONDS)
        lines.append(
            f"| {target} | {len(times)} | {statistics.median(times) * 1000:.1f} | "
            f"{p99 * 1000:.0f} | {max(times):.2f} | {slow} |"
        )
    lines += ["", "Findings (exceptions, tracebacks, hangs; inputs in bench/out/fuzz/):", ""]
    lines += [f"- {name}: {count}" for name, count in fuzzer.failures.most_common()] or ["- none"]
    markdown = "\n".join(lines)
    print(markdown)
    write_section("fuzz", markdown)


if __name__ == "__main__":
    main()
