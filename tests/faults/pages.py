"""Realistic Chinese article pages, generated deterministically from a number.

The fault tests and ``bench/crawl.py`` need many distinct, realistic pages (nav, sidebar,
scripts, a dated byline, several paragraphs) without shipping megabytes of fixtures: page
``n`` is always the same bytes, built from a fixed pool of sentences with a seeded RNG.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import opencc

SENTENCES = (
    "记者从市交通运输局获悉，今年全市将新建和改造农村公路三百余公里，进一步打通群众出行的最后一公里。",
    "据介绍，该项目总投资约十二亿元，建成后可新增就业岗位两千余个，带动周边产业协同发展。",
    "连日来，多个街道组织志愿者走进社区，为独居老人送去生活用品，并开展健康义诊活动。",
    "市气象台预计，受冷空气影响，本周后期全市将出现明显降温，最低气温可降至零度以下。",
    "在当天举行的新闻发布会上，相关负责人介绍了上半年全市经济运行的总体情况。",
    "数据显示，前三季度全市地区生产总值同比增长百分之五点六，增速高于全省平均水平。",
    "今年以来，该县坚持把乡村振兴作为重点工作，因地制宜发展特色种植和乡村旅游。",
    "市民王女士告诉记者，家门口新开的便民服务中心让办事方便了许多，再也不用来回奔波。",
    "活动现场，非遗传承人现场展示了剪纸、面塑等传统技艺，吸引了众多市民驻足观看。",
    "为保障节日期间市场供应，市商务局组织重点商超增加蔬菜、肉类等生活必需品储备。",
    "学校负责人表示，新校区投用后可新增学位一千二百个，有效缓解城区入学压力。",
    "该医院通过优化就诊流程，推行预约诊疗和检查结果互认，患者平均候诊时间明显缩短。",
    "据了解，此次招聘会共有一百二十余家企业参加，提供就业岗位三千多个，涵盖制造、物流等行业。",
    "执法人员对辖区内餐饮单位开展食品安全专项检查，督促经营者落实主体责任。",
    "近年来，当地持续推进河湖综合治理，昔日的臭水沟变成了市民休闲散步的好去处。",
    "专家提醒，秋冬季节是呼吸道疾病高发期，市民应注意勤洗手、常通风，适时增减衣物。",
    "项目负责人介绍，目前主体工程已完成百分之八十，预计年底前具备通车条件。",
    "在产业园区，一条条自动化生产线正在满负荷运转，工人们忙着赶制订单。",
    "这次比赛共吸引了来自全省各地的三百多名选手参加，赛事规模创历年之最。",
    "社区工作人员挨家挨户上门宣传防诈骗知识，提醒居民不轻信陌生来电，不随意转账。",
    "今年夏粮收购工作已全面启动，各收购网点开足马力，确保农民卖上放心粮、舒心粮。",
    "图书馆延长了周末开放时间，并新增自助借还设备，方便上班族和学生借阅图书。",
    "该镇依托当地丰富的竹林资源，发展竹编加工产业，带动数百户群众增收致富。",
    "公安交警部门提醒广大驾驶人，雨雾天气行车要减速慢行，保持安全车距。",
    "当天下午，工作组深入田间地头，实地查看秋收秋种进展情况，帮助解决实际困难。",
    "据统计，国庆假期全市共接待游客二百八十万人次，实现旅游收入十五亿元。",
    "该村党支部书记说，村里修通了水泥路，装上了路灯，村民的日子越过越红火。",
    "文化馆开设的公益培训班涵盖书法、舞蹈、器乐等多个门类，报名十分踊跃。",
    "环保部门通过在线监测平台，对重点排污企业实行全天候监管，确保达标排放。",
    "下一步，我们将继续加大投入力度，推动更多民生项目早日落地见效。",
)
TITLES = (
    "全市农村公路建设提速",
    "新建学校秋季开学迎新生",
    "社区志愿者为老人送温暖",
    "冷空气来袭本周将明显降温",
    "特色产业带动村民增收",
    "便民服务中心正式启用",
    "非遗技艺走进校园",
    "秋粮收购工作全面展开",
    "河道治理换来水清岸绿",
    "假期旅游市场持续升温",
)
SECTIONS = ("本地", "经济", "社会", "文化", "教育", "民生")
SITE_NAME = "故障测试网"
_T2S = opencc.OpenCC("s2t")


@dataclass(frozen=True)
class Article:
    """What a generated page says, so tests can check what the crawl archived."""

    n: int
    title: str
    paragraphs: tuple[str, ...]
    published: str
    encoding: str


def article(n: int, encoding: str = "utf-8", paragraphs: int = 8) -> Article:
    rng = random.Random(n)
    title = f"{rng.choice(TITLES)}（第{n}期）"
    paras = tuple(
        "".join(rng.sample(SENTENCES, rng.randint(2, 4))) + f"（编号{n}-{i}）"
        for i in range(paragraphs)
    )
    published = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}"
    if encoding == "big5":
        title, paras = _T2S.convert(title), tuple(_T2S.convert(p) for p in paras)
    return Article(n, title, paras, published, encoding)


def _links(rng: random.Random, count: int, link: str, link_max: int) -> str:
    return "\n".join(
        f'<li><a href="{link.format(rng.randrange(link_max))}">{rng.choice(TITLES)}</a></li>'
        for _ in range(count)
    )


def article_html(
    a: Article, link: str = "/news/good-{}.html", padding: int = 0, link_max: int = 10
) -> bytes:
    """The page of ``a`` in its encoding; ``padding`` adds that many bytes of sidebar markup
    (links to ``link`` numbered below ``link_max``, inline script) the way real portals do, to
    reach realistic page sizes."""
    rng = random.Random(-a.n)
    body = "\n".join(f"<p>　　{p}</p>" for p in a.paragraphs)
    sidebar = []
    size = 0
    while size < padding:
        block = f"<ul class='hot'>{_links(rng, 20, link, link_max)}</ul>\n<script>var ad{size}={{slot:'{rng.random()}',w:300,h:250}};</script>\n"
        sidebar.append(block)
        size += len(block.encode(a.encoding, "replace"))
    charset = {"big5": "big5", "gbk": "gbk"}.get(a.encoding, a.encoding)
    html = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}">
<title>{a.title}_{SITE_NAME}</title>
<meta name="keywords" content="{SITE_NAME},新闻">
</head><body>
<div class="top-nav"><a href="/">首页</a> | <a href="/news/">新闻</a> | <a href="/about.html">关于我们</a></div>
<div class="crumb"><a href="/">{SITE_NAME}</a> &gt; {SECTIONS[a.n % len(SECTIONS)]}</div>
<div class="main">
<h1 class="title">{a.title}</h1>
<div class="info">发布时间：{a.published}　来源：{SITE_NAME}　作者：记者 李明</div>
<div class="article-content">
{body}
</div>
<div class="editor">（责任编辑：王芳）</div>
</div>
<div class="sidebar"><h3>热点新闻</h3>
{"".join(sidebar)}</div>
<div class="footer">版权所有 {SITE_NAME} 未经授权禁止转载 备案号：测ICP备00000000号</div>
</body></html>
"""
    if a.encoding == "big5":
        html = _T2S.convert(html)
    return html.encode(a.encoding, "xmlcharrefreplace")
