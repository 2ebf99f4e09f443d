"""Clean paragraphs the corruption generator starts from.

Sources, all checked text: paragraphs written here (mixed scripts, numbers, URLs, code-like text,
quotations), the hand-labelled bodies of the Chinese fixture pages (tests/fixtures/zh), their
traditional versions (OpenCC s2t), and the English benchmark's ground truth. ``large=True`` adds
every sentence of the Chinese and English paragraphs as a paragraph of its own and Taiwan-usage versions (OpenCC
s2twp, other characters and vocabulary) where they differ: the bench's >= 10,000 set.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parents[2]
ZH_LABELS = ROOT / "tests" / "fixtures" / "zh" / "labels.json"
EN_TRUTH = Path("/work/shared/eval/article-extraction-benchmark/ground-truth.json")

WRITTEN = [
    "2024年3月5日，国务院总理在政府工作报告中提出，今年国内生产总值增长预期目标为5%左右。",
    "記者從市交通局獲悉，地鐵3號線將於10月1日起延長運營時間至23:30。",
    "“发展新质生产力，必须打好关键核心技术攻坚战。”他说。",
    "他問：“這件事你怎麼看？”我回答說：“再等等吧。”",
    "據新華社報道（記者王小明）：香港特區政府今日公布《施政報告》。",
    "详情请访问 https://www.example.com/news/2024/0305.html?id=123&from=rss 或拨打热线 12345。",
    "The WHO said on Tuesday that 1,234 cases had been reported (up 12% on last week).",
    "Use `pip install newscrawl==0.1.0` and run: newscrawl repair page.html --jsonl < in.jsonl",
    "def parse(self, response): return {'title': response.css('h1::text').get()}",
    "苹果公司（Apple Inc.）发布了新款iPhone 15 Pro，起售价为7999元人民币。",
    "據統計，2023年全市GDP達到1.2萬億元，同比增長6.5%，其中第三產業佔比58.3%。",
    "会议指出：一要稳增长；二要促改革；三要调结构；四要惠民生。",
    "《人民日报》评论员文章：坚定不移推动高质量发展——论学习贯彻全国两会精神",
    "本报讯（通讯员 李明 记者 张华）昨日，市人民医院举行义诊活动，为300余名市民提供服务。",
    "She replied, “I don’t know — maybe next year?” and left the room.",
    "C'est déjà l'été à Zürich: « Ça va très bien », dit-elle à l'hôtel.",
    "Größere Änderungen: Die Straße bleibt bis Ende März gesperrt.",
    "气温：最高25℃，最低12℃；风力：东南风3～4级；空气质量指数（AQI）为45，等级为优。",
    "联系人：王先生，电话：0351-1234567，邮箱：wang@example.cn。",
    "價格由每公斤¥12.5上調至¥15.8，漲幅約26.4%。",
    "他说：“我们要把‘以人民为中心’落到实处！”",
    "第一条　为了规范网络信息内容生态治理，制定本规定。",
    "var x = a[i] + b[j]; if (x > 0 && y < 10) { console.log('ok'); }",
    "新冠肺炎（COVID-19）疫情发生以来，全国累计报告确诊病例9万余例。",
    "台北市長今（5）日表示，將於明年推動「公共住宅」計畫，預計興建2萬戶。",
    "如何因地制宜发展新质生产力?代表委员们建议",
    "Q&A: What does the 2024 budget mean for you? Prices rise 3.4% y/y.",
    "中国足球超级联赛第5轮：北京国安2:1战胜上海申花。",
    "北京时间3月8日凌晨，NBA常规赛继续进行，湖人队以115比108击败勇士队。",
    "东京（Tokyo）、首尔（Seoul）和新加坡（Singapore）位列榜单前三。",
]


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str  # "hans" | "hant" | "en" | "mixed"


def tidy(text: str) -> str:
    """The clean form of a paragraph: NFC, no indentation, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\u200b\u200c\u200e\u200f\u2060\ufeff\u00ad]", "", text)
    return re.sub(r"[ \t\u00a0]{2,}", " ", text.strip(" \t\u00a0\u3000"))


def _sentences(text: str) -> list[str]:
    return [s for s in re.findall(r"[^。！？]+[。！？]?[”’」』]?", text) if len(s) >= 8]


@cache
def clean_paragraphs(large: bool = False) -> tuple[Paragraph, ...]:
    s2t = opencc.OpenCC("s2t")
    out: list[Paragraph] = []
    for text in WRITTEN:
        has_han = re.search(r"[\u4e00-\u9fff]", text)
        out.append(Paragraph(tidy(text), "mixed" if has_han else "en"))
    zh: list[str] = []
    for page in json.loads(ZH_LABELS.read_text(encoding="utf-8")):
        for para in page["body"].split("\n"):
            para = tidy(para)
            if len(para) >= 8:
                zh.append(para)
                if large:
                    zh.extend(tidy(s) for s in _sentences(para) if tidy(s) != para)
    s2twp = opencc.OpenCC("s2twp")
    for para in dict.fromkeys(zh):
        out.append(Paragraph(para, "hans"))
        trad = s2t.convert(para)
        if trad != para:
            out.append(Paragraph(trad, "hant"))
        taiwan = s2twp.convert(para) if large else trad
        if taiwan not in (trad, para):
            out.append(Paragraph(taiwan, "hant"))
    if EN_TRUTH.exists():
        truth = json.loads(EN_TRUTH.read_text(encoding="utf-8"))
        en = [tidy(p) for v in truth.values() for p in v["articleBody"].split("\n")]
        if large:
            en += [tidy(s) for p in en for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", p) if s != p]
        en = [p for p in dict.fromkeys(en) if len(p) >= 20]
        out.extend(Paragraph(p, "en") for p in (en if large else en[:: max(1, len(en) // 150)]))
    return tuple(out)
