"""GBK<->Big5 confusions: stretch ends, digits inside stretches, whole lines, Western/Japanese
text left alone."""

from __future__ import annotations

import pytest

from newscrawl.clean.big5_gbk import fix_big5_gbk
from newscrawl.clean.repair import repair_html, repair_text


def big5_as_gbk(text: str) -> str:
    return text.encode("big5hkscs").decode("gb18030")


def gbk_as_big5(text: str) -> str:
    return text.encode("gb18030").decode("big5hkscs")


@pytest.mark.parametrize(
    ("broken", "clean"),
    [
        # a date: the misread characters are separated by digits
        (big5_as_gbk("今年3月5日") + "，記者從市交通局獲悉", "今年3月5日，記者從市交通局獲悉"),
        # the stretch ends before the comma (not 此外ㄛ)
        (
            big5_as_gbk("此外") + "，《紅周刊》記者還從該項目業主提供的一份舉報信中了解到",
            "此外，《紅周刊》記者還從該項目業主提供的一份舉報信中了解到",
        ),
        # two characters at the end of a paragraph
        ("不再是“外挂”" + big5_as_gbk("方式") + "。", "不再是“外挂”方式。"),
        (gbk_as_big5("联系电话") + "：0351-1234567", "联系电话：0351-1234567"),
        # a whole line, whose first character (陳 read as 朝) looks right on its own
        (big5_as_gbk("陳校長專程送給他一本書。"), "陳校長專程送給他一本書。"),
    ],
)
def test_misread_stretches_come_back(broken: str, clean: str) -> None:
    assert broken != clean
    assert repair_text(broken)[0] == clean


@pytest.mark.parametrize(
    "text",
    [
        "C'est déjà l'été à Zürich: « Ça va très bien », dit-elle à l'hôtel.",
        "No Brasil isso não é muito comum, você sabe.",
        "Наши герои знают толк не только во вкусе, но и в красоте еды.",
        "※「iPhone」は、Apple Inc.の商標です。",
        "ショートカットタブを開き、ショートカットの欄を",
        "記者通過電子郵件聯繫了富士康，截至發稿時，尚未收到回應。",
        "中山大学薛德升教授、北京大学贺灿飞教授出席开幕式。",
        "α粒子和β射线，30μm的薄膜。",
        # Japanese titles quoted in a Chinese keyword line
        "无双5pc 山下やよい 狈老板 天涯数据 炎の孕ませ同级生 半路出家 当真ゆき 翟鸿燊讲座下载",
        "対魔忍ユキカゼ プレミアムプレイ エルフ姫ニィーナ 魔が堕ちる夜 恋爱星求人",
    ],
)
def test_clean_text_is_left_alone(text: str) -> None:
    assert fix_big5_gbk(text) == (text, 0)


def test_icon_font_glyphs_are_left_alone() -> None:
    """A private-use glyph alone in its element is an icon, not a misread character."""
    html = '<span class="iconfont">\ue646</span><i class="icon-star">\ue602</i>'
    assert repair_html(html) == (html, [])


def test_a_confirmed_confusion_is_looked_for_throughout() -> None:
    """A line misread throughout confirms the confusion; then a short stretch elsewhere that
    would not be enough on its own is repaired too."""
    long = "記者從市交通局獲悉，地鐵3號線將於10月1日起延長運營時間至23:30。"
    short = "有一次高中放假，陳校長送他回家。"
    broken_short = short.replace("次", big5_as_gbk("次"))
    assert fix_big5_gbk(broken_short)[0] == broken_short  # one character: not enough alone
    text, count = fix_big5_gbk(big5_as_gbk(long) + "\n" + broken_short)
    assert text == long + "\n" + short
    assert count == 2
