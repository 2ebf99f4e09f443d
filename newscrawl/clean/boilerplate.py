"""Page furniture that is not article text: footers, share/print bars, related-link lists,
breadcrumbs.

The line classifiers work on the extracted text (one paragraph per line), so they catch what
the DOM-level extractor let through; the breadcrumb reader works on the tree because the
breadcrumb's links are what give the section path.
"""

from __future__ import annotations

import re
from typing import Any

from newscrawl.clean.dom import squash, text_of

_FOOTER = re.compile(
    r"版权声明|版權聲明|版权所有|版權所有|免责声明|免責聲明|凡注明|凡本网注明|凡本網注明|"
    r"未经(?:本网)?(?:书面)?(?:许可|授权)|未經(?:本網)?(?:書面)?(?:許可|授權)|不得转载|不得轉載|"
    r"转载请注明|轉載請註明|[京沪滬粤粵浙苏蘇鲁魯川渝津冀晋晉豫鄂湘闽閩赣贛皖辽遼吉黑陕陝甘宁寧青新藏桂琼瓊云雲贵貴蒙]"
    r"ICP[备備证證]|ICP[备備证證]\s*\d|公网安备|公網安備|违法和不良信息举报|違法和不良信息舉報|"
    r"(?:copyright|\(c\)|©)\s*(?:©\s*)?(?:19|20)\d{2}|all rights reserved",
    re.I,
)
_WIDGET_LINE = re.compile(
    r"^(?:[【\[]?\s*(?:分享到|分享|打印|列印|关闭窗口|關閉窗口|关闭|關閉|收藏|纠错|糾錯|举报|舉報|"
    r"字号|字號|大|中|小|默认|默認|返回顶部|返回頂部|回到顶部|扫一扫|掃一掃|微信|微博|QQ空间|QQ空間|QQ|"
    r"推荐|推薦|复制链接|複製鏈接|Share|Print|Email|Tweet|Facebook|Twitter|LinkedIn|WhatsApp|"
    r"Reddit|Pinterest|Copy link|Comments?|Font size|A\+|A-|\d+)\s*[】\]]?[\s:：|｜丨/·]*)+$",
    re.I,
)
_RELATED_HEADING = re.compile(
    r"^[【\[]?\s*(?:相关阅读|相關閱讀|相关新闻|相關新聞|相关文章|相關文章|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|"
    r"热点推荐|熱點推薦|猜你喜欢|猜你喜歡|更多精彩|热门文章|熱門文章|精彩推荐|精彩推薦|"
    r"相关链接|相關鏈接|往期回顾|往期回顧|网友评论|網友評論|热门评论|熱門評論|最新评论|最新評論)\s*[】\]]?\s*[:：]?$"
)
_BREADCRUMB_HINT = re.compile(
    r"crumb|position|location|weizhi|wz|dqwz|nav-?path|site-?path|pathway|mbx|daohang|current",
    re.I,
)
_BREADCRUMB_TEXT = re.compile(
    r"^(?:当前位置|當前位置|您的位置|您现在的位置|您現在的位置|所在位置|位置)\s*[:：]?\s*"
)
_BREADCRUMB_LABEL = re.compile(
    r"当前位置|當前位置|您的位置|您现在的位置|您現在的位置|所在位置|位置\s*[:：]"
)
_CRUMB_SEP = re.compile(r"\s*(?:>>|>|»|›|→|＞|/|\\|·|-)\s*")


def is_footer(line: str) -> bool:
    """A copyright, disclaimer, reprint-permission or ICP-licence line."""
    return bool(_FOOTER.search(line)) and len(line) < 400


def is_widget(line: str) -> bool:
    """A share/print/font-size bar or similar row of page buttons."""
    return len(line) <= 80 and bool(_WIDGET_LINE.match(line))


def is_related_heading(line: str) -> bool:
    """A heading that starts a related-links or comments list (everything after it goes)."""
    return len(line) <= 20 and bool(_RELATED_HEADING.match(line))


def breadcrumb(tree: Any) -> list[tuple[str, str | None]]:
    """The breadcrumb as ``(label, href)`` pairs, site root first; empty when there is none.

    Candidates are elements whose class/id says breadcrumb, or whose text opens with a
    ``当前位置`` label; the text of an element is only computed for those (it is the costly
    part on a large page).
    """
    labelled = "位置" in tree.text_content()
    for element in tree.iter("div", "nav", "p", "span", "ol", "ul", "td"):
        marker = f"{element.get('class', '')} {element.get('id', '')}"
        hinted = bool(_BREADCRUMB_HINT.search(marker)) or element.get("aria-label") == "breadcrumb"
        if not hinted and not (labelled and _opens_with_label(element)):
            continue
        if len(element.text_content()) > 2000:
            continue
        text = text_of(element)
        if not text or len(text) > 120:
            continue
        if not hinted and not _BREADCRUMB_TEXT.match(text):
            continue
        links = [(squash(a.text_content()), a.get("href")) for a in element.iter("a")]
        links = [(label, href) for label, href in links if label]
        if not links or not _CRUMB_SEP.search(text):
            continue
        rest = text
        for label, _ in links:
            rest = rest.replace(label, " ")
        rest = _BREADCRUMB_TEXT.sub("", rest.strip())
        if len(_CRUMB_SEP.sub("", rest).strip()) > 40:
            continue
        return links
    return []


def _opens_with_label(element: Any) -> bool:
    """True when the element's first words are a 当前位置-style label."""
    start = ""
    for piece in element.itertext():
        start += piece.strip()
        if len(start) >= 8:
            break
    return bool(_BREADCRUMB_TEXT.match(start))
