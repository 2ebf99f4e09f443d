"""``newscrawl serve``: Datasette over HTTP on 127.0.0.1 with the shipped metadata."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from newscrawl.archive import Archive


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("serve") / "news.db"
    with Archive(path) as archive:
        run = archive.start_run("generic", "tibet")
        for n, (title, body) in enumerate(
            [("拉萨举行雪顿节", "西藏自治区拉萨市举行雪顿节。"), ("Hebei economy", "Economy grew.")]
        ):
            cid = archive.add_capture(f"http://t/{n}", 200, {}, body.encode(), "2024-03-07")
            archive.save_article(
                {"url": f"http://t/{n}", "site": "tibet", "title": title, "body": body}, cid, run
            )
        archive.finish_run(run, "finished", {"articles_new": 2}, {})
    port = free_port()
    code = "import sys; from newscrawl.cli.serve import serve; serve(sys.argv[1:])"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "--db", str(path), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(process.stderr.read().decode()) from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def titles(data: dict) -> set[str]:
    index = data["columns"].index("title")
    return {row[index] for row in data["rows"]}


def test_table_page_with_labels(server: str) -> None:
    with urllib.request.urlopen(f"{server}/news/articles", timeout=10) as response:
        html = response.read().decode()
    assert "拉萨举行雪顿节" in html
    assert "Publication time (ISO 8601 with offset)" in html  # shipped column description


def test_full_text_search_understands_chinese(server: str) -> None:
    query = urllib.parse.quote("拉薩")  # traditional, 2 characters, inside 西藏自治区拉萨市
    data = get_json(f"{server}/news/articles.json?_search={query}&_shape=objects")
    assert [row["title"] for row in data["rows"]] == ["拉萨举行雪顿节"]
    data = get_json(f"{server}/news/articles.json?_search=econ&_shape=objects")
    assert [row["title"] for row in data["rows"]] == ["Hebei economy"]
    data = get_json(f"{server}/news/articles.json?_search=%22%27%3B&_shape=objects")
    assert data["rows"] == []  # hostile text is text


def test_canned_queries(server: str) -> None:
    q = urllib.parse.quote("雪顿")
    assert titles(get_json(f"{server}/news/search.json?q={q}")) == {"拉萨举行雪顿节"}
    latest = get_json(f"{server}/news/latest_per_site.json")
    assert titles(latest) == {"拉萨举行雪顿节", "Hebei economy"}
    runs = get_json(f"{server}/news/crawl_runs.json?_shape=objects")
    assert runs["rows"][0]["articles_new"] == 2 and runs["rows"][0]["status"] == "finished"
