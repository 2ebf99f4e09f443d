"""Write the fixture "internet" under tests/internet/<host>/: four small news sites of different
structure for the zero-configuration crawl. Run ``python tests/internet/build.py`` after editing.

- www.hbtimes.test (UTF-8): robots.txt ``Sitemap:`` lines, a sitemap index with a news sitemap,
  ``/<section>/<yyyy-mm>/<dd>/content_<id>.html`` articles, a redirect from an old address.
- news.jzdaily.test (GBK declared gb2312): no sitemap, only an RSS ``<link rel=alternate>``;
  date-path ``/<section>/<yyyy>/<mmdd>/<id>.html`` articles; an old table layout.
- www.haixia.test (Big5, declared nowhere): a ``.shtml`` / ``content_`` CMS with paginated lists
  (``index.shtml``, ``index_2.shtml``) and neither sitemap nor feed.
- www.riverside-courier.test (UTF-8, English): WordPress-like slug URLs, ``/tag/`` pages,
  robots.txt with a plain sitemap.

Every site also has non-article pages of each kind: lists, a gallery, a video page, a tag page,
a login page and search results. ``manifest.json`` lists what a crawl must archive (with the
fields a reader sees on the page) and what it must not. Article text is invented.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).parent


@dataclass
class Art:
    path: str
    section: str
    title: str
    date: str  # as the page prints it
    iso: str  # published_at with offset
    author: str
    paras: list[str]


class SiteWriter:
    def __init__(self, host: str, encoding: str, scheme: str = "http") -> None:
        self.host, self.encoding, self.scheme = host, encoding, scheme
        self.root = ROOT / host
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)
        self.articles: list[dict] = []
        self.non_articles: list[str] = []

    def url(self, path: str) -> str:
        return f"{self.scheme}://{self.host}{path}"

    def write(self, path: str, text: str, encoding: str | None = None) -> None:
        file = self.root / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(text.encode(encoding or self.encoding, errors="xmlcharrefreplace"))

    def page(self, path: str, text: str, query: str = "") -> None:
        self.write(path, text)
        self.non_articles.append(self.url(path) + (f"?{query}" if query else ""))

    def article(self, art: Art, text: str) -> None:
        self.write(art.path, text)
        self.articles.append(
            {
                "url": self.url(art.path),
                "title": art.title,
                "published_at": art.iso,
                "author": [art.author] if art.author else [],
            }
        )

    def finish(self, routes: dict | None = None, content_type: str = "") -> None:
        """Write the manifest; ``content_type`` is served for pages the server cannot type by
        their file name (extensionless slugs, ``.asp``)."""
        routes = dict(routes or {})
        if content_type:
            untyped = [
                u.split("://", 1)[1].split("/", 1)[1].split("?")[0]
                for u in [a["url"] for a in self.articles] + self.non_articles
            ]
            routes["headers"] = {
                "/" + path: {"Content-Type": content_type}
                for path in untyped
                if path
                and not path.endswith("/")
                and "." not in path.rsplit("/", 1)[-1]
                or path.endswith(".asp")
            }
        manifest = {"host": self.host, "articles": self.articles, "non_articles": self.non_articles}
        (self.root / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        if routes and any(routes.values()):
            (self.root / "_routes.json").write_text(json.dumps(routes, indent=1) + "\n")


def li_links(
    arts: list[Art], fmt: str = '<li><a href="{path}">{title}</a> <span>{day}</span></li>'
) -> str:
    return "\n".join(fmt.format(path=a.path, title=a.title, day=a.iso[:10]) for a in arts)


# ============================================================== www.hbtimes.test (UTF-8)

HB_ARTS = [
    Art(
        "/local/2024-03/07/content_30101.html",
        "local",
        "石家庄地铁四号线进入铺轨阶段",
        "2024-03-07 09:30",
        "2024-03-07T09:30:00+08:00",
        "王立新",
        [
            "记者从石家庄市轨道交通集团获悉，地铁四号线一期工程日前进入铺轨阶段，全线计划于年底前完成铺轨。",
            "四号线一期工程全长约二十公里，设车站十五座，连接主城区与正定新区。目前全线车站主体结构已全部封顶。",
            "轨道交通集团有关负责人介绍，施工单位将倒排工期、挂图作战，确保工程质量和施工安全，力争早日通车。",
        ],
    ),
    Art(
        "/local/2024-03/06/content_30088.html",
        "local",
        "保定古莲花池非遗展演吸引市民",
        "2024-03-06 16:05",
        "2024-03-06T16:05:00+08:00",
        "李静",
        [
            "连日来，保定古莲花池非遗展演活动持续举行，二十余个非遗项目集中亮相，吸引大批市民和游客驻足观看。",
            "展演现场，老调、哈哈腔等地方戏曲轮番登台，剪纸、面塑、内画等手工技艺展示区前排起长队。",
            "活动主办方表示，展演将持续到本月底，周末还将增设非遗体验课堂，让更多青少年了解传统文化。",
        ],
    ),
    Art(
        "/economy/2024-03/07/content_30105.html",
        "economy",
        "唐山港一季度集装箱航线新增三条",
        "2024-03-07 11:20",
        "2024-03-07T11:20:00+08:00",
        "赵海峰",
        [
            "记者从唐山港集团了解到，今年以来唐山港新开通三条集装箱航线，通达东南亚和日韩主要港口。",
            "今年前两个月，唐山港完成货物吞吐量同比增长百分之五，其中集装箱吞吐量增长百分之十二。",
            "唐山港集团相关负责人表示，将继续加密航线布局，提升港口综合服务能力，助力外贸稳增长。",
        ],
    ),
    Art(
        "/economy/2024-03/05/content_30060.html",
        "economy",
        "河北今年将新建改造农村公路五千公里",
        "2024-03-05 08:45",
        "2024-03-05T08:45:00+08:00",
        "",
        [
            "河北时报讯　记者从省交通运输厅获悉，今年我省将新建改造农村公路五千公里，实施危桥改造三百座。",
            "省交通运输厅有关负责人介绍，今年将重点推进农村公路与旅游景区、产业园区连接，进一步提升路网通达深度。",
            "同时，全省将深化农村公路管理养护体制改革，推广路长制，确保农村公路建好、管好、护好、运营好。",
        ],
    ),
]


def hb_frame(title: str, inner: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<div class="header"><a class="logo" href="/">河北时报</a>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/local/">本地</a></li><li><a href="/economy/">经济</a></li>
<li><a href="/photo/">图片</a></li><li><a href="/video/">视频</a></li><li><a href="/tag/xiongan/">雄安</a></li>
<li><a href="/user/login.html">登录</a></li></ul>
<form class="search" action="/search/" method="get"><input type="text" name="q"><button type="submit">搜索</button></form>
</div>
{inner}
<div class="footer"><p><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a></p>
<p>Copyright © 2024 河北时报社 版权所有 冀ICP备00000001号</p></div>
</body>
</html>
"""


def build_hbtimes() -> None:
    s = SiteWriter("www.hbtimes.test", "utf-8")
    for a in HB_ARTS:
        others = [o for o in HB_ARTS if o is not a][:2]
        paras = "\n".join(f"<p>　　{p}</p>" for p in a.paras)
        byline = f"<span>作者：{a.author}</span>" if a.author else ""
        s.article(
            a,
            hb_frame(
                f"{a.title}_河北时报",
                f"""
<div class="crumb"><a href="/">首页</a> &gt; <a href="/{a.section}/">{"本地" if a.section == "local" else "经济"}</a> &gt; 正文</div>
<div class="article">
<h1>{a.title}</h1>
<div class="info"><span>发布时间：{a.date}</span><span>来源：河北时报</span>{byline}</div>
<div class="article-content">
{paras}
</div>
<div class="editor">责任编辑：周敏</div>
</div>
<div class="related"><h3>相关阅读</h3><ul>{li_links(others)}</ul></div>
""",
            ),
        )
    local = [a for a in HB_ARTS if a.section == "local"]
    economy = [a for a in HB_ARTS if a.section == "economy"]
    s.page(
        "/",
        hb_frame(
            "河北时报——河北新闻门户",
            f"""
<div class="focus"><a href="{HB_ARTS[0].path}"><img src="/static/focus.jpg" width="640" height="360" alt=""></a></div>
<div class="col"><h2><a href="/local/">本地</a></h2><ul>{li_links(local)}</ul></div>
<div class="col"><h2><a href="/economy/">经济</a></h2><ul>{li_links(economy)}</ul></div>
<div class="col"><h2><a href="/photo/">图片</a></h2><ul><li><a href="/photo/2024-03/07/content_30150.html">组图：正定古城夜色美</a></li></ul></div>
<div class="col"><h2><a href="/video/">视频</a></h2><ul><li><a href="/video/2024-03/07/content_30160.html">视频｜代表委员谈新质生产力</a></li></ul></div>
<div class="hot">热搜：<a href="/search/?q=%E9%9B%84%E5%AE%89">雄安</a></div>
""",
        ),
    )
    s.page(
        "/local/",
        hb_frame(
            "本地_河北时报",
            f"""
<div class="list"><h1>本地新闻</h1><ul>{li_links(local)}</ul>
<div class="page"><span>1</span> <a href="/local/index_1.html">2</a> <a href="/local/index_1.html">下一页</a></div></div>""",
        ),
    )
    s.page(
        "/local/index_1.html",
        hb_frame(
            "本地_河北时报",
            """
<div class="list"><h1>本地新闻</h1><ul><li><a href="/local/old/30101.html">石家庄地铁四号线进入铺轨阶段（旧版链接）</a></li>
<li><a href="/local/2024-03/01/content_29901.html">（本页内容已归档）</a></li></ul>
<div class="page"><a href="/local/">上一页</a> <span>2</span></div></div>""",
        ),
    )
    s.page(
        "/economy/",
        hb_frame(
            "经济_河北时报",
            '<div class="list"><h1>经济</h1>'
            + "\n".join(
                f'<div class="item"><h3><a href="{a.path}">{a.title}</a></h3><p>{a.paras[0]}</p><span>{a.date}</span></div>'
                for a in economy
            )
            + "</div>",
        ),
    )
    pics = "\n".join(
        f'<li><img src="/photo/2024-03/07/W0{i}.jpg" width="800" height="533" alt=""><p>正定古城夜景（{i}/6） 摄影：马超</p></li>'
        for i in range(1, 7)
    )
    s.page(
        "/photo/",
        hb_frame(
            "图片_河北时报",
            """<div class="list"><h1>图片</h1><ul>
<li><a href="/photo/2024-03/07/content_30150.html"><img src="/photo/2024-03/07/W01.jpg" width="200" height="133" alt="">组图：正定古城夜色美</a></li></ul></div>""",
        ),
    )
    s.page(
        "/photo/2024-03/07/content_30150.html",
        hb_frame(
            "组图：正定古城夜色美_河北时报",
            f"""
<div class="photo"><h1>组图：正定古城夜色美</h1><div class="info">发布时间：2024-03-07 20:15 来源：河北时报</div>
<ul class="slides">{pics}</ul></div>""",
        ),
    )
    s.page(
        "/video/",
        hb_frame(
            "视频_河北时报",
            """<div class="list"><h1>视频</h1><ul>
<li><a href="/video/2024-03/07/content_30160.html">视频｜代表委员谈新质生产力</a></li></ul></div>""",
        ),
    )
    s.page(
        "/video/2024-03/07/content_30160.html",
        hb_frame(
            "视频｜代表委员谈新质生产力_河北时报",
            """
<div class="video"><h1>视频｜代表委员谈新质生产力</h1><div class="info">发布时间：2024-03-07 18:00 来源：河北时报</div>
<div class="player"><video src="/video/2024-03/07/30160.mp4" controls width="960" height="540"></video></div>
<p>全国两会期间，多位代表委员接受本报记者采访，围绕发展新质生产力建言献策。</p></div>""",
        ),
    )
    s.page(
        "/tag/xiongan/",
        hb_frame(
            "雄安_标签_河北时报",
            '<div class="list"><h1>标签：雄安</h1>'
            + "\n".join(
                f'<div class="item"><h3><a href="{a.path}">{a.title}</a></h3><p>{a.paras[0]}</p></div>'
                for a in HB_ARTS
            )
            + "</div>",
        ),
    )
    s.page(
        "/user/login.html",
        hb_frame(
            "用户登录_河北时报",
            """
<div class="login"><h1>用户登录</h1><form action="/user/login.do" method="post">
<p>用户名：<input type="text" name="u"></p><p>密码：<input type="password" name="p"></p>
<p><button type="submit">登录</button> <a href="/user/register.html">注册</a></p></form></div>""",
        ),
    )
    s.page(
        "/search/",
        query="q=%E9%9B%84%E5%AE%89",
        text=hb_frame(
            "搜索结果_河北时报",
            '<div class="search-result"><h1>搜索结果</h1>'
            + "\n".join(
                f'<div class="r"><h3><a href="{a.path}">{a.title}</a></h3><p>{a.paras[0]}</p></div>'
                for a in HB_ARTS
            )
            + "</div>",
        ),
    )
    s.write(
        "/robots.txt",
        "User-agent: *\nDisallow: /user/\n\nSitemap: http://www.hbtimes.test/sitemap_index.xml\n",
    )
    s.write(
        "/sitemap_index.xml",
        """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://www.hbtimes.test/sitemap_news.xml</loc><lastmod>2024-03-07T12:00:00+08:00</lastmod></sitemap>
<sitemap><loc>http://www.hbtimes.test/sitemap_sections.xml</loc></sitemap>
</sitemapindex>
""",
    )
    news = "\n".join(
        f"""<url><loc>{s.url(a.path)}</loc><news:news><news:publication><news:name>河北时报</news:name><news:language>zh</news:language></news:publication>
<news:publication_date>{a.iso}</news:publication_date><news:title>{a.title}</news:title></news:news></url>"""
        for a in HB_ARTS
    )
    s.write(
        "/sitemap_news.xml",
        f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{news}
</urlset>
""",
    )
    s.write(
        "/sitemap_sections.xml",
        """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://www.hbtimes.test/</loc></url>
<url><loc>http://www.hbtimes.test/local/</loc></url>
<url><loc>http://www.hbtimes.test/economy/</loc></url>
</urlset>
""",
    )
    s.write(
        "/404.html",
        hb_frame(
            "页面不存在_河北时报",
            '<div class="err"><h1>404 页面不存在</h1><p><a href="/">返回首页</a></p></div>',
        ),
    )
    s.finish({"redirects": {"/local/old/30101.html": [301, HB_ARTS[0].path]}})


# ============================================================== news.jzdaily.test (GBK, gb2312)

JZ_ARTS = [
    Art(
        "/xw/2024/0307/40211.html",
        "xw",
        "晋中平遥古城春季旅游线路发布",
        "2024年03月07日 08:00",
        "2024-03-07T08:00:00+08:00",
        "郭晓东",
        [
            "本报讯（记者 郭晓东）3月6日，平遥古城景区发布春季旅游线路，推出古城夜游、非遗研学等六条精品线路。",
            "据介绍，今年春季平遥古城将举办民俗文化周、古城灯会等系列活动，并对部分景点实行预约免费开放。",
            "景区管委会负责人表示，将进一步完善旅游服务设施，提升游客体验，全力打造文旅融合发展新样板。",
        ],
    ),
    Art(
        "/xw/2024/0306/40190.html",
        "xw",
        "榆次区新建改建口袋公园二十个",
        "2024年03月06日 17:32",
        "2024-03-06T17:32:00+08:00",
        "孟丽",
        [
            "本报讯（记者 孟丽）今年，榆次区计划新建改建口袋公园二十个，进一步增加城市绿地面积，方便群众休闲健身。",
            "这些口袋公园将充分利用城市边角地、闲置地建设，配套健身器材、座椅和儿童游乐设施。",
            "榆次区住建局相关负责人表示，口袋公园建设将广泛征求周边居民意见，做到建一处、美一处、惠一处。",
        ],
    ),
    Art(
        "/jj/2024/0305/40170.html",
        "jj",
        "太谷农高区设施蔬菜喜获丰收",
        "2024年03月05日 10:15",
        "2024-03-05T10:15:00+08:00",
        "",
        [
            "走进太谷农高区的智能温室，一排排番茄、黄瓜长势喜人，工人们正忙着采摘、分拣、装箱。",
            "近年来，农高区大力发展设施农业，推广水肥一体化、智能温控等技术，蔬菜产量和品质明显提升。",
            "目前，农高区设施蔬菜种植面积已达一万余亩，产品销往京津冀和长三角等地区。",
        ],
    ),
]


def jz_frame(title: str, inner: str) -> str:
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}</title>
<link rel="alternate" type="application/rss+xml" title="晋中日报 新闻" href="/rss/news.xml">
</head>
<body>
<table width="980" align="center" class="top"><tr>
<td><a href="/"><img src="/images/logo.gif" width="300" height="60" border="0" alt="晋中日报"></a></td>
<td><a href="/">首页</a> | <a href="/xw/">新闻</a> | <a href="/jj/">经济</a> | <a href="/tp/">图片</a> | <a href="/sp/">视频</a> | <a href="/member/login.asp">会员登录</a></td>
<td><form action="/search.asp" method="get"><input name="keyword" size="12"><input type="submit" value="搜索"></form></td>
</tr></table>
{inner}
<table width="980" align="center" class="bottom"><tr><td>晋中日报社主办 版权所有 晋ICP备00000002号</td></tr></table>
</body>
</html>
"""


def build_jzdaily() -> None:
    s = SiteWriter("news.jzdaily.test", "gbk")
    for i, a in enumerate(JZ_ARTS):
        body = "\n".join(f"<p>　　{p}</p>" for p in a.paras)
        if i == 1:  # an older page: paragraphs separated by <br>, not <p>
            body = "<br>\n".join(f"　　{p}" for p in a.paras)
        s.article(
            a,
            jz_frame(
                f"{a.title}-晋中日报",
                f"""
<table width="980" align="center"><tr><td width="680" valign="top">
<table width="100%"><tr><td class="title" align="center"><b>{a.title}</b></td></tr>
<tr><td class="time" align="center">{a.date}　来源：晋中日报　{"作者：" + a.author if a.author else ""}</td></tr>
<tr><td><div id="zoom">
{body}
</div></td></tr>
<tr><td align="right">（责任编辑：王芳）</td></tr>
<tr><td>标签：<a href="/xw/tag/pingyao.html">平遥</a></td></tr></table>
</td><td width="300" valign="top"><div class="box"><div class="box-t">热点新闻</div><ul>{li_links([o for o in JZ_ARTS if o is not a])}</ul></div></td></tr></table>
""",
            ),
        )
    s.page(
        "/",
        jz_frame(
            "晋中日报",
            f"""
<table width="980" align="center"><tr><td valign="top"><div class="box"><div class="box-t"><a href="/xw/">新闻</a></div><ul>{li_links(JZ_ARTS[:2])}</ul></div></td>
<td valign="top"><div class="box"><div class="box-t"><a href="/jj/">经济</a></div><ul>{li_links(JZ_ARTS[2:])}</ul></div></td>
<td valign="top"><div class="box"><div class="box-t"><a href="/tp/">图片</a></div><a href="/tp/2024/0307/40230.html">组图：平遥古城灯会</a></div></td></tr>
<tr><td colspan="3">热门检索：<a href="/search.asp?keyword=%C6%BD%D2%A3">平遥</a> <a href="/sp/">视频</a></td></tr></table>""",
        ),
    )
    s.page(
        "/xw/",
        jz_frame(
            "新闻-晋中日报",
            f'<table width="980" align="center"><tr><td><ul>{li_links(JZ_ARTS[:2])}</ul></td></tr></table>',
        ),
    )
    s.page(
        "/jj/",
        jz_frame(
            "经济-晋中日报",
            f'<table width="980" align="center"><tr><td><ul>{li_links(JZ_ARTS[2:])}</ul></td></tr></table>',
        ),
    )
    pics = "".join(
        f'<p align="center"><img src="/tp/2024/0307/p{i}.jpg" width="760" height="500"><br>平遥古城灯会（{i}/5）</p>'
        for i in range(1, 6)
    )
    s.page(
        "/tp/",
        jz_frame(
            "图片-晋中日报",
            '<table width="980" align="center"><tr><td><a href="/tp/2024/0307/40230.html"><img src="/tp/2024/0307/p1.jpg" width="150" height="100"><br>组图：平遥古城灯会</a></td></tr></table>',
        ),
    )
    s.page(
        "/tp/2024/0307/40230.html",
        jz_frame(
            "组图：平遥古城灯会-晋中日报",
            f"""
<table width="980" align="center"><tr><td class="title" align="center"><b>组图：平遥古城灯会</b></td></tr>
<tr><td class="time" align="center">2024年03月07日 19:40　来源：晋中日报</td></tr><tr><td>{pics}</td></tr></table>""",
        ),
    )
    s.page(
        "/sp/",
        jz_frame(
            "视频-晋中日报",
            """
<table width="980" align="center"><tr><td class="title" align="center"><b>视频：平遥古城灯会开幕</b></td></tr>
<tr><td align="center"><embed src="/sp/player.swf?file=/sp/2024/0307/40240.flv" width="640" height="480"></embed></td></tr>
<tr><td>2024年03月07日 灯会开幕现场。</td></tr></table>""",
        ),
    )
    s.page(
        "/member/login.asp",
        jz_frame(
            "会员登录-晋中日报",
            """
<table width="980" align="center"><tr><td><form action="/member/chklogin.asp" method="post">
用户名：<input name="username"><br>密　码：<input type="password" name="password"><br><input type="submit" value="登录"></form></td></tr></table>""",
        ),
    )
    s.page(
        "/search.asp",
        query="keyword=%C6%BD%D2%A3",
        text=jz_frame(
            "搜索结果-晋中日报",
            '<table width="980" align="center"><tr><td><b>检索结果</b><ul>'
            + "".join(f'<li><a href="{a.path}">{a.title}</a><br>{a.paras[0]}</li>' for a in JZ_ARTS)
            + "</ul></td></tr></table>",
        ),
    )
    s.page(
        "/xw/tag/pingyao.html",
        jz_frame(
            "平遥-专题标签-晋中日报",
            '<table width="980" align="center"><tr><td><h3>标签：平遥</h3><ul>'
            + li_links(JZ_ARTS[:1])
            + "</ul></td></tr></table>",
        ),
    )
    items = "\n".join(
        f"""<item><title>{a.title}</title><link>{s.url(a.path)}</link><pubDate>{a.iso}</pubDate></item>"""
        for a in JZ_ARTS[:2]
    )
    s.write(
        "/rss/news.xml",
        f"""<?xml version="1.0" encoding="gb2312"?>
<rss version="2.0"><channel><title>晋中日报 新闻</title><link>http://news.jzdaily.test/</link>
{items}
</channel></rss>
""",
    )
    s.finish(content_type="text/html")


# ============================================================== www.haixia.test (Big5, undeclared)

HX_ARTS = [
    Art(
        "/news/local/content_5101.shtml",
        "local",
        "港口新設郵輪碼頭今夏啟用",
        "2024/03/07 10:20",
        "2024-03-07T10:20:00+08:00",
        "陳志明",
        [
            "【本報記者陳志明報導】港務公司昨日宣布，港區新建的郵輪碼頭將於今年夏季正式啟用，可停靠十五萬噸級郵輪。",
            "港務公司表示，新碼頭旅客中心設有通關、候船及商業設施，每小時可服務旅客三千人次，將帶動周邊觀光及餐飲產業。",
            "市政府觀光局也將配合推出郵輪旅客市區導覽路線，串聯老街、美術館與海濱步道，吸引旅客留下消費。",
        ],
    ),
    Art(
        "/news/local/content_5098.shtml",
        "local",
        "老街騎樓整修完工 重現百年風貌",
        "2024/03/06 15:45",
        "2024-03-06T15:45:00+08:00",
        "林雅婷",
        [
            "【本報記者林雅婷報導】歷時兩年的老街騎樓整修工程日前完工，三十餘棟百年建築立面重現昔日風貌。",
            "文化局指出，整修過程保留原有的洗石子與磚造工法，並由老師傅帶領年輕工匠施作，兼顧傳承與保存。",
            "老街商圈發展協會表示，整修完成後週末人潮明顯增加，店家營業額較去年同期成長約兩成。",
        ],
    ),
    Art(
        "/news/life/content_5090.shtml",
        "life",
        "社區長照據點增至四十處",
        "2024/03/05 09:05",
        "2024-03-05T09:05:00+08:00",
        "",
        [
            "市府社會局統計，今年社區長照據點已增至四十處，提供長者共餐、健康促進及陪伴等服務。",
            "社會局表示，將持續培訓照顧服務員，並結合醫療院所推動居家醫療，讓長者在熟悉的社區安心老化。",
            "有需要的民眾可撥打長照專線，由照管專員到府評估，安排合適的服務項目。",
        ],
    ),
]


def hx_frame(title: str, inner: str) -> str:
    return f"""<html>
<head>
<title>{title}</title>
<link rel="stylesheet" href="/css/main.css">
</head>
<body>
<div id="header"><a href="/"><img src="/img/logo.png" alt="海峽新聞網"></a>
<div id="menu"><a href="/">首頁</a> <a href="/news/local/index.shtml">地方</a> <a href="/news/life/index.shtml">生活</a>
<a href="/photo/index.shtml">圖集</a> <a href="/video/index.shtml">影音</a> <a href="/member/login.shtml">會員登入</a>
<a href="/search/result.shtml?q=%E6%B8%AF%E5%8F%A3">搜尋</a></div></div>
{inner}
<div id="footer">海峽新聞網 版權所有 轉載請註明出處</div>
</body>
</html>
"""


def build_haixia() -> None:
    s = SiteWriter("www.haixia.test", "big5")
    for a in HX_ARTS:
        paras = "\n".join(f"<p>{p}</p>" for p in a.paras)
        author = f'<span class="reporter">記者：{a.author}</span>' if a.author else ""
        s.article(
            a,
            hx_frame(
                f"{a.title} - 海峽新聞網",
                f"""
<div id="content">
<div class="path"><a href="/">首頁</a> &gt; <a href="/news/{a.section}/index.shtml">{"地方" if a.section == "local" else "生活"}</a></div>
<div class="title"><h2>{a.title}</h2></div>
<div class="date">{a.date} {author}</div>
<div class="article">
{paras}
</div>
<div class="more"><a href="/news/{a.section}/index.shtml">更多新聞</a></div>
</div>
""",
            ),
        )
    local = [a for a in HX_ARTS if a.section == "local"]
    s.page(
        "/",
        hx_frame(
            "海峽新聞網",
            f"""<div id="content"><h3>焦點新聞</h3><ul>{li_links(HX_ARTS[:1])}</ul>
<h3><a href="/news/local/index.shtml">地方</a></h3><h3><a href="/news/life/index.shtml">生活</a></h3></div>""",
        ),
    )
    s.page(
        "/news/local/index.shtml",
        hx_frame(
            "地方 - 海峽新聞網",
            f"""<div id="content"><h3>地方新聞</h3><ul>{li_links(local[:1])}</ul>
<div class="pages"><b>1</b> <a href="/news/local/index_2.shtml">2</a> <a href="/news/local/index_2.shtml">下一頁</a></div></div>""",
        ),
    )
    s.page(
        "/news/local/index_2.shtml",
        hx_frame(
            "地方 - 海峽新聞網",
            f"""<div id="content"><h3>地方新聞</h3><ul>{li_links(local[1:])}</ul>
<div class="pages"><a href="/news/local/index.shtml">上一頁</a> <b>2</b></div></div>""",
        ),
    )
    s.page(
        "/news/life/index.shtml",
        hx_frame(
            "生活 - 海峽新聞網",
            f"""<div id="content"><h3>生活</h3><ul>{li_links(HX_ARTS[2:])}</ul></div>""",
        ),
    )
    figs = "\n".join(
        f'<div class="pic"><img src="/photo/2024/0307/{i}.jpg" width="900" height="600"><p>郵輪碼頭空拍（{i}/7）</p></div>'
        for i in range(1, 8)
    )
    s.page(
        "/photo/index.shtml",
        hx_frame(
            "圖集 - 海峽新聞網",
            '<div id="content"><ul><li><a href="/photo/content_5120.shtml">圖集：新郵輪碼頭空拍</a></li></ul></div>',
        ),
    )
    s.page(
        "/photo/content_5120.shtml",
        hx_frame(
            "圖集：新郵輪碼頭空拍 - 海峽新聞網",
            f"""<div id="content"><div class="title"><h2>圖集：新郵輪碼頭空拍</h2></div>
<div class="date">2024/03/07 18:30</div><div class="gallery">{figs}</div></div>""",
        ),
    )
    s.page(
        "/video/index.shtml",
        hx_frame(
            "影音 - 海峽新聞網",
            """<div id="content"><div class="title"><h2>影音：老街騎樓整修完工</h2></div><div class="date">2024/03/06 20:00</div>
<div class="player"><iframe src="/video/player.shtml?vid=5130" width="800" height="450"></iframe></div><p>老街騎樓整修完工紀錄。</p></div>""",
        ),
    )
    s.page(
        "/member/login.shtml",
        hx_frame(
            "會員登入 - 海峽新聞網",
            """<div id="content"><h3>會員登入</h3><form method="post" action="/member/login.do">
帳號 <input name="id"> 密碼 <input type="password" name="pw"> <input type="submit" value="登入"></form></div>""",
        ),
    )
    s.page(
        "/search/result.shtml",
        query="q=%E6%B8%AF%E5%8F%A3",
        text=hx_frame(
            "搜尋結果 - 海峽新聞網",
            '<div id="content" class="search_result"><h3>搜尋結果</h3>'
            + "\n".join(
                f'<div><h4><a href="{a.path}">{a.title}</a></h4><p>{a.paras[0]}</p></div>'
                for a in HX_ARTS
            )
            + "</div>",
        ),
    )
    s.page(
        "/tag/port.shtml",
        hx_frame(
            "標籤：港口 - 海峽新聞網",
            f'<div id="content"><h3>標籤：港口</h3><ul>{li_links(HX_ARTS[:1])}</ul></div>',
        ),
    )
    # linked from nowhere else: the tag page is reached from the first article
    first = s.root / HX_ARTS[0].path.lstrip("/")
    text = (
        first.read_bytes()
        .decode("big5")
        .replace(
            '<div class="more">',
            '<div class="tags"><a href="/tag/port.shtml">港口</a></div>\n<div class="more">',
        )
    )
    first.write_bytes(text.encode("big5", errors="xmlcharrefreplace"))
    s.finish()


# ============================================================== www.riverside-courier.test (English)

RC_ARTS = [
    Art(
        "/news/local/council-approves-new-budget-after-late-night-session",
        "local",
        "Council approves new budget after late-night session",
        "March 7, 2024 at 6:10 a.m.",
        "2024-03-07T06:10:00-08:00",
        "Dana Whitfield",
        [
            "The Riverside City Council approved a $412 million budget early Thursday after a session that ran past midnight, ending weeks of debate over road repairs and library hours.",
            "The spending plan, adopted on a 5-2 vote, adds $18 million for street resurfacing and restores Sunday hours at three library branches that were cut during the pandemic.",
            'Council member Rosa Delgado, who voted against the plan, said it leaned too heavily on one-time reserves. "We are papering over a gap that will be back next year," she said.',
            "The budget takes effect July 1. A mid-year review is scheduled for January.",
        ],
    ),
    Art(
        "/news/education/riverside-schools-add-later-start-times-next-fall",
        "education",
        "Riverside schools to add later start times next fall",
        "March 6, 2024 at 4:45 p.m.",
        "2024-03-06T16:45:00-08:00",
        "Marcus Lee",
        [
            "High schools in the Riverside Unified School District will start no earlier than 8:30 a.m. beginning next fall, the school board decided Wednesday.",
            "The change follows a state law on school start times and months of surveys of parents, students and teachers. Bus routes will be redrawn over the summer.",
            "Superintendent Karen Obi said the district would keep early-morning supervision on campus for families who need to drop students off before work.",
        ],
    ),
    Art(
        "/news/local/flood-barrier-work-closes-river-road-for-six-weeks",
        "local",
        "Flood barrier work closes River Road for six weeks",
        "March 5, 2024 at 9:00 a.m.",
        "2024-03-05T09:00:00-08:00",
        "",
        [
            "A one-mile stretch of River Road will close to traffic starting Monday while crews raise the levee that protects the Northside neighborhood, county officials said.",
            "Drivers are asked to use Main Street and Fifth Avenue during the closure. Cyclists and pedestrians will be able to use a temporary path on the east side.",
            "The $9 million project is paid for largely by a state flood-protection grant and is expected to finish before the start of the next rainy season.",
        ],
    ),
]


PLAIN_LI = '<li><a href="{path}">{title}</a></li>'


def rc_frame(title: str, inner: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<title>{title}</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="The Riverside Courier">
</head>
<body>
<header class="site-header"><a href="/" rel="home">The Riverside Courier</a>
<nav><a href="/news/local/">Local</a> <a href="/news/education/">Education</a> <a href="/photos/">Photos</a>
<a href="/video/">Video</a> <a href="/tag/city-hall/">City Hall</a> <a href="/account/login/">Sign in</a>
<form role="search" action="/" method="get"><input type="search" name="s"></form></nav></header>
<main id="main">
{inner}
</main>
<footer><a href="/about/">About</a> <a href="/privacy/">Privacy policy</a> &copy; 2024 The Riverside Courier</footer>
</body>
</html>
"""


def build_riverside() -> None:
    s = SiteWriter("www.riverside-courier.test", "utf-8")
    for a in RC_ARTS:
        paras = "\n".join(f"<p>{p}</p>" for p in a.paras)
        byline = (
            f'By <a href="/author/{a.author.lower().replace(" ", "-")}/" rel="author">{a.author}</a> | '
            if a.author
            else "By Courier staff | "
        )
        s.article(
            a,
            rc_frame(
                f"{a.title} &#8211; The Riverside Courier",
                f"""
<article class="post">
<header><h1 class="entry-title">{a.title}</h1>
<p class="byline">{byline}<time datetime="{a.iso}">{a.date}</time></p></header>
<div class="entry-content">
{paras}
</div>
<footer class="tags"><a href="/tag/city-hall/" rel="tag">City Hall</a></footer>
</article>
<aside><h2>Most read</h2><ul>{li_links([o for o in RC_ARTS if o is not a], PLAIN_LI)}</ul></aside>
""",
            ),
        )
    s.page(
        "/",
        rc_frame(
            "The Riverside Courier &#8211; Local news for Riverside",
            "\n".join(
                f'<article class="teaser"><h2><a href="{a.path}">{a.title}</a></h2><p>{a.paras[0]}</p></article>'
                for a in RC_ARTS
            )
            + '<p class="trending">Trending: <a href="/search/budget/">budget</a></p>',
        ),
    )
    for section in ("local", "education"):
        arts = [a for a in RC_ARTS if a.section == section]
        s.page(
            f"/news/{section}/",
            rc_frame(
                f"{section.title()} &#8211; The Riverside Courier",
                f"<h1>{section.title()}</h1><ul>{li_links(arts, PLAIN_LI)}</ul>",
            ),
        )
    s.page(
        "/tag/city-hall/",
        rc_frame(
            "City Hall Archives &#8211; The Riverside Courier",
            "<h1>Tag: City Hall</h1>"
            + "\n".join(
                f'<article class="teaser"><h2><a href="{a.path}">{a.title}</a></h2><p>{a.paras[0]}</p><time datetime="{a.iso}">{a.date}</time></article>'
                for a in RC_ARTS
            ),
        ),
    )
    for a in RC_ARTS:
        if a.author:
            slug = a.author.lower().replace(" ", "-")
            s.page(
                f"/author/{slug}/",
                rc_frame(
                    f"{a.author} &#8211; The Riverside Courier",
                    f'<h1>{a.author}</h1><p>Reporter</p><ul><li><a href="{a.path}">{a.title}</a></li></ul>',
                ),
            )
    figs = "\n".join(
        f'<figure><img src="/uploads/2024/03/market-{i}.jpg" width="1200" height="800"><figcaption>Opening day at the downtown market. ({i} of 8)</figcaption></figure>'
        for i in range(1, 9)
    )
    s.page(
        "/photos/",
        rc_frame(
            "Photos &#8211; The Riverside Courier",
            '<h1>Photos</h1><ul><li><a href="/photos/downtown-market-opening-day/">Photos: Downtown market opening day</a></li></ul>',
        ),
    )
    s.page(
        "/photos/downtown-market-opening-day/",
        rc_frame(
            "Photos: Downtown market opening day &#8211; The Riverside Courier",
            f"""
<article><h1>Photos: Downtown market opening day</h1><p class="byline">By Ana Ruiz | <time datetime="2024-03-07T12:00:00-08:00">March 7, 2024</time></p>
<div class="gallery">{figs}</div></article>""",
        ),
    )
    s.page(
        "/video/",
        rc_frame(
            "Video &#8211; The Riverside Courier",
            """
<article><h1>Video: Council budget vote highlights</h1><time datetime="2024-03-07T21:00:00-08:00">March 7, 2024</time>
<div class="player"><iframe src="/video/player/?id=88812" width="960" height="540"></iframe></div>
<p>Key moments from the council's late-night budget session.</p></article>""",
        ),
    )
    s.page(
        "/account/login/",
        rc_frame(
            "Sign in &#8211; The Riverside Courier",
            """
<h1>Sign in</h1><form method="post" action="/account/login/"><label>Email <input type="email" name="email"></label>
<label>Password <input type="password" name="pwd"></label><button>Sign in</button></form>""",
        ),
    )
    s.page(
        "/search/budget/",
        rc_frame(
            "You searched for budget &#8211; The Riverside Courier",
            "<h1>Search results for: budget</h1>"
            + "\n".join(
                f'<article class="teaser"><h2><a href="{a.path}">{a.title}</a></h2><p>{a.paras[0]}</p></article>'
                for a in RC_ARTS
            ),
        ),
    )
    s.write(
        "/robots.txt",
        "User-agent: *\nDisallow: /account/\n\nSitemap: http://www.riverside-courier.test/sitemap.xml\n",
    )
    urls = "\n".join(
        f"<url><loc>{s.url(a.path)}</loc><lastmod>{a.iso}</lastmod></url>" for a in RC_ARTS[:2]
    )
    s.write(
        "/sitemap.xml",
        f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{urls}
</urlset>
""",
    )
    s.finish(content_type="text/html; charset=utf-8")


if __name__ == "__main__":
    build_hbtimes()
    build_jzdaily()
    build_haixia()
    build_riverside()
