"""Generated (corrupted, clean) pairs: clean text untouched, reversible faults undone.

A few hundred paragraphs keep this fast; bench/encoding.py runs the full set (>= 10,000).
"""

from __future__ import annotations

from collections import Counter

import pytest
from corruption.generate import BYTE_FAULTS, TEXT_FAULTS, cases
from corruption.paragraphs import clean_paragraphs

from newscrawl.clean.decode import decode_html
from newscrawl.clean.repair import repair_html, repair_text

PARAS = clean_paragraphs(False)[::8]
# Exact-repair floors per fault (the targets; misalignment is measured in the bench).
FLOORS = {
    "utf8_as_gbk": 0.97,
    "utf8_as_cp1252": 0.99,
    "utf8_as_latin1": 0.99,
    "double_utf8": 0.99,
    "pinyin_debris": 1.0,
    "entities": 1.0,
    "invisible": 1.0,
    "indentation": 1.0,
}


def test_clean_paragraphs_are_not_changed() -> None:
    changed = [p.text for p in PARAS if repair_text(p.text)[0] != p.text]
    assert changed == []


def test_clean_paragraphs_in_html_are_not_changed() -> None:
    doc = "".join(f"<p>{p.text}</p>\n" for p in PARAS if "<" not in p.text and "&" not in p.text)
    assert repair_html(doc) == (doc, [])


@pytest.mark.parametrize("fault", sorted(FLOORS))
def test_text_faults_are_repaired(fault: str) -> None:
    results = Counter(
        repair_text(bad)[0] == clean for _, bad, clean in cases(PARAS, {fault: TEXT_FAULTS[fault]})
    )
    total = results[True] + results[False]
    assert total >= 20
    assert results[True] / total >= FLOORS[fault]


@pytest.mark.parametrize("fault", sorted(BYTE_FAULTS))
def test_charset_faults_decode_exactly(fault: str) -> None:
    wrong = []
    for _, (raw, content_type, expected), _clean in cases(PARAS, {fault: BYTE_FAULTS[fault]}):
        if decode_html(raw, content_type).text != expected:
            wrong.append(expected)
    assert wrong == []
