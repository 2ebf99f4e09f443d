"""Remove pinyin debris: ``創(chuàng)新`` -> ``創新``.

Content-farm converters insert the reading of some characters as a tone-marked pinyin syllable
in parentheses (ASCII or full-width) directly after the character. The rule removes such a group
only when all of these hold:

- it directly follows a Han character;
- its content is exactly one valid pinyin syllable carrying a tone mark (``(WHO)``, ``(2024)``,
  ``(记者贡宪云)``, ``(ma)`` never match);
- the paragraph is not pinyin teaching: when six or more annotated characters follow each other,
  or annotations cover at least half of the paragraph's Han characters, the annotations are
  taken as deliberate and the paragraph is left as it is. (Converters annotate only some
  characters, but runs of three, as in ``數(shù)據(jù)創(chuàng)新``, are common.)
"""

from __future__ import annotations

import re
import unicodedata

INITIALS = ["", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x"]
INITIALS += ["zh", "ch", "sh", "r", "z", "c", "s", "y", "w"]
FINALS = (
    "a o e i u v ai ei ao ou an en ang eng ong er ia ie iao iu ian in iang ing iong "
    "ua uo uai ui uan un uang ue ve van vn ui io"
).split()
SYLLABLES = frozenset(i + f for i in INITIALS for f in FINALS) | {"ng", "hm", "hng", "m", "n"}
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
DEBRIS_RE = re.compile(rf"(?<={HAN})(?:\(([a-zü{TONED}]{{1,6}})\)|（([a-zü{TONED}]{{1,6}})）)")
TEACHING_RUN = 6
TEACHING_SHARE = 0.5


def is_toned_syllable(word: str) -> bool:
    if not any(ch in TONED for ch in word):
        return False
    base = unicodedata.normalize("NFD", word)
    base = "".join(ch for ch in base if not unicodedata.combining(ch)).replace("ü", "v")
    return base in SYLLABLES


def _is_teaching(text: str, matches: list[re.Match[str]]) -> bool:
    han = len(re.findall(HAN, text))
    if han and len(matches) / han >= TEACHING_SHARE:
        return True
    run = 1
    for prev, cur in zip(matches, matches[1:], strict=False):
        # adjacent annotations: only one Han character between them
        run = run + 1 if cur.start() - prev.end() == 1 else 1
        if run >= TEACHING_RUN:
            return True
    return False


def remove_pinyin_debris(text: str) -> tuple[str, int]:
    out = []
    count = 0
    for para in text.split("\n"):
        matches = [
            m for m in DEBRIS_RE.finditer(para) if is_toned_syllable(m.group(1) or m.group(2))
        ]
        if matches and not _is_teaching(para, matches):
            starts = [0] + [m.end() for m in matches]
            ends = [m.start() for m in matches] + [len(para)]
            para = "".join(para[a:b] for a, b in zip(starts, ends, strict=True))
            count += len(matches)
        out.append(para)
    return "\n".join(out), count
