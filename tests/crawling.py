"""Helpers for crawl tests: write a small static news site and crawl it with real Scrapy."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ARTICLE_TEMPLATE = """<html><head><meta charset="{charset}"><title>{title}_小站</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/about.html">关于</a></div>
<h1>{title}</h1><div class="info">发布时间：{published} 来源：小站日报</div>
<div class="content">{paragraphs}<p>（记者 {author}）</p></div>
<div class="editor">责任编辑：李四</div>
<div class="footer">版权所有 西岭日报社 蜀ICP备12345678号</div></body></html>"""


def article_html(
    title: str, paragraphs: list[str], published: str, author: str = "张三", charset: str = "utf-8"
) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = ARTICLE_TEMPLATE.format(
        charset="gb2312" if charset == "gbk" else charset,
        title=title,
        published=published,
        paragraphs=body,
        author=author,
    )
    return html.encode(charset)


def write_profile(path: Path, host: str, **extra: str) -> Path:
    lines = [
        f'domains = ["{host}"]',
        f'start_urls = ["http://{host}/"]',
        "article_pattern = 'content_\\d+\\.html'",
        "autothrottle = false",
        *(f"{key} = {value}" for key, value in extra.items()),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def scrapy_crawl(
    profile: Path, proxy: str, db: Path, *settings: str, timeout: float = 120
) -> subprocess.CompletedProcess:
    args = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "regional",
        "-a",
        f"site={profile}",
        "-a",
        f"proxy={proxy}",
        "-s",
        f"NEWSCRAWL_DB={db}",
    ]
    for setting in settings:
        args += ["-s", setting]
    return subprocess.run(
        args,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def query(db: Path, sql: str, *params: object) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
