"""The furniture every page of the portal shares: head, top bar, navigation and footer."""

from __future__ import annotations

from html import escape

from model import SITE_NAME, SITE_NAME_HANT

ABOUT = "/about/index.html"
GALLERY = "/photo/2024-03/18/gallery_301.html"
VIDEO = "/video/2024-03/20/video_77.html"
SPECIAL = "/special/2024-03/chungeng.html"
SEARCH_FILE = "/search/result.html"
SEARCH = SEARCH_FILE + "?q=%E6%98%A5%E8%80%95"
MISSING = "/zhuanti/2023/lianghui/index.html"
CSS = "/static/css/main.css"
LOGO = "/static/img/logo.png"

# Strings of the site-wide footer: they are on every page and never in an article body.
FOOTER_MARKERS = ["版权所有", "蜀ICP备12345678号", "Xiling Daily. All rights reserved."]

_NAV = {
    "hans": ["首页", "本地", "经济", "文化", "English", "专题", "图片", "视频"],
    "hant": ["首頁", "本地", "經濟", "文化", "English", "專題", "圖片", "視頻"],
    "en": ["Home", "Local", "Economy", "Culture", "English", "Specials", "Photos", "Video"],
}
_TOPBAR = {
    "hans": ("西岭日报社主办", SITE_NAME, "关于我们"),
    "hant": ("西嶺日報社主辦", SITE_NAME_HANT, "關於我們"),
}
_NAV_PATHS = [
    "/index.html",
    "/local/index.html",
    "/economy/index.html",
    "/culture/index.html",
    "/english/index.html",
    SPECIAL,
    GALLERY,
    VIDEO,
]


def ncr(text: str, encoding: str) -> str:
    """Write characters the page encoding lacks as numeric references, as CMS templates do.

    Only the site-wide footer include needs it (on Big5 pages); everything else a page shows
    is written in its own script.
    """
    if encoding == "utf-8":
        return text
    out = []
    for ch in text:
        try:
            ch.encode(encoding)
            out.append(ch)
        except UnicodeEncodeError:
            out.append(f"&#{ord(ch)};")
    return "".join(out)


def header(style: str) -> str:
    """Top bar, logo, search box and main navigation; `style` is hans, hant or en."""
    nav = "".join(
        f'<li><a href="{path}">{escape(name)}</a></li>'
        for name, path in zip(_NAV[style], _NAV_PATHS, strict=True)
    )
    search = {"hans": "搜索", "hant": "搜尋", "en": "Search"}[style]
    publisher, site, about = _TOPBAR["hant" if style == "hant" else "hans"]
    return f"""<div class="topbar"><span>{publisher}</span> <a href="/index.html">{site}</a> | <a href="{ABOUT}">{about}</a></div>
<div class="header"><a href="/index.html"><img src="{LOGO}" alt="{site}" width="240" height="60"></a>
<form class="search" action="{SEARCH_FILE}" method="get"><input type="text" name="q"><button type="submit">{search}</button></form></div>
<ul class="nav">{nav}</ul>
"""


def footer(encoding: str = "utf-8") -> str:
    html = f"""<div class="footer">
<p><a href="{ABOUT}">关于我们</a> | <a href="{ABOUT}#contact">联系我们</a> | <a href="{ABOUT}#ads">广告服务</a> | <a href="/sitemap_news.xml">网站地图</a> | <a href="/rss.xml">RSS订阅</a></p>
<p>版权所有 &copy; 2024 西岭日报社 未经许可不得转载</p>
<p>西岭日报社主办 地址：西岭市锦屏区滨江路88号 邮编：611830 新闻热线：028-88886666</p>
<p>蜀ICP备12345678号 川公网安备51010702000123号 互联网新闻信息服务许可证：51120190007</p>
<p>Copyright &copy; 2024 Xiling Daily. All rights reserved.</p>
</div>
"""
    return ncr(html, encoding)


def head(title: str, extra: str = "", charset: str | None = "utf-8") -> str:
    """The `<head>` content: charset declaration (if any), title, stylesheet and extras."""
    meta = ""
    if charset == "utf-8":
        meta = '<meta charset="utf-8">\n'
    elif charset:
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
    return f"""{meta}<title>{escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="{CSS}">
{extra}"""


def page(lang: str, head_html: str, body_html: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
{head_html}</head>
<body>
{body_html}</body>
</html>
"""
