"""The demo portal's data: sections, labels, and one `Article` per file in `articles/`."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

HOST = "news.xiling.test"
BASE = f"http://{HOST}"
SITE_NAME = "西岭新闻网"
SITE_NAME_HANT = "西嶺新聞網"
PUBLISHER = "西岭日报社"

# key -> (simplified label, traditional label, English label)
SECTIONS: dict[str, tuple[str, str, str]] = {
    "local": ("本地", "本地", "Local"),
    "economy": ("经济", "經濟", "Economy"),
    "culture": ("文化", "文化", "Culture"),
    "english": ("English", "English", "English"),
}

# Tag name -> slug of its page under /tag/.
TAGS: dict[str, str] = {"春耕": "chungeng", "乡村振兴": "xiangcun", "文旅": "wenlv"}

# Words of the page furniture in both scripts; English pages use their own words.
LABELS: dict[str, dict[str, str]] = {
    "hans": {
        "home": "首页",
        "time": "发布时间",
        "time_short": "时间",
        "source": "来源",
        "author": "作者",
        "reporter": "记者",
        "staff": "本报记者",
        "corr": "通讯员",
        "editor": "责任编辑",
        "editor_short": "责编",
        "body": "正文",
        "share": "分享到：",
        "wechat": "微信",
        "weibo": "微博",
        "qzone": "QQ空间",
        "print": "打印",
        "close": "关闭",
        "font": "字号：",
        "big": "大",
        "mid": "中",
        "small": "小",
        "related": "相关新闻",
        "hot": "热点排行",
        "tags": "标签：",
        "site": SITE_NAME,
    },
    "hant": {
        "home": "首頁",
        "time": "發布時間",
        "time_short": "時間",
        "source": "來源",
        "author": "作者",
        "reporter": "記者",
        "staff": "本報記者",
        "corr": "通訊員",
        "editor": "責任編輯",
        "editor_short": "責編",
        "body": "正文",
        "share": "分享到：",
        "wechat": "微信",
        "weibo": "微博",
        "qzone": "QQ空間",
        "print": "列印",
        "close": "關閉",
        "font": "字號：",
        "big": "大",
        "mid": "中",
        "small": "小",
        "related": "相關新聞",
        "hot": "熱點排行",
        "tags": "標籤：",
        "site": SITE_NAME_HANT,
    },
}


@dataclass(frozen=True)
class Article:
    """One article as written in `articles/<id>.toml`; `paragraphs` is the clean body."""

    id: int
    section: str
    published: datetime
    title: str
    paragraphs: list[str]
    encoding: str
    script: str | None
    source: str | None
    authors: list[str]
    correspondents: list[str]
    editor: str | None
    info_style: str
    byline_style: str
    editor_style: str
    title_style: str
    meta: list[str]
    tags: list[str]
    subtitle: str | None = None
    original_title: str | None = None
    old_path: str | None = None
    wrong_charset: str | None = None
    raw: str | None = None
    image: bool = False

    @property
    def path(self) -> str:
        p = self.published
        return f"/{self.section}/{p:%Y-%m}/{p:%d}/content_{self.id}.html"

    @property
    def url(self) -> str:
        return BASE + self.path

    @property
    def link(self) -> str:
        """The path other pages link to: the old CMS path for a moved article."""
        return self.old_path or self.path

    @property
    def language(self) -> str:
        return "en" if self.section == "english" else "zh"

    @property
    def iso_time(self) -> str:
        return self.published.strftime("%Y-%m-%dT%H:%M:%S+08:00")

    @property
    def labels(self) -> dict[str, str]:
        return LABELS[self.script or "hans"]

    @property
    def section_label(self) -> str:
        hans, hant, english = SECTIONS[self.section]
        return {"hans": hans, "hant": hant}.get(self.script or "", english)

    @property
    def all_authors(self) -> list[str]:
        """Reporters then correspondents: everyone the byline credits."""
        return self.authors + self.correspondents


def _unwrap(paragraph: str, english: bool) -> str:
    """Join a paragraph wrapped over several lines of the source file."""
    lines = paragraph.split("\n")
    return " ".join(lines) if english else "".join(lines)


def load_article(path: Path) -> Article:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    paragraphs = [p.strip() for p in data.pop("body").strip().split("\n\n")]
    published = datetime.strptime(data.pop("published"), "%Y-%m-%d %H:%M:%S")
    return Article(
        paragraphs=[_unwrap(p, data["section"] == "english") for p in paragraphs],
        published=published,
        script=data.pop("script", None),
        source=data.pop("source", None),
        authors=data.pop("authors", []),
        correspondents=data.pop("correspondents", []),
        editor=data.pop("editor", None),
        meta=data.pop("meta", []),
        tags=data.pop("tags", []),
        **data,
    )


def load_articles(folder: Path) -> list[Article]:
    """All articles, newest first (the order of indexes and feeds)."""
    articles = [load_article(p) for p in sorted(folder.glob("*.toml"))]
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate article ids")
    return sorted(articles, key=lambda a: (a.published, a.id), reverse=True)
