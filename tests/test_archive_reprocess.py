"""``newscrawl reprocess``: re-derive articles from stored captures, offline, on two workers."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from newscrawl.archive import Archive
from newscrawl.clean.page import process_page
from newscrawl.cli.reprocess import reprocess

PARAGRAPHS = [
    "拉萨市今天召开会议，研究部署高原生态保护工作，要求各部门加强协作，落实责任。",
    "会议指出，要坚持绿色发展理念，持续推进重点区域的综合治理，让群众共享生态成果。",
    "会议还对下一阶段的工作作出安排，明确了时间表和路线图，确保各项任务按期完成。",
]


def page(title: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (
        f"<html><head><meta charset='gbk'><title>{title}</title></head><body>"
        f"<h1>{title}</h1><div class='article'>{body}</div></body></html>"
    )
    return html.encode("gbk")


def build(path: Path) -> None:
    with Archive(path) as archive:
        for n in range(6):
            url = f"http://tibet.test/a/{n}.html"
            raw = page(f"拉萨生态会议第{n}次")
            cid = archive.add_capture(url, 200, {"Content-Type": "text/html"}, raw, "2024-03-07")
            article = process_page(raw, url, "text/html")
            if n < 2:  # as an older, worse cleaner left them
                article["body"] = "鎷夎惃 mojibake left by an old version"
            archive.save_article({**article, "url": url, "site": "tibet"}, cid)


def test_reprocess_counts_and_versions(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    build(path)
    with Archive(path) as archive:  # one capture damaged on disk
        archive.connection.execute(
            "UPDATE blobs SET data = x'00' WHERE sha256 = "
            "(SELECT sha256 FROM captures WHERE url = 'http://tibet.test/a/5.html')"
        )
    result = CliRunner().invoke(reprocess, ["--db", str(path), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "changed 2, unchanged 3, failed 1" in result.stdout
    with Archive(path, readonly=True) as archive:
        fixed = archive.get_article("http://tibet.test/a/0.html")
        assert fixed["version"] == 2 and PARAGRAPHS[0] in fixed["body"]
        assert [v["body"] for v in archive.history("http://tibet.test/a/0.html")][0].startswith(
            "鎷夎惃"
        )  # the old version is kept
        assert archive.get_article("http://tibet.test/a/3.html")["version"] == 1
        failure = archive.connection.execute("SELECT url, reason FROM failures").fetchone()
        assert tuple(failure) == ("http://tibet.test/a/5.html", "reprocess_error")
    again = CliRunner().invoke(reprocess, ["--db", str(path), "--site", "tibet"])
    assert "changed 0, unchanged 5, failed 1" in again.stdout


def test_reprocess_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(reprocess, ["--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "no archive" in result.stderr
    path = tmp_path / "archive.db"
    build(path)
    path.chmod(0o444)
    result = CliRunner().invoke(reprocess, ["--db", str(path)])
    assert result.exit_code != 0 and "read-only" in result.stderr
