"""Injected SEO spam: hacked-mirror titles, keyword stuffing and gambling/porn link farms.

Spam is reported in ``Article.spam`` and never used as a field. A text counts as spam when it
carries several distinct spam terms, so one innocent word (a report *about* gambling) is not
enough.
"""

from __future__ import annotations

import re

_TERMS = (
    "自拍",
    "偷拍",
    "一区二区",
    "二区三区",
    "一本道",
    "在线观看",
    "在线播放",
    "中文字幕",
    "乱码",
    "无码",
    "有码",
    "福利",
    "午夜",
    "精品",
    "国产",
    "亚洲",
    "欧美",
    "日韩",
    "成人",
    "色情",
    "黄色",
    "激情",
    "人妻",
    "熟女",
    "美女",
    "视频",
    "博彩",
    "赌场",
    "娱乐城",
    "百家乐",
    "六合彩",
    "时时彩",
    "彩票",
    "棋牌",
    "老虎机",
    "真人",
    "葡京",
    "威尼斯人",
    "澳门",
    "开户",
    "注册送",
    "体育投注",
    "casino",
    "porn",
    "一區二區",
    "無碼",
    "亞洲",
    "歐美",
    "國產",
    "線上看",
    "賭場",
    "娛樂城",
    "百家樂",
    "viagra",
)
_STRONG = (
    "自拍偷拍",
    "一区二区",
    "一區二區",
    "中文字幕",
    "百家乐",
    "百家樂",
    "六合彩",
    "娱乐城",
    "娛樂城",
    "无码",
    "無碼",
    "午夜福利",
)
_TERM_RE = re.compile("|".join(sorted(map(re.escape, _TERMS), key=len, reverse=True)), re.I)


def spam_terms(text: str) -> set[str]:
    """The distinct spam terms in a text (case-folded)."""
    return {m.group(0).lower() for m in _TERM_RE.finditer(text or "")}


def is_spam(text: str) -> bool:
    """True for a text that reads as injected spam: a strong term plus another, or four terms."""
    terms = spam_terms(text)
    strong = any(term in (text or "") for term in _STRONG)
    return (strong and len(terms) >= 2) or len(terms) >= 4


def find_spam(texts: list[str]) -> list[str]:
    """The texts (titles, meta keywords, link labels) that are spam, in order, without repeats."""
    found: list[str] = []
    for text in texts:
        text = " ".join((text or "").split())
        if text and text not in found and is_spam(text):
            found.append(text)
    return found
