"""Everything on the portal that is not an article: home, section lists, feeds, odd pages."""

from __future__ import annotations

from datetime import timedelta, timezone
from email.utils import format_datetime
from html import escape
from xml.sax.saxutils import escape as xml_escape

from frame import GALLERY, MISSING, SEARCH, SPECIAL, VIDEO, footer, head, header, page
from model import BASE, SECTIONS, SITE_NAME, TAGS, Article

PER_PAGE = 8
FEED_SIZE = 20
_CN = timezone(timedelta(hours=8))


def _summary(a: Article, size: int = 60) -> str:
    first = a.paragraphs[0]
    return first if len(first) <= size else first[:size] + "…"


def _item(a: Article, with_summary: bool = False, link: str | None = None) -> str:
    summary = f'<p class="summary">{escape(_summary(a))}</p>' if with_summary else ""
    return (
        f'<li><a href="{link or a.path}">{escape(a.title)}</a> '
        f'<span class="time">{a.published:%Y-%m-%d %H:%M}</span>{summary}</li>'
    )


def _simple_page(title: str, body: str, lang: str = "zh-CN", nav: str = "hans") -> bytes:
    return page(lang, head(title), f"{header(nav)}{body}{footer()}").encode("utf-8")


def home(articles: list[Article]) -> bytes:
    """Top stories, a block per section and the odd links a real home page carries."""
    top = "".join(_item(a, with_summary=True, link=a.link) for a in articles[:6])
    blocks = []
    for key, (label, _, _) in SECTIONS.items():
        items = "".join(
            _item(a, link=a.link) for a in [a for a in articles if a.section == key][:6]
        )
        blocks.append(
            f'<div class="block"><h2><a href="/{key}/index.html">{label}</a></h2><ul>{items}</ul>'
            f'<a class="more" href="/{key}/index.html">更多&gt;&gt;</a></div>\n'
        )
    moved = next(a for a in articles if a.old_path)
    tags = " ".join(f'<a href="/tag/{slug}.html">{name}</a>' for name, slug in TAGS.items())
    body = f"""<div class="wrap">
<div class="headline"><h2>要闻</h2><ul>{top}</ul></div>
{"".join(blocks)}<div class="side">
<h3>专题</h3><ul><li><a href="{SPECIAL}">2024春耕备耕专题</a></li><li><a href="{MISSING}">往期专题：2023西岭两会</a></li></ul>
<h3>图片 · 视频</h3><ul><li><a href="{GALLERY}">组图：西岭雪山迎来春季首场降雪</a></li><li><a href="{VIDEO}">视频｜航拍锦江湿地公园春色</a></li></ul>
<h3>推荐阅读</h3><ul><li><a href="{moved.old_path}">{escape(moved.title)}</a></li></ul>
<h3>热门标签</h3><p>{tags}</p>
<h3>热门搜索</h3><p><a href="{SEARCH}">春耕</a></p>
</div>
</div>
"""
    return _simple_page(f"{SITE_NAME}_西岭日报社主办_西岭权威新闻门户", body)


def section_pages(key: str, articles: list[Article]) -> dict[str, bytes]:
    """`/key/index.html`, `/key/index_2.html`, ... with 上一页/下一页 links, newest first."""
    label = SECTIONS[key][0]
    english = key == "english"
    items = [a for a in articles if a.section == key]
    chunks = [items[i : i + PER_PAGE] for i in range(0, len(items), PER_PAGE)]
    names = ["index.html"] + [f"index_{n}.html" for n in range(2, len(chunks) + 1)]
    prev_label, next_label = ("Previous", "Next") if english else ("上一页", "下一页")
    out = {}
    for n, chunk in enumerate(chunks):
        links = []
        if n > 0:
            links.append(f'<a href="/{key}/{names[n - 1]}">{prev_label}</a>')
        links.append(f"<span>{n + 1}/{len(chunks)}</span>")
        if n + 1 < len(chunks):
            links.append(f'<a href="/{key}/{names[n + 1]}">{next_label}</a>')
        rows = "".join(_item(a, with_summary=True) for a in chunk)
        body = f"""<div class="crumbs"><a href="/index.html">{SITE_NAME}</a> &gt; {label}</div>
<div class="wrap"><div class="list"><h2>{label}</h2><ul>{rows}</ul>
<div class="pages">{" ".join(links)}</div></div></div>
"""
        title = f"{label}_{SITE_NAME}" if n == 0 else f"{label}_第{n + 1}页_{SITE_NAME}"
        out[f"/{key}/{names[n]}"] = _simple_page(
            title, body, "en" if english else "zh-CN", "en" if english else "hans"
        )
    return out


def news_sitemap(articles: list[Article]) -> bytes:
    """A Google News sitemap listing every article under its real URL."""
    entries = []
    for a in articles:
        lang = {"hans": "zh-cn", "hant": "zh-tw"}.get(a.script or "", "en")
        entries.append(
            f"""  <url>
    <loc>{xml_escape(a.url)}</loc>
    <news:news>
      <news:publication><news:name>{SITE_NAME}</news:name><news:language>{lang}</news:language></news:publication>
      <news:publication_date>{a.iso_time}</news:publication_date>
      <news:title>{xml_escape(a.title)}</news:title>
    </news:news>
  </url>"""
        )
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{chr(10).join(entries)}
</urlset>
"""
    return xml.encode("utf-8")


def rss(articles: list[Article]) -> bytes:
    """RSS 2.0 feed of the latest articles."""
    items = []
    for a in articles[:FEED_SIZE]:
        when = format_datetime(a.published.replace(tzinfo=_CN))
        items.append(
            f"""    <item>
      <title>{xml_escape(a.title)}</title>
      <link>{a.url}</link>
      <guid isPermaLink="true">{a.url}</guid>
      <pubDate>{when}</pubDate>
      <category>{xml_escape(SECTIONS[a.section][0])}</category>
      <description>{xml_escape(_summary(a, 120))}</description>
    </item>"""
        )
    latest = format_datetime(articles[0].published.replace(tzinfo=_CN))
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>{SITE_NAME}</title>
    <link>{BASE}/</link>
    <description>西岭日报社主办的西岭地区新闻门户</description>
    <language>zh-cn</language>
    <lastBuildDate>{latest}</lastBuildDate>
{chr(10).join(items)}
  </channel>
</rss>
"""
    return xml.encode("utf-8")


def robots() -> bytes:
    return f"""User-agent: *
Disallow: /search/
Disallow: /admin/

Sitemap: {BASE}/sitemap_news.xml
""".encode()


def about() -> bytes:
    body = f"""<div class="crumbs"><a href="/index.html">{SITE_NAME}</a> &gt; 关于我们</div>
<div class="wrap"><div class="about">
<h1>关于我们</h1>
<p>西岭新闻网是西岭日报社主办的地方综合新闻网站，2001年开通，发布西岭市及周边区县的时政、经济、文化和民生新闻。</p>
<p>西岭日报社创办于1952年，现有《西岭日报》《西岭晚报》两份报纸和西岭新闻网、“西岭观察”客户端。</p>
<h2 id="contact">联系我们</h2>
<ul><li>地址：西岭市锦屏区滨江路88号</li><li>新闻热线：028-88886666</li><li>投稿邮箱：tougao@xiling.test</li></ul>
<h2 id="ads">广告服务</h2>
<p>广告热线：028-88887777</p>
</div></div>
"""
    return _simple_page(f"关于我们_{SITE_NAME}", body)


def gallery() -> bytes:
    captions = [
        "清晨，雪后的日月坪",
        "游客在阴阳界观景台拍照",
        "缆车穿过雾凇林",
        "景区工作人员清扫步道积雪",
        "山脚下的花水湾镇",
        "雪线以下，油菜花已经开放",
    ]
    pics = "\n".join(
        f'<div class="pic"><img src="/static/img/photo_{n}.png" alt="{c}"><p>{c}</p></div>'
        for n, c in enumerate(captions, start=1)
    )
    body = f"""<div class="crumbs"><a href="/index.html">{SITE_NAME}</a> &gt; 图片</div>
<div class="wrap"><div class="gallery">
<h1>组图：西岭雪山迎来春季首场降雪</h1>
<div class="info">2024-03-18 16:20　摄影：杨帆</div>
{pics}
<div class="pages"><span>1/1</span></div>
</div></div>
"""
    return _simple_page(f"组图：西岭雪山迎来春季首场降雪_{SITE_NAME}", body)


def video() -> bytes:
    body = f"""<div class="crumbs"><a href="/index.html">{SITE_NAME}</a> &gt; 视频</div>
<div class="wrap"><div class="video">
<h1>视频｜航拍锦江湿地公园春色</h1>
<div class="info">2024-03-20 18:05　来源：西岭新闻网</div>
<video controls width="640" poster="/static/img/video_77.png"><source src="/static/video/video_77.mp4" type="video/mp4">您的浏览器不支持视频播放。</video>
<p>时长 01:42</p>
</div></div>
"""
    return _simple_page(f"视频｜航拍锦江湿地公园春色_{SITE_NAME}", body)


def special(articles: list[Article]) -> bytes:
    """The topic page that looks like an article: h1, a date, a list of headlines."""
    picked = [a for a in articles if "春耕" in a.tags or "乡村振兴" in a.tags]
    rows = "".join(_item(a) for a in picked)
    body = f"""<div class="crumbs"><a href="/index.html">{SITE_NAME}</a> &gt; 专题 &gt; 正文</div>
<div class="wrap"><div class="special">
<h1>2024春耕备耕专题</h1>
<div class="info">发布时间：2024-03-15 10:00　来源：西岭新闻网</div>
<p class="lead">春回大地，西岭各地抢抓农时。本专题汇集春耕备耕相关报道。</p>
<h2>最新报道</h2>
<ul>{rows}</ul>
</div></div>
"""
    return _simple_page(f"2024春耕备耕专题_{SITE_NAME}", body)


def tag_page(name: str, articles: list[Article]) -> bytes:
    rows = "".join(_item(a, with_summary=True) for a in articles if name in a.tags)
    body = f"""<div class="crumbs"><a href="/index.html">{SITE_NAME}</a> &gt; 标签</div>
<div class="wrap"><div class="list"><h2>标签：{name}</h2><ul>{rows}</ul></div></div>
"""
    return _simple_page(f"{name}_标签_{SITE_NAME}", body)


def search_results(articles: list[Article]) -> bytes:
    hits = [a for a in articles if any("春耕" in p for p in a.paragraphs)]
    rows = "".join(_item(a, with_summary=True) for a in hits)
    body = f"""<div class="wrap"><div class="search">
<h1>搜索结果</h1>
<p>关键词“春耕”共找到 {len(hits)} 条结果</p>
<ul>{rows}</ul>
</div></div>
"""
    return _simple_page(f"春耕_搜索结果_{SITE_NAME}", body)


def not_found() -> bytes:
    body = """<div class="wrap"><div class="error">
<h1>404 页面不存在</h1>
<p>您访问的页面不存在或已被删除。<a href="/index.html">返回首页</a></p>
</div></div>
"""
    return _simple_page(f"页面不存在_{SITE_NAME}", body)
