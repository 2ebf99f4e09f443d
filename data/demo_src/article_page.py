"""Article pages, in the layouts of the CMSs a regional portal accumulates over the years.

The layout follows the page encoding: UTF-8 pages come from the current CMS, GBK pages from
the old table-based one, Big5 pages from the Taiwan/Hong Kong desk's template (which never
declares its charset), English pages from the English channel, and the mirrored seed page
keeps the hacked mirror's text exactly, faults included.
"""

from __future__ import annotations

import json
from html import escape

import opencc
from frame import footer, head, header, page
from model import PUBLISHER, SITE_NAME, TAGS, Article

_TO_HANT = opencc.OpenCC("s2tw")


def render_article(
    a: Article, related: list[Article], hot: list[Article], raw: str | None
) -> bytes:
    """The page bytes, in the article's encoding (text outside the furniture must encode)."""
    for text in [a.title, *a.paragraphs, *a.all_authors, a.source or "", a.editor or ""]:
        text.encode(a.encoding)  # raises on a character the page's encoding lacks
    if raw is not None:
        html = _mirror(a, raw, related, hot)
    elif a.section == "english":
        html = _english(a, related, hot)
    elif a.encoding == "gbk":
        html = _legacy(a, related, hot)
    elif a.encoding == "big5":
        html = _classic(a, related, hot)
    else:
        html = _modern(a, related, hot)
    return html.encode(a.encoding)


def _names(a: Article) -> str:
    return " ".join(a.authors)


def _title(a: Article) -> str:
    site = "Xiling News" if a.section == "english" else a.labels["site"]
    if a.title_style == "section":
        return f"{a.title}_{a.section_label}_{site}"
    if a.title_style == "dash":
        return f"{a.title} - {site}"
    return f"{a.title}_{site}"


def _info(a: Article) -> str:
    L, p = a.labels, a.published
    src = a.source or ""
    style = a.info_style
    if style == "dash":
        parts = [f"{L['time']}：{p:%Y-%m-%d %H:%M}", f"{L['source']}：{src}" if src else ""]
    elif style == "cn":
        parts = [f"{p:%Y年%m月%d日 %H:%M}", f"{L['source']}: {src}" if src else ""]
    elif style == "slash":
        parts = [f"{L['time_short']}：{p:%Y/%m/%d %H:%M}", f"{L['source']}：{src}" if src else ""]
    elif style == "seconds":
        parts = [f"{p:%Y-%m-%d %H:%M:%S}", f"{L['source']}：{src}" if src else ""]
    elif style == "en":
        parts = [f"Updated: {p:%Y-%m-%d %H:%M} (Beijing Time)", f"Source: {src}" if src else ""]
    elif style == "en_long":
        parts = [f"{p:%B} {p.day}, {p.year} {p:%H:%M} GMT+8", f"Source: {src}" if src else ""]
    else:
        raise ValueError(f"article {a.id}: unknown info_style {style}")
    if a.byline_style == "info":
        parts.append(f"{L['author']}：{_names(a)}")
    spans = [f"<span>{escape(part)}</span>" for part in parts if part]
    return "&nbsp;&nbsp;".join(spans)


def _body(a: Article, indent: str = "") -> str:
    """Content paragraphs with the in-body byline and editor forms the article uses."""
    L = a.labels
    paras = [escape(p) for p in a.paragraphs]
    if a.byline_style == "tail":
        credit = f"{L['reporter']} {_names(a)}"
        if a.correspondents:
            credit += f" {L['corr']} {' '.join(a.correspondents)}"
        paras[-1] += f"（{escape(credit)}）"
    lines = [f"<p>{indent}{p}</p>" for p in paras]
    if a.byline_style == "wen":
        lines.insert(0, f"<p>{indent}文/{escape(_names(a))}</p>")
    if a.byline_style == "staff_in":
        lines.insert(0, f"<p>{indent}{L['staff']} {escape(_names(a))}</p>")
    if a.image:
        lines.insert(
            0, f'<p style="text-align:center"><img src="/static/img/news_{a.id}.png" alt=""></p>'
        )
    if a.editor and a.editor_style == "paren":
        lines.append(f"<p>（{L['editor_short']}：{escape(a.editor)}）</p>")
    return "\n".join(lines)


def _byline_block(a: Article) -> str:
    if a.byline_style == "staff":
        return f'<p class="author">{a.labels["staff"]} {escape(_names(a))}</p>\n'
    if a.byline_style == "by":
        return f'<p class="byline">By {escape(" and ".join(a.authors))}</p>\n'
    return ""


def _editor_block(a: Article) -> str:
    if not a.editor:
        return ""
    if a.editor_style == "zeren":
        return f'<div class="editor">{a.labels["editor"]}：{escape(a.editor)}</div>\n'
    if a.editor_style == "bracket":
        return f'<div class="edit">[{a.labels["editor"]}:{escape(a.editor)}]</div>\n'
    if a.editor_style == "en":
        return f'<p class="editor">Editor: {escape(a.editor)}</p>\n'
    return ""


def _share(a: Article) -> str:
    if a.section == "english":
        return '<div class="share">Share: <a href="#">WeChat</a> <a href="#">Weibo</a> | <a href="javascript:window.print()">Print</a> | Font size: <a href="#">A+</a> <a href="#">A-</a></div>\n'
    L = a.labels
    return (
        f'<div class="share">{L["share"]}<a href="#">{L["wechat"]}</a> <a href="#">{L["weibo"]}</a> '
        f'<a href="#">{L["qzone"]}</a>　{L["font"]}<a href="#">{L["big"]}</a> '
        f'<a href="#">{L["mid"]}</a> <a href="#">{L["small"]}</a>　'
        f'【<a href="javascript:window.print()">{L["print"]}</a>】'
        f'【<a href="javascript:window.close()">{L["close"]}</a>】</div>\n'
    )


def _headline(a: Article, other: Article) -> str:
    """Another article's headline as this page shows it: the Big5 desk converts to its script."""
    return _TO_HANT.convert(other.title) if a.encoding == "big5" else other.title


def _related(a: Article, related: list[Article]) -> str:
    heading = "Related" if a.section == "english" else a.labels["related"]
    items = "".join(
        f'<li><a href="{r.link}">{escape(_headline(a, r))}</a> <span>{r.published:%Y-%m-%d}</span></li>'
        for r in related
    )
    return f'<div class="related"><h3>{heading}</h3><ul>{items}</ul></div>\n'


def _hot(a: Article, hot: list[Article]) -> str:
    heading = "Most read" if a.section == "english" else a.labels["hot"]
    items = "".join(f'<li><a href="{h.link}">{escape(_headline(a, h))}</a></li>' for h in hot)
    return f'<div class="side"><h3>{heading}</h3><ol>{items}</ol></div>\n'


def _tags(a: Article) -> str:
    if not a.tags:
        return ""
    links = " ".join(f'<a href="/tag/{TAGS[t]}.html">{escape(t)}</a>' for t in a.tags)
    return f'<div class="tags">{a.labels["tags"]}{links}</div>\n'


def _crumbs(a: Article, prefix: str = "") -> str:
    home = "Home" if a.section == "english" else a.labels["site"]
    here = "Article" if a.section == "english" else a.labels["body"]
    return (
        f'<div class="crumbs">{prefix}<a href="/index.html">{home}</a> &gt; '
        f'<a href="/{a.section}/index.html">{a.section_label}</a> &gt; {here}</div>\n'
    )


def _meta(a: Article) -> str:
    desc = a.paragraphs[0][:70]
    keywords = ",".join([*a.tags, a.section_label])
    out = [
        f'<meta name="keywords" content="{escape(keywords)}">',
        f'<meta name="description" content="{escape(desc)}">',
    ]
    if "og" in a.meta:
        out += [
            f'<meta property="og:title" content="{escape(a.title)}">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:url" content="{a.url}">',
            f'<meta property="og:site_name" content="{SITE_NAME}">',
        ]
    if "publishdate" in a.meta:
        out.append(f'<meta name="publishdate" content="{a.published:%Y-%m-%d %H:%M:%S}">')
    if "author" in a.meta and a.authors:
        out.append(f'<meta name="author" content="{escape(",".join(a.all_authors))}">')
    if "jsonld" in a.meta:
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": a.title,
            "datePublished": a.iso_time,
            "author": [{"@type": "Person", "name": n} for n in a.all_authors],
            "publisher": {"@type": "Organization", "name": PUBLISHER},
            "mainEntityOfPage": a.url,
        }
        blob = json.dumps(data, ensure_ascii=a.encoding != "utf-8")
        out.append(f'<script type="application/ld+json">{blob}</script>')
    return "\n".join(out) + "\n"


def _lang(a: Article) -> str:
    return {"hans": "zh-CN", "hant": "zh-Hant"}.get(a.script or "", "en")


def _subtitle(a: Article) -> str:
    return f'<h2 class="subtitle">{escape(a.subtitle)}</h2>\n' if a.subtitle else ""


def _modern(a: Article, related: list[Article], hot: list[Article]) -> str:
    body = f"""{header(a.script or "hans")}{_crumbs(a)}<div class="wrap"><div class="main">
<div class="article">
<h1>{escape(a.title)}</h1>
{_subtitle(a)}<div class="info">{_info(a)}</div>
{_byline_block(a)}{_share(a)}<div class="content" id="content">
{_body(a)}
</div>
{_editor_block(a)}{_tags(a)}</div>
{_related(a, related)}</div>
{_hot(a, hot)}</div>
{footer()}"""
    return page(_lang(a), head(_title(a), _meta(a)), body)


def _legacy(a: Article, related: list[Article], hot: list[Article]) -> str:
    e = a.encoding
    body = f"""{header(a.script or "hans")}{_crumbs(a, prefix="当前位置：")}<table width="960" align="center" cellpadding="0" cellspacing="0"><tr><td width="680" valign="top">
<table width="100%" cellpadding="0" cellspacing="0">
<tr><td align="center" class="bt"><h1>{escape(a.title)}</h1>{_subtitle(a)}</td></tr>
<tr><td align="center" class="xx">{_info(a)}</td></tr>
<tr><td>{_byline_block(a)}{_share(a)}</td></tr>
<tr><td class="nr" id="Zoom">
{_body(a, indent="　　")}
</td></tr>
<tr><td align="right">{_editor_block(a)}</td></tr>
<tr><td>{_tags(a)}</td></tr>
</table>
{_related(a, related)}</td>
<td width="260" valign="top">{_hot(a, hot)}</td></tr></table>
{footer(e)}"""
    return page(_lang(a), head(_title(a), _meta(a), charset="gb2312"), body)


def _classic(a: Article, related: list[Article], hot: list[Article]) -> str:
    e = a.encoding
    body = f"""{header("hant")}{_crumbs(a)}<div id="container">
<div id="news_title"><h1>{escape(a.title)}</h1>{_subtitle(a)}</div>
<div id="news_info">{_info(a)}</div>
{_byline_block(a)}{_share(a)}<div id="news_body">
{_body(a, indent="　　")}
</div>
{_editor_block(a)}{_tags(a)}{_related(a, related)}{_hot(a, hot)}</div>
{footer(e)}"""
    return page(_lang(a), head(_title(a), _meta(a), charset=None), body)


def _english(a: Article, related: list[Article], hot: list[Article]) -> str:
    body = f"""{header("en")}{_crumbs(a)}<div class="wrap"><div class="main">
<article class="story">
<h1 class="headline">{escape(a.title)}</h1>
{_subtitle(a)}<div class="meta">{_info(a)}</div>
{_byline_block(a)}{_share(a)}<div class="story-body">
{_body(a)}
</div>
{_editor_block(a)}</article>
{_related(a, related)}</div>
{_hot(a, hot)}</div>
{footer()}"""
    return page("en", head(_title(a), _meta(a)), body)


def _mirror(a: Article, raw: str, related: list[Article], hot: list[Article]) -> str:
    """The seed page as the hacked mirror served it: spam title, its crumbs, every fault."""
    blocks = [b for b in raw.split("\n\n") if b.strip()]
    spam, crumbs, h1, info = blocks[:4]
    paras, editor, notice = blocks[4:-2], blocks[-2], blocks[-1]
    hrefs = ["/index.html", "/index.html", "/local/index.html"]
    crumb_html = "&nbsp;&gt;&nbsp;".join(
        f'<a href="{href}">{escape(name)}</a>'
        for href, name in zip(hrefs, crumbs.split("\xa0>\xa0"), strict=True)
    )
    content = "\n".join(f"<p>{escape(p.rstrip())}</p>" for p in paras)
    body = f"""{header("hant")}<div class="crumbs">{crumb_html}</div>
<div class="wrap"><div class="main">
<div class="d2txt">
<h1>{escape(h1)}</h1>
<div class="d2txt_1">{escape(info)}</div>
{_share(a)}<div class="d2txt_con">
{content}
</div>
<div class="editor">{escape(editor)}</div>
<div class="d2txt_bq">{escape(notice)}</div>
</div>
{_related(a, related)}</div>
{_hot(a, hot)}</div>
{footer()}"""
    return page("zh-Hant", head(spam, '<meta name="robots" content="all">\n'), body)
