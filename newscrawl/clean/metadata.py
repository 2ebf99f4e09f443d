"""Bylines, editor lines, source lines and ``原标题`` lines of Chinese (and English) news pages.

Each reader takes one line of text and returns what it states, or nothing. ``is_info_line``
says whether a line is *only* such statements (plus dates and page widgets), so the body
cleaner can drop it once its fields have been read.
"""

from __future__ import annotations

import re

import opencc

HAN = r"\u3400-\u9fff\uf900-\ufaff"
# A Chinese personal name (2-4 characters, or a transliterated name with a middle dot),
# or a Latin-script name of capitalised words.
_NAME = rf"(?!责编|責編|校对|校對|审核|審核|编辑|編輯|来源|來源)(?:[{HAN}]{{1,6}}(?:[·•・][{HAN}]{{1,8}})+|[{HAN}]{{2,4}}|[A-Z][a-z]+(?:\s+[A-Z][a-z.]+){{0,3}})"
_NAME_RE = re.compile(rf"^{_NAME}$")
_NAMES_SEP = r"(?:\s*[、,，/／和及与與&]\s*|\s+and\s+|\s+)"
# A name list ends where the byline ends: punctuation, a space, another label or 报道/摄.
_END = (
    r"(?=$|[\s)）】\]、,，。;；|｜丨:：_]|报道|報道|摄|攝|来源|來源|编辑|編輯|责任编辑|責任編輯|"
    r"责编|責編|校对|校對|审核|審核|时间|時間|发布|發布|發佈|通讯员|通訊員)"
)
_NAME_LIST = rf"{_NAME}(?:{_NAMES_SEP}{_NAME}){{0,5}}{_END}"

_COLON = r"\s*[：:]\s*"
_SOURCE = re.compile(
    rf"(?:稿件)?(?:来源|來源|稿源|出处|出處)(?:{_COLON}|\s+)"
    r"(?P<v>[^\s|｜丨:：,，。;；)）\]】]{2,30})"
)
# English "Source: Xiling Daily": capitalised words (a name of several words).
_SOURCE_EN = re.compile(
    r"\bSource\s*:\s*(?P<v>[A-Z][\w&.'-]*(?:\s+(?:of\s+)?[A-Z&][\w&.'-]*){0,5})"
)
_EDITOR = re.compile(
    rf"(?P<label>责任编辑|責任編輯|责编|責編|值班编辑|值班編輯|本文编辑|本文編輯|编审|編審|编辑|編輯|Editor)"
    rf"(?:{_COLON}|\s*[|｜/／]\s*|\s+)(?:(?P<v>{_NAME_LIST})|(?P<nick>[{HAN}]{{5,6}})(?=$|\s))"
)
# A labelled byline: after a separator (``作者：``, ``文/``, ``By``), or glued to the text before
# it when a colon makes the label unmistakable (``来源：河北时报作者：王立新`` from adjacent spans).
# "By" opens a line or a segment: after a word it is prose ("approved by Mayor ...",
# "Produced By <vendor>").
_AUTHOR_LABELED = re.compile(
    rf"(?:(?:^|[\s|｜丨(（【\[》」])(?:作者|撰文|撰稿|采写|採寫|文字|文/图|文/圖|图/文|圖/文|文|Author)"
    rf"\s*(?:[：:/｜|]\s*|\s+)"
    rf"|(?:^|[|｜丨(（【\[])\s*(?:By|BY|by)\s+|(?:作者|撰文|撰稿)\s*[：:]\s*)(?P<v>{_NAME_LIST})"
    r"(?=$|[\s|｜丨)）】\]])"
)
_REPORTER = re.compile(
    rf"(?:本报|本報|本台|本刊|新华社|新華社|中新网|中新網|央视网|央視網)?"
    rf"(?:特约记者|特約記者|见习记者|見習記者|首席记者|首席記者|记者|記者|通讯员|通訊員|实习生|實習生)"
    rf"(?P<sep>\s*[：:]?\s*)(?P<v>{_NAME_LIST})"
)
# After an explicit label a name may lack a Han surname (Tibetan, Uyghur, Mongolian names),
# provided the byline ends right after it; these endings show that it does.
_BYLINE_END = re.compile(r"(?:$|\s|[)）】\]|｜丨/_]|报道|報道|摄|攝)")
# Not a person: organisations and desks that follow a label (作者：新华社, 记者 本报评论员).
_ORG_NAME = re.compile(
    r"(?:社|网|網|报|報|台|站|刊|部|局|厅|廳|院|办|辦|中心|公司|集团|集團|评论员|評論員|编辑部|編輯部|"
    r"网络|網絡|传媒|傳媒|科技|工作室|记者|記者|作者|通讯员|通訊員)$"
    r"|^(?:本报|本報|本台|本刊|本网|本網)"
)
# A staff credit (By Courier staff, By Jane Doe, Staff Writer) names no person.
_STAFF_WORD = re.compile(
    r"^(?:staff|writers?|reporters?|correspondents?|contributors?|editors?|editorial|desk|team|"
    r"wire|reports?|bureau|newsroom|news|press)$",
    re.I,
)
_ORIGINAL_TITLE = re.compile(
    r"^\s*[【\[(（]?\s*原(?:标题|標題|题|題)\s*[：:]\s*(?P<v>.+?)\s*[】\])）]?\s*$"
)
# A byline or editor note in parentheses, at the end (or start) of a paragraph.
_PAREN_NOTE = re.compile(
    r"[（(【\[]\s*(?:[^()（）【】\[\]]{0,20}?)"
    r"(?:记者|記者|通讯员|通訊員|实习生|實習生|作者|责编|責編|责任编辑|責任編輯|编辑|編輯|"
    r"文/|摄影|攝影|来源|來源)[^()（）【】\[\]]{0,60}[)）】\]]"
)
_NON_NAMES = {
    "报道",
    "報道",
    "摄影",
    "攝影",
    "摄",
    "攝",
    "综合",
    "綜合",
    "整理",
    "编译",
    "編譯",
    "发自",
    "發自",
    "日电",
    "日電",
    "获悉",
    "獲悉",
    "了解",
    "采访",
    "採訪",
    "表示",
    "来源",
    "來源",
    "通讯员",
    "通訊員",
    "实习生",
    "實習生",
    "记者",
    "記者",
    "责编",
    "責編",
    "校对",
    "校對",
    "审核",
    "審核",
    "未知",
    "佚名",
    "匿名",
    "不详",
    "不詳",
    "本站",
    "网友",
    "網友",
    "小编",
    "小編",
    "原创",
    "原創",
}
_TRAILING_WORDS = re.compile(r"(?:报道|報道|摄影|攝影|摄|攝|综合|綜合|整理|编译|編譯)$")
# A CMS staff code after an editor's name: 杨倩_NF4425.
_STAFF_CODE = re.compile(r"[_\s-]?[A-Za-z]{1,6}\d{2,}")
_WIDGETS = re.compile(
    r"(?:字号|字號|字体|字體|大\s*中\s*小|打印|列印|关闭|關閉|收藏|分享到?|转发|轉發|评论|評論|"
    r"浏览|瀏覽|阅读|閱讀|点击|點擊|次数|次數|人次|扫一扫|掃一掃|手机看|手機看|微信|微博|QQ|空间|"
    r"纠错|糾錯|举报|舉報|发布|發布|發佈|时间|時間|日期|更新|[【】\[\]|｜丨:：>»/\-—_]|\s|\d)"
)


# Common Chinese surnames (simplified and traditional): a Han "name" that does not start with
# one is a verb phrase (记者了解到) rather than a byline.
_SURNAMES = set(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧"
    "曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈"
    "夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔"
    "向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦"
    "俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑"
    "华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑"
    "景党黨宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇"
    "桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺官封谈談匡鞠惠荆荊乐樂冀郁胥南班储儲原栗燕楚鄢劳勞"
    "谌諶奚皮粟冼蔺藺楼樓盘盤满滿闻聞位厉厲伊仝区區郜海阚闞花权權强強帅帥屠豆朴盖蓋练練廉禹井祖"
    "漆巴丰支卿国國狄平计計索宣晋晉相初门門云雲容敬来來扈晁芮都普阙闕浦戈伏鹿薄邸雍辜羊阿乌烏母"
    "裘亓修邰赫杭况況那宿鲜鮮印逯隆茹诸諸战戰慕危玉银銀亢嵇公哈湛宾賓戎勾茅利於呼居揭干但尉冶斯"
    "元束檀衣信展阴陰昝智幸奉植衡富尧堯闭閉由贡貢"
)
_SURNAMES |= set(opencc.OpenCC("s2t").convert("".join(sorted(_SURNAMES))))
_COMPOUND_SURNAMES = (
    "欧阳",
    "歐陽",
    "司马",
    "司馬",
    "上官",
    "诸葛",
    "諸葛",
    "东方",
    "東方",
    "皇甫",
    "令狐",
    "慕容",
    "端木",
    "尉迟",
    "公孙",
    "长孙",
    "夏侯",
)


def _is_han_name(name: str, surname: bool = True) -> bool:
    if "·" in name or "•" in name or "・" in name or not re.match(rf"[{HAN}]", name):
        return True
    if _ORG_NAME.search(name):
        return False
    return not surname or name[0] in _SURNAMES or name.startswith(_COMPOUND_SURNAMES)


def _is_latin_name(name: str) -> bool:
    return not re.match(r"[A-Za-z]", name) or not any(
        _STAFF_WORD.match(word) for word in name.split()
    )


def _names(text: str, surname: bool = True) -> list[str]:
    """The names in a byline's name list; ``surname=False`` accepts Han names without a
    common surname (only after an explicit label)."""
    names: list[str] = []
    for match in re.finditer(_NAME, text):
        part = _TRAILING_WORDS.sub("", match.group(0).strip())
        if (
            part
            and part not in _NON_NAMES
            and _NAME_RE.match(part)
            and _is_han_name(part, surname)
            and _is_latin_name(part)
            and part not in names
        ):
            names.append(part)
    return names


def read_source(line: str) -> str | None:
    """``来源：河北日报`` -> ``河北日报``."""
    match = _SOURCE.search(line)
    if not match:
        english = _SOURCE_EN.search(line)
        return english.group("v") if english else None
    value = match.group("v").strip(" -—_·")
    value = re.split(
        r"(?:作者|记者|記者|编辑|編輯|责任编辑|責任編輯|发布|發布|時間|时间)", value, maxsplit=1
    )[0]
    return value or None


def read_editor(line: str) -> str | None:
    """``责任编辑：李文治`` / ``(責編:李文治)`` / ``责编|陈梦莹`` -> ``李文治`` (several names
    joined by ``、``); a longer pen name after the label (``责任编辑：棒棒不是糖``) as is. The
    responsible editor (责任编辑/责编) wins over a plain 编辑 credit on the same line."""
    found = read_editor_credit(line)
    return found[0] if found else None


def read_editor_credit(line: str) -> tuple[str, bool] | None:
    """The editor a line names and whether the credit is a plain 编辑 (not 责任编辑/责编)."""
    found: list[tuple[bool, str]] = []
    for match in _EDITOR.finditer(line):
        plain = match.group("label") in ("编辑", "編輯", "Editor")
        if match.group("nick"):
            found.append((plain, match.group("nick")))
            continue
        ends = bool(_BYLINE_END.match(line[match.end() :]))
        names = _names(match.group("v"), surname=not ends)
        if names:
            found.append((plain, "、".join(names)))
    if not found:
        return None
    plain, name = min(found, key=lambda item: item[0])
    return name, plain


def read_authors(line: str) -> list[str]:
    """Authors a byline states: ``(记者 张三 李四)``, ``作者：张三``, ``文/张三``, ``通讯员 李四``."""
    authors: list[str] = []
    for pattern in (_REPORTER, _AUTHOR_LABELED):
        for match in pattern.finditer(line):
            after = line[match.end() :]
            if re.match(r"\s+(\w+)", after) and _STAFF_WORD.match(after.split()[0]):
                continue
            explicit = pattern is _AUTHOR_LABELED or bool(match.group("sep"))
            surname = not (explicit and _BYLINE_END.match(after))
            for name in _names(match.group("v"), surname):
                if name not in authors:
                    authors.append(name)
    return authors


def read_original_title(line: str) -> str | None:
    """``原标题：以科技创新开辟发展新领域新赛道`` -> the title."""
    match = _ORIGINAL_TITLE.match(line)
    return match.group("v").strip() if match else None


def paren_notes(line: str) -> list[str]:
    """Bracketed bylines/editor notes in a paragraph, such as ``(記者貢憲云)``."""
    return [m.group(0) for m in _PAREN_NOTE.finditer(line)]


def strip_paren_notes(line: str) -> str:
    """The paragraph without a bracketed byline/editor note at its start or end."""
    line = line.strip()
    for _ in range(2):
        match = re.search(_PAREN_NOTE.pattern + r"\s*$", line)
        if match and (read_authors(match.group(0)) or read_editor(match.group(0))):
            line = line[: match.start()].rstrip()
    match = re.match(r"^(.{0,30}?)" + _PAREN_NOTE.pattern, line)
    if match and (read_authors(match.group(0)) or read_editor(match.group(0))):
        line = (match.group(1) + " " + line[match.end() :]).strip()
    return line


_OUTLET = re.compile(rf"^\s*(?:采写|採寫)?\s*[：:]?\s*[《【]?[{HAN}]{{2,6}}[》】]?\s*$")
# A name-and-outlet byline on its own line: 石佳/中国青年报.
_NAME_OUTLET = re.compile(
    rf"^\s*(?P<name>[{HAN}]{{2,4}})\s*[/／]\s*(?P<outlet>[{HAN}]{{2,12}}(?:报|報|社|网|網|台|刊|杂志|雜誌))\s*$"
)
# A bare name in brackets closing the last paragraph: ……举行。（张巨峰）
_CLOSING_NAME = re.compile(
    rf"[。！？!?”」][(（](?P<names>[{HAN}]{{2,4}}(?:[ 、][{HAN}]{{2,4}}){{0,2}})[)）]\s*$"
)


def read_name_outlet(line: str) -> tuple[str, str] | None:
    """``石佳/中国青年报`` -> (author, source)."""
    match = _NAME_OUTLET.match(line)
    if not match or not _is_han_name(match.group("name")):
        return None
    return match.group("name"), match.group("outlet")


def closing_names(line: str) -> list[str]:
    """Names in brackets at the very end of a paragraph (``…举行。（张巨峰）``); each must
    start with a common surname, since nothing else says they are people."""
    match = _CLOSING_NAME.search(line)
    if not match:
        return []
    return [n for n in re.split(r"[ 、]", match.group("names")) if n and _is_han_name(n)]


def is_info_line(line: str) -> bool:
    """True when the line is only bylines, editor/source/date statements and page widgets."""
    if len(line) > 160:
        return False
    if read_name_outlet(line):
        return True
    rest = line
    had_field = False
    for pattern in (_SOURCE, _SOURCE_EN, _EDITOR, _REPORTER, _AUTHOR_LABELED):
        rest, count = pattern.subn(" ", rest)
        had_field = had_field or count > 0
    rest, count = re.subn(
        r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?", " ", rest
    )
    had_field = had_field or count > 0
    rest = re.sub(r"\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?", " ", rest)
    rest = re.sub(
        r"(?:本文|本稿|稿件)?(?:来源|來源|作者|编辑|編輯|责任编辑|責任編輯|责编|責編|记者|記者)",
        " ",
        rest,
    )
    rest = _STAFF_CODE.sub(" ", rest)
    if had_field and len(line) <= 40:
        # The outlet before a short byline: 澎湃新闻记者 段彦超, 《棱镜》作者 周纯.
        rest = _OUTLET.sub(" ", rest)
    rest = _WIDGETS.sub("", rest)
    rest = re.sub(r"[()（）,，.。;；、\"'“”]", "", rest)
    return had_field and len(rest) <= 3
