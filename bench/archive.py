"""Archive at scale: insert rate, size per article and search latency at 100,000 articles.

Synthetic articles are built from real vocabularies so the character and word distributions
are realistic: Chinese from jieba's dictionary (words drawn by their corpus frequency),
English from the word frequencies of the public article-extraction benchmark's ground truth.
Bodies are 800-3000 characters; 80% Chinese, 20% English; 20 sites; each article is stored
through the crawler's path (``add_capture`` of an HTML page, then ``save_article``).

Run from the repository root: ``.venv/bin/python -m bench.archive [--articles N]``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from contextlib import nullcontext
from pathlib import Path

import jieba

from bench._results import write_section
from newscrawl.archive import Archive
from newscrawl.archive.query import parse_query
from newscrawl.archive.search import BROAD_QUERY, estimate_matches

OUT = Path(__file__).with_name("out")
EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "article-extraction-benchmark"
HAN = re.compile(r"^[\u4e00-\u9fff]+$")
PUNCT = "，，，，。。、；：！？"


def chinese_vocabulary() -> tuple[list[str], list[int]]:
    words, weights = [], []
    with open(Path(jieba.__file__).with_name("dict.txt"), encoding="utf-8") as handle:
        for line in handle:
            word, freq, *_ = line.split()
            if HAN.match(word):
                words.append(word)
                weights.append(int(freq))
    return words, weights


def english_vocabulary() -> tuple[list[str], list[int]]:
    truth = json.loads((EVAL / "ground-truth.json").read_text(encoding="utf-8"))
    counts = Counter(
        word
        for item in truth.values()
        for word in re.findall(r"[A-Za-z][a-z]+", item["articleBody"])
    )
    return list(counts), list(counts.values())


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.zh, self.zh_w = chinese_vocabulary()
        self.en, self.en_w = english_vocabulary()
        self.zh_cum = list(itertools.accumulate(self.zh_w))
        self.en_cum = list(itertools.accumulate(self.en_w))

    def _chinese(self, length: int) -> str:
        out: list[str] = []
        size = 0
        while size < length:
            sentence = "".join(
                self.rng.choices(self.zh, cum_weights=self.zh_cum, k=self.rng.randint(6, 14))
            )
            out.append(sentence + self.rng.choice(PUNCT))
            size += len(sentence) + 1
            if self.rng.random() < 0.15:
                out.append("\n")
        return "".join(out)

    def _english(self, length: int) -> str:
        out: list[str] = []
        size = 0
        while size < length:
            words = self.rng.choices(self.en, cum_weights=self.en_cum, k=self.rng.randint(8, 25))
            sentence = " ".join(words).capitalize() + ". "
            out.append(sentence)
            size += len(sentence)
            if self.rng.random() < 0.2:
                out.append("\n")
        return "".join(out).strip()

    def article(self, n: int) -> dict:
        english = self.rng.random() < 0.2
        length = self.rng.randint(800, 3000)
        body = self._english(length) if english else self._chinese(length)
        title = self._english(40)[:60] if english else self._chinese(12)[:16]
        site = f"site{n % 20:02d}"
        day = 1 + n % 28
        return {
            "url": f"http://{site}.example/{n}.html",
            "site": site,
            "title": title,
            "body": body,
            "published_at": f"2024-{1 + n % 12:02d}-{day:02d}T08:00:00+08:00",
            "author": ["记者" + self.rng.choice(self.zh)[:2]],
            "section": self.rng.choice(["要闻", "本地", "财经", "国际"]),
            "language": "en" if english else "zh",
            "fetched_at": "2024-12-01T00:00:00+00:00",
        }


BLOCK = 1000  # articles; blocks alternate between the two ways of saving
BATCH = 100  # saves per commit in the batched blocks


def page(item: dict) -> bytes:
    html = f"<html><head><title>{item['title']}</title></head><body>"
    return (html + "".join(f"<p>{p}</p>" for p in item["body"].split("\n"))).encode()


class Timer:
    """Wall and CPU seconds spent storing articles, overall and over the last tenth (at least
    two blocks, so that both ways of saving are in it)."""

    def __init__(self, count: int) -> None:
        self.wall = self.cpu = self.tail_wall = self.tail_cpu = 0.0
        self.articles = self.tail_articles = 0
        self.tail_from = count - max(count // 10, 2 * BLOCK)

    def add(self, start: int, articles: int, wall: float, cpu: float) -> None:
        self.articles += articles
        self.wall += wall
        self.cpu += cpu
        if start >= self.tail_from:
            self.tail_articles += articles
            self.tail_wall += wall
            self.tail_cpu += cpu


def fill(archive: Archive, generator: Generator, count: int) -> tuple[dict[str, Timer], float]:
    """Store ``count`` articles through the crawler's path (``add_capture`` then
    ``save_article``), in blocks of ``BLOCK`` that alternate between one transaction per call
    (the crawler's pipeline today) and ``Archive.batch()`` of ``BATCH`` articles (reprocess,
    bulk loads), so both are measured over the same range of archive sizes. Also returns the
    machine's mean 1-minute load average, sampled after every block."""
    timers = {"single": Timer(count), "batch": Timer(count)}
    loads = []
    for number, start in enumerate(range(0, count, BLOCK)):
        items = [generator.article(n) for n in range(start, min(count, start + BLOCK))]
        pages = [(item, page(item)) for item in items]
        mode = "single" if number % 2 == 0 else "batch"
        step = 1 if mode == "single" else BATCH
        started, started_cpu = time.perf_counter(), time.process_time()
        for first in range(0, len(items), step):
            with archive.batch() if mode == "batch" else nullcontext():
                for item, raw in pages[first : first + step]:
                    cid = archive.add_capture(
                        item["url"],
                        200,
                        {"Content-Type": "text/html; charset=utf-8"},
                        raw,
                        item["fetched_at"],
                    )
                    archive.save_article(item, cid)
        wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        timers[mode].add(start, len(items), wall, cpu)
        loads.append(os.getloadavg()[0])
        done = start + len(items)
        if done % 10000 == 0:
            rates = ", ".join(f"{m} {t.articles / t.cpu:.0f}/CPU s" for m, t in timers.items())
            print(f"{done} articles: {rates}, load {loads[-1]:.1f}", file=sys.stderr)
    return timers, statistics.mean(loads)


def queries(generator: Generator, per_kind: int) -> dict[str, list[str]]:
    rng = random.Random(99)
    by_length: dict[int, list[tuple[str, int]]] = {1: [], 2: [], 4: []}
    for word, weight in zip(generator.zh, generator.zh_w, strict=True):
        if len(word) in by_length:
            by_length[len(word)].append((word, weight))
    chosen: dict[str, list[str]] = {}
    for size, pool in by_length.items():
        words, weights = zip(*pool, strict=True)
        chosen[f"{size} character, by frequency"] = rng.choices(words, weights, k=per_kind)
    for size, pool in by_length.items():
        chosen[f"{size} character, uniform"] = [word for word, _ in rng.choices(pool, k=per_kind)]
    english = [(w, n) for w, n in zip(generator.en, generator.en_w, strict=True) if len(w) > 3]
    words, weights = zip(*english, strict=True)
    chosen["English word"] = rng.choices(words, weights, k=per_kind)
    chosen["English prefix (4 letters)"] = [w[:4] for w in chosen["English word"]]
    chosen["two Chinese words AND"] = [
        f"{a} {b}"
        for a, b in zip(
            chosen["2 character, by frequency"], chosen["4 character, by frequency"], strict=True
        )
    ]
    return chosen


def insert_rows(record: dict) -> str:
    labels = {"single": "one transaction per call", "batch": f"batches of {BATCH}"}
    rows = []
    for mode, label in labels.items():
        timer = record[mode]
        tail = timer["tail_articles"]
        rows += [
            f"| insert rate, {label}, wall clock | {timer['articles'] / timer['wall']:,.0f}/s "
            f"(last tenth: {tail / timer['tail_wall']:,.0f}/s) | ≥ 1,000/s |",
            f"| insert rate, {label}, per CPU second | {timer['articles'] / timer['cpu']:,.0f}/s "
            f"(last tenth: {tail / timer['tail_cpu']:,.0f}/s); "
            f"{timer['cpu'] / timer['articles'] * 1000:.2f} ms CPU per article | |",
        ]
    return "\n".join(rows)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure(archive: Archive, query_sets: dict[str, list[str]]) -> list[tuple[str, ...]]:
    rows = []
    for kind, items in query_sets.items():
        timings, hits, ranked = [], [], 0
        for query in items:
            start = time.perf_counter()
            results = archive.search(query, limit=20)
            timings.append((time.perf_counter() - start) * 1000)
            hits.append(len(results))
            ranked += estimate_matches(archive.connection, parse_query(query)) <= BROAD_QUERY
        rows.append(
            (
                kind,
                str(len(items)),
                f"{statistics.median(timings):.1f}",
                f"{percentile(timings, 0.95):.1f}",
                f"{max(timings):.1f}",
                f"{statistics.mean(hits):.1f}",
                f"{ranked / len(items):.0%}",
                ", ".join(items[:3]),
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument(
        "--search-only", action="store_true", help="Re-measure search on the archive of a run."
    )
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / f"archive-{args.articles}.db"
    fill_record = path.with_suffix(".fill.json")
    generator = Generator(seed=1)
    if not args.search_only:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        with Archive(path) as archive:
            timers, load = fill(archive, generator, args.articles)
            archive.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        record = {mode: vars(timer) for mode, timer in timers.items()}
        record["load"] = load
        fill_record.write_text(json.dumps(record))
    record = json.loads(fill_record.read_text())
    size = path.stat().st_size
    with Archive(path, readonly=True) as archive:
        archive.search("预热")  # warm the page cache once, as a long-running reader would be
        rows = measure(archive, queries(generator, args.queries))
    command = f".venv/bin/python -m bench.archive --articles {args.articles}"
    if args.search_only:
        command += f"` then `{command} --search-only"
    table = "\n".join("| " + " | ".join(row) + " |" for row in rows)
    markdown = f"""## Archive at scale

`{command}` (2 cores; {args.articles:,} synthetic articles, 80% Chinese / 20% English,
bodies 800-3000 characters from jieba's and the extraction benchmark's vocabularies).
Each article is `add_capture` of its page then `save_article`; blocks of {BLOCK:,} articles
alternate between one transaction per call (the crawler's pipeline today) and
`Archive.batch()` of {BATCH} articles, so both ways are measured over the same archive sizes.
Wall clock depends on what else the shared machine runs; CPU seconds of the inserting process
do not.

| measure | value | target |
| --- | --- | --- |
{insert_rows(record)}
| machine load (1-minute average, mean over the fill; 2 cores shared with other work) | {record["load"]:.1f} | |
| archive size per article (raw page + article + version + index) | {size / args.articles / 1024:.1f} KiB | |
| archive size | {size / 2**20:,.0f} MiB | |

Search latency through `Archive.search` (top 20, one result per duplicate cluster, snippets
included). "by frequency" queries are drawn by corpus frequency, so very common characters and
words dominate; "uniform" ones are drawn evenly from the dictionary, so most are rare. Queries
whose tokens occur in more than {BROAD_QUERY:,} articles are listed newest first instead of
bm25-ranked (column "bm25").

| query kind | queries | p50 ms | p95 ms | max ms | mean hits | bm25 | examples |
| --- | --- | --- | --- | --- | --- | --- | --- |
{table}
"""
    write_section("archive", markdown)
    print(markdown)


if __name__ == "__main__":
    main()
