"""Bylines, editor lines, source lines, 原标题 lines, footers and share bars."""

from __future__ import annotations

import pytest

from newscrawl.clean import boilerplate, metadata


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("提升產業鏈現代化水平。(記者貢憲云)", ["貢憲云"]),
        ("新华社北京3月5日电（记者张三、李四）今年", ["张三", "李四"]),
        ("本报记者 张三 通讯员 李四 报道", ["张三", "李四"]),
        ("作者：王五　来源：人民网", ["王五"]),
        ("文/赵六", ["赵六"]),
        ("记者 阿不都·热合曼", ["阿不都·热合曼"]),
        ("By John Smith", ["John Smith"]),
        ("记者从市教育局获悉，今年招生计划增加", []),
        ("记者了解到，涉事项目的名称为长沙", []),
        ("本网讯（记者 次仁卓嘎）3月6日，记者从自治区获悉", ["次仁卓嘎"]),
        ("作者：巴特尔　来源：内蒙古日报", ["巴特尔"]),
        ("记者格桑了解到", []),
        ("作者：新华社", []),
        ("发布时间：2024-03-07 09:30来源：河北时报作者：王立新", ["王立新"]),
        ("By Jane Doe and Wang Lei", ["Jane Doe", "Wang Lei"]),
        ("By Jane Doe, Staff Writer", ["Jane Doe"]),
        ("By Courier staff | March 5, 2024", []),
        ("By Courier Staff", []),
        ("The plan was approved by Mayor Matt Mahan", []),
        ("(文/图 刘玺东 易赛楠)", ["刘玺东", "易赛楠"]),
        ("《棱镜》作者 周纯", ["周纯"]),
        ("采写：南都见习记者 林子沛", ["林子沛"]),
    ],
)
def test_read_authors(line: str, authors: list[str]) -> None:
    assert metadata.read_authors(line) == authors


@pytest.mark.parametrize(
    ("line", "editor"),
    [
        ("(責編:李文治)", "李文治"),
        ("责任编辑：杨倩_NF4425", "杨倩"),
        ("【责任编辑：汤诗瑶、丁涛】", "汤诗瑶、丁涛"),
        ("编辑：王小明", "王小明"),
        ("编辑部地址：北京市", None),
        ("责编|陈梦莹", "陈梦莹"),
        ("编辑/苏芳", "苏芳"),
        ("作者：未知 责任编辑：棒棒不是糖", "棒棒不是糖"),
        ("编辑说明书上的内容", None),
        ("本文来源：每日经济新闻 责任编辑：荀建国_NN7379", "荀建国"),
        ("编辑|禤志杰 责编|陈梦莹 校对|黄慧敏", "陈梦莹"),
    ],
)
def test_read_editor(line: str, editor: str | None) -> None:
    assert metadata.read_editor(line) == editor


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("發布時間:2024-03-07 14:52:00來源: 河北日報", "河北日報"),
        ("2019-09-07 13:43:45 来源: 证券市场红周刊 举报", "证券市场红周刊"),
        ("来源：人民网-人民日报 作者：李四", "人民网-人民日报"),
        ("没有来处的一句话", None),
        ("March 18, 2024 16:30 GMT+8 Source: Xiling Daily", "Xiling Daily"),
    ],
)
def test_read_source(line: str, source: str | None) -> None:
    assert metadata.read_source(line) == source


def test_original_title_line() -> None:
    assert metadata.read_original_title("原標題:以科技創新開辟發展新領域新賽道") == (
        "以科技創新開辟發展新領域新賽道"
    )
    assert (
        metadata.read_original_title("（原标题：龙湖集团“暗伤”曝露？）") == "龙湖集团“暗伤”曝露？"
    )
    assert metadata.read_original_title("标题党的原标题是什么") is None


@pytest.mark.parametrize(
    ("line", "info"),
    [
        ("(責編:李文治)", True),
        ("发布时间：2024-03-07 14:52 来源：河北日报 作者：张三", True),
        ("責任編輯：王五 | 字號：大 中 小 | 打印", True),
        ("3月5日，习近平在参加江苏代表团审议时强调，要牢牢把握高质量发展这个首要任务。", False),
        ("记者从市文化广电旅游局获悉，春节假期全市共接待游客86.3万人次。", False),
        ("澎湃新闻记者 段彦超 廖艳", True),
        ("扬子晚报记者 张楠", True),
        ("石佳/中国青年报", True),
        ("本文来源：证券市场红周刊 责任编辑：杨倩_NF4425", True),
        ("新华社记者从国务院新闻办公室获悉，发布会将于明天举行。", False),
    ],
)
def test_is_info_line(line: str, info: bool) -> None:
    assert metadata.is_info_line(line) is info


def test_strip_paren_notes_keeps_the_paragraph() -> None:
    assert metadata.strip_paren_notes("水平。(記者貢憲云)") == "水平。"
    assert (
        metadata.strip_paren_notes("会议指出（见附件）要加快建设。")
        == "会议指出（见附件）要加快建设。"
    )


@pytest.mark.parametrize(
    "line",
    [
        "版權聲明:凡注明“來源:中國西藏網”的所有作品,版權歸高原(北京)文化傳播有限公司。",
        "免责声明：本文仅代表作者本人观点",
        "未经许可不得转载",
        "京ICP备11032853号-1",
        "Copyright © 2009-2024 www.tibet.cn All Rights Reserved.",
        "Copyright 2019 Example Media. All rights reserved.",
    ],
)
def test_footer_lines(line: str) -> None:
    assert boilerplate.is_footer(line)


@pytest.mark.parametrize(
    "line",
    ["分享到: 微信 微博 QQ空間", "【打印】 【关闭窗口】", "字号：大 中 小", "Share Tweet Email"],
)
def test_widget_lines(line: str) -> None:
    assert boilerplate.is_widget(line)


@pytest.mark.parametrize(
    "line",
    ["今年政府工作报告提出，大力推进现代化产业体系建设。", "Share prices fell sharply on Monday."],
)
def test_article_lines_are_not_furniture(line: str) -> None:
    assert not boilerplate.is_widget(line)
    assert not boilerplate.is_footer(line)
    assert not metadata.is_info_line(line)


def test_name_and_outlet_byline() -> None:
    assert metadata.read_name_outlet("石佳/中国青年报") == ("石佳", "中国青年报")
    assert metadata.read_name_outlet("图片/新华社") is None
    assert metadata.read_name_outlet("今天/明天的天气报") is None


def test_bracketed_names_closing_the_last_paragraph() -> None:
    assert metadata.closing_names("活动将在巴西、阿根廷举行。（张巨峰）") == ["张巨峰"]
    assert metadata.closing_names("全年增长百分之五。(李楠 王芳)") == ["李楠", "王芳"]
    assert metadata.closing_names("会议于今日举行。（完）") == []
    assert metadata.closing_names("会议于今日举行。（图片来自网络）") == []
    assert metadata.closing_names("他说（张三）不在场。") == []
