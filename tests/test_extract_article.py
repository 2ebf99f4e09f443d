"""extract_article on small pages: one convention or failure mode per test."""

from __future__ import annotations

from types import SimpleNamespace

from newscrawl.clean.dom import parse, sections_as_paragraphs
from newscrawl.clean.extract import extract_article
from newscrawl.clean.spam import find_spam, is_spam
from newscrawl.clean.title import choose_title, segments, site_name_from_title

PARAGRAPHS = [
    "今年政府工作报告提出，大力推进现代化产业体系建设，加快发展新质生产力，这是本届两会的焦点话题之一。",
    "代表委员纷纷表示，要根据本地的资源禀赋、产业基础、科研条件等，因地制宜发展新质生产力，积极促进产业高端化。",
    "全国政协委员、河北大学教授万师强注意到，政府工作报告明确提出，开辟量子技术、生命科学等新赛道，推动产业升级。",
]


def page(
    *,
    title_tag: str = "春季到林芝看桃花_地方新闻_西岭新闻网",
    h1: str = "春季到林芝看桃花",
    info: str = "发布时间：2024-03-07 14:52 来源：西岭日报",
    lead: str = "",
    tail: str = "（记者 张晓峰）",
    after: str = "<p>责任编辑：陈静</p>",
    head_extra: str = "",
) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:-1]) + f"<p>{PARAGRAPHS[-1]}{tail}</p>"
    return f"""<html><head><title>{title_tag}</title>{head_extra}</head><body>
<div class="nav"><a href="/">首页</a> <a href="/local/">本地</a> <a href="/economy/">经济</a></div>
<div class="location">当前位置：<a href="http://news.xiling.test/">西岭新闻网</a> &gt;
<a href="/local/">本地</a> &gt; <a href="/local/tour/">旅游</a> &gt; 正文</div>
<div class="article"><h1>{h1}</h1><div class="info">{info}</div>
<div class="content">{lead}{paragraphs}<p><img src="/img/a.jpg"></p></div>{after}</div>
<div class="footer"><p>版权所有 © 2024 西岭新闻网 京ICP备12345678号</p></div>
</body></html>"""


URL = "http://news.xiling.test/local/2024-03/07/content_1001.html"


def test_fields_of_a_regular_chinese_page() -> None:
    article = extract_article(page(), URL)
    assert article.title == "春季到林芝看桃花"
    assert article.published_at == "2024-03-07T14:52:00+08:00"
    assert article.source == "西岭日报"
    assert article.author == ["张晓峰"]
    assert article.editor == "陈静"
    assert article.section == "本地 > 旅游"
    assert article.site_name == "西岭新闻网"
    assert article.language == "zh" and article.script == "hans"
    assert article.images == ["http://news.xiling.test/img/a.jpg"]
    assert article.body.splitlines() == PARAGRAPHS
    assert article.spam == []


def test_lead_block_becomes_fields() -> None:
    lead = "<p>原标题：林芝桃花节开幕</p><p>三月桃花迎客来</p><p>春季到林芝看桃花</p>"
    article = extract_article(page(lead=lead), URL)
    assert article.original_title == "林芝桃花节开幕"
    assert article.subtitle == "三月桃花迎客来"
    assert article.body.splitlines()[0] == PARAGRAPHS[0]


def test_spam_title_is_reported_not_used() -> None:
    spam_title = "自拍偷拍亚洲一区二区_日本欧美亚洲精品在线观看_午夜中文乱码福利"
    article = extract_article(page(title_tag=spam_title), URL)
    assert article.title == "春季到林芝看桃花"
    assert spam_title in article.spam


def test_site_suffix_never_in_title() -> None:
    article = extract_article(page(h1="<a href='/'>西岭新闻网</a></h1><h2>春季到林芝看桃花"), URL)
    assert article.title == "春季到林芝看桃花"


def test_copyright_year_is_not_the_date() -> None:
    article = extract_article(page(info="来源：西岭日报"), "http://news.xiling.test/a/b.html")
    assert article.published_at is None


def test_url_date_when_the_page_gives_none() -> None:
    article = extract_article(page(info="来源：西岭日报"), URL)
    assert article.published_at == "2024-03-07T00:00:00+08:00"
    assert article.published_precision == "day"


def test_date_precision_follows_the_page() -> None:
    assert extract_article(page(), URL).published_precision == "minute"
    article = extract_article(page(info="发布时间：2024-03-07 14:52:31"), URL)
    assert (article.published_at, article.published_precision) == (
        "2024-03-07T14:52:31+08:00",
        "second",
    )


def test_yearless_info_date_takes_the_year_of_the_url() -> None:
    article = extract_article(page(info="03-07 14:52 来源：西岭日报"), URL)
    assert article.published_at == "2024-03-07T14:52:00+08:00"


def test_date_above_the_headline_in_split_elements() -> None:
    html = page().replace(
        '<div class="article">',
        '<div class="time"><span>2024</span> <span>03/07</span> <span>15:21:08</span></div>'
        '<div class="article">',
    )
    article = extract_article(html.replace("发布时间：2024-03-07 14:52 ", ""), URL)
    assert article.published_at == "2024-03-07T15:21:08+08:00"


def test_sitemap_hint_refines_a_url_day() -> None:
    hints = {"published_at": "2024-03-07T09:30:00+08:00"}
    article = extract_article(page(info="来源：西岭日报"), URL, hints=hints)
    assert article.published_at == "2024-03-07T09:30:00+08:00"


def test_profile_timezone_and_site_name() -> None:
    profile = SimpleNamespace(
        name="t", timezone="Europe/Berlin", selectors={}, site_name="西岭网", encoding=None
    )
    article = extract_article(page(), "http://example.hk/x.html", profile=profile)
    assert article.site_name == "西岭网"
    assert article.published_at == "2024-03-07T14:52:00+01:00"


def test_profile_selector_wins() -> None:
    profile = SimpleNamespace(
        name="t", timezone="Asia/Shanghai", selectors={"body": "div.info"}, site_name=None
    )
    article = extract_article(page(info="只在这里的正文，由站点配置选出。"), URL, profile=profile)
    assert article.body == "只在这里的正文，由站点配置选出。"
    assert article.fields_from["body"] == "profile"


def test_rel_author_link_is_the_byline() -> None:
    info = '发布时间：2024-03-07 14:52 <a rel="author" href="/author/li">Li Na</a>'
    assert extract_article(page(info=info, tail=""), URL).author == ["Li Na"]
    aside = '<div class="side"><a rel="author" href="/author/wu">Wu Gang</a></div>'
    html = page(tail="").replace("</body>", aside + "</body>")
    assert extract_article(html, URL).author == []


def test_meta_author_that_is_the_site_is_not_an_author() -> None:
    head = '<meta name="author" content="西岭新闻网">'
    article = extract_article(page(tail="", head_extra=head), URL)
    assert article.author == []


def test_english_page_keeps_naive_time_and_drops_footer() -> None:
    text = " ".join(["The council approved the new budget after a long debate."] * 6)
    html = f"""<html lang="en"><head><title>Budget approved | Daily Example</title>
<meta property="og:site_name" content="Daily Example"></head><body>
<article><h1>Budget approved</h1><p>Posted 2024-03-07 09:05</p><p>{text}</p><p>{text}</p>
<p>Copyright © 2024 Daily Example. All rights reserved.</p></article></body></html>"""
    article = extract_article(html, "https://example.com/news/budget")
    assert article.title == "Budget approved"
    assert article.site_name == "Daily Example"
    assert article.language == "en"
    assert article.published_at == "2024-03-07T09:05:00"
    assert "Copyright" not in article.body and text in article.body


def test_empty_and_markup_free_input() -> None:
    assert extract_article("").body == ""
    assert extract_article("   ").title is None


def test_spam_needs_several_terms() -> None:
    assert is_spam("自拍偷拍亚洲一区二区")
    assert not is_spam("澳门特区政府发布博彩业新规")
    assert find_spam(["正常标题", "百家乐 真人娱乐城 注册送彩金"]) == [
        "百家乐 真人娱乐城 注册送彩金"
    ]


def test_title_agreement_prefers_the_headline_over_a_logo() -> None:
    title, origin = choose_title(
        ["西岭新闻网", "春季到林芝看桃花"], [], "春季到林芝看桃花_西岭新闻网"
    )
    assert (title, origin) == ("春季到林芝看桃花", "heading")


def test_publish_time_named_in_a_script() -> None:
    script = "<script>var page = {pubtime: '2024-03-07 14:52:10', title: 'x'};</script>"
    article = extract_article(page(info="来源：西岭日报", head_extra=script), URL)
    assert article.published_at == "2024-03-07T14:52:10+08:00"
    assert article.fields_from["published_at"] == "script"
    two = script + "<script>var related = {pubtime: '2024-03-01 08:00:00'};</script>"
    article = extract_article(page(info="来源：西岭日报", head_extra=two), URL)
    assert article.published_precision == "day"


def test_paragraphs_written_as_sections_become_paragraphs() -> None:
    tree = parse(
        "<html><body><section id='outer'><section id='a'><span>一</span><br>二</section>"
        "<section id='b'><p>三</p></section></section></body></html>"
    )
    sections_as_paragraphs(tree)
    tags = {e.get("id"): e.tag for e in tree.iter() if e.get("id")}
    assert tags == {"outer": "section", "a": "p", "b": "section"}


def test_article_inside_a_header_classed_wrapper() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 2)
    html = f"""<html><head><title>春季到林芝看桃花_西岭新闻网</title></head><body>
<div class="post_header"><h1>春季到林芝看桃花</h1><div class="post_body">{body}</div></div>
<div class="footer"><p>版权所有 © 2024 西岭新闻网</p></div></body></html>"""
    article = extract_article(html, URL)
    assert article.body.splitlines() == PARAGRAPHS * 2


def test_title_agreeing_with_the_title_tag_beats_a_longer_lead_line() -> None:
    title, origin = choose_title(
        ["今日股市行情_明日大盘_股市最新消息", "联合国贸发报告：全球经济增长率降至2.3%"],
        [],
        "明日股市预测--联合国贸发报告：全球经济增长率降至2.3%",
        support=["今日股市行情_明日大盘_股市最新消息"],
    )
    assert (title, origin) == ("联合国贸发报告：全球经济增长率降至2.3%", "heading")


def test_exact_title_match_beats_a_heading_that_runs_into_the_byline() -> None:
    headline = "一袭汉服，一架古筝，90后彭静旋异国他乡只为传播中华文化"
    title, _ = choose_title([headline + "八卦大相公发布时间：01-14", headline], [], headline)
    assert title == headline


def test_site_name_is_the_short_end_of_the_title_tag() -> None:
    assert site_name_from_title("明日股市预测--联合国贸发报告：全球经济增长率降至2.3%", None) == (
        "明日股市预测"
    )
    assert site_name_from_title("春季到林芝看桃花_西岭新闻网", None) == "西岭新闻网"
    assert segments("中华人民共和国监察法-纪检") == ["中华人民共和国监察法", "纪检"]
    assert segments("COVID-19 cases rise - Daily Example") == [
        "COVID-19 cases rise",
        "Daily Example",
    ]
