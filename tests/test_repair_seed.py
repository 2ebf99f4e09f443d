"""The seed page's faults: four misaligned runs and pinyin debris, with its legitimate text kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.clean.repair import repair_text

SEED = Path("/work/shared/seeds/000_331aa6c9fb9621d9.txt")

RUNS = [
    ("科技創(chuàng)新?!焙罹盀I代表建議", "科技創新。”侯景濱代表建議"),
    ("典型案例?!敝艹\ue0df形瘑T表示,人工", "典型案例。”周超男委員表示,人工"),
    ("理論支持?!比f師強委員認為,培育", "理論支持。”萬師強委員認為,培育"),
    ("轉化落地?!比f師強委員表示,河北", "轉化落地。”萬師強委員表示,河北"),
]


@pytest.mark.parametrize(("broken", "fixed"), RUNS)
def test_misaligned_runs_come_back_exactly(broken: str, fixed: str) -> None:
    assert repair_text(broken)[0] == fixed


@pytest.mark.skipif(not SEED.exists(), reason="seed page not available")
def test_seed_page() -> None:
    text, repairs = repair_text(SEED.read_text(encoding="utf-8"))
    kinds = {r["kind"]: r["count"] for r in repairs}
    assert kinds["misalignment"] == 4
    for _, fixed in RUNS:
        assert fixed.replace("(chuàng)", "") in text
    for debris in (
        "(chuàng)",
        "(fā)",
        "(xiàn)",
        "(yè)",
        "(zhàn)",
        "(yōu)",
        "(qū)",
        "(yī)",
        "(xié)",
    ):
        assert debris not in text
    assert "(shù)" not in text and "(jù)" not in text
    assert "(記者貢憲云)" in text and "(責編:李文治)" in text
    assert "生產力?代表委員們建議" in text  # a real half-width question mark stays
    assert "?!" not in text


@pytest.mark.parametrize(
    "text",
    [
        "(記者貢憲云)",
        "大會(2024)在北京舉行",
        "世界衛生組織(WHO)表示",
        "本文(责编:李文治)",
        "他說(ma)你好",
        "如何因地制宜发展新质生产力?代表委员们建议",
        # pinyin teaching: the whole phrase is annotated on purpose
        "中(zhōng)国(guó)人(rén)民(mín)很(hěn)好(hǎo)",
    ],
)
def test_legitimate_text_is_kept(text: str) -> None:
    assert repair_text(text) == (text, [])


def test_pinyin_debris_in_full_width_parentheses() -> None:
    assert repair_text("推動創（chuàng）新發展")[0] == "推動創新發展"
