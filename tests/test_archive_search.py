"""Chinese full-text search: any length, both scripts, English prefixes, operators, filters."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl.archive import Archive, ArchiveError

DOCS = [
    # url, site, section, title, body, published_at, author, source
    (
        "http://a/tibet",
        "tibet",
        "本地",
        "拉萨举行雪顿节",
        "西藏自治区拉萨市今天举行雪顿节开幕式，游客众多。Lhasa welcomed Tourists.",
        "2024-08-01T10:00:00+08:00",
        ["次仁"],
        "西藏日报",
    ),
    (
        "http://a/split",
        "tibet",
        "国内",
        "东西两岸",
        "河东河西各有其事，藏品展览在博物馆开放。",
        "2024-07-01T10:00:00+08:00",
        ["王五"],
        "新华社",
    ),
    (
        "http://b/hebei",
        "hebei",
        "要闻",
        "河北發展新質生產力",
        "河北省代表委員建議因地制宜發展新質生產力，以科技創新開辟發展新領域。",
        "2024-03-07T14:52:00+08:00",
        ["侯景濱"],
        "河北日報",
    ),
    (
        "http://b/economy",
        "hebei",
        "财经",
        "Economic growth in Hebei",
        "The ECONOMY of Hebei province grew; economists expect more. 经济发展稳中向好。",
        "2024-01-15T09:00:00+08:00",
        [],
        "Reuters",
    ),
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    path = tmp_path_factory.mktemp("search") / "a.db"
    with Archive(path) as opened:
        for url, site, section, title, body, published, author, source in DOCS:
            cid = opened.add_capture(url, 200, {}, body.encode(), "2024-09-01T00:00:00+00:00")
            opened.save_article(
                {
                    "url": url,
                    "site": site,
                    "section": section,
                    "title": title,
                    "body": body,
                    "published_at": published,
                    "author": author,
                    "source": source,
                    "fetched_at": "2024-09-01T00:00:00+00:00",
                },
                cid,
            )
        yield opened


def urls(archive: Archive, query: str, **filters: object) -> set[str]:
    return {result["url"] for result in archive.search(query, **filters)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("西藏", {"http://a/tibet"}),  # 2 chars; 西…藏 in http://a/split must not match
        ("拉萨", {"http://a/tibet"}),
        ("藏", {"http://a/tibet", "http://a/split"}),  # a single character
        ("河北", {"http://b/hebei"}),
        ("hebei", {"http://b/economy"}),
        ("雪顿节开幕式", {"http://a/tibet"}),
        ("发展", {"http://b/hebei", "http://b/economy"}),  # simplified finds traditional
        ("發展", {"http://b/hebei", "http://b/economy"}),  # and the reverse
        ("新质生产力", {"http://b/hebei"}),
        ("economy", {"http://b/economy"}),
        ("ECON", {"http://b/economy"}),  # case-insensitive prefix
        ("lhasa", {"http://a/tibet"}),
        ("tourist", {"http://a/tibet"}),
        ("拉萨 游客", {"http://a/tibet"}),  # implicit AND
        ("拉萨 AND 新华社", set()),
        ("拉萨 OR 河北", {"http://a/tibet", "http://b/hebei"}),
        ("发展 NOT economy", {"http://b/hebei"}),
        ("发展 -经济", {"http://b/hebei"}),
        ("-河北", {"http://a/tibet", "http://a/split", "http://b/economy"}),
        ('"藏品展览"', {"http://a/split"}),
        ('"展览藏品"', set()),
        ("“因地制宜”", {"http://b/hebei"}),
        ("北京", set()),
    ],
)
def test_matches(archive: Archive, query: str, expected: set[str]) -> None:
    assert urls(archive, query, all_copies=True) == expected


def test_quoted_word_is_not_a_prefix(archive: Archive) -> None:
    assert urls(archive, '"econ"') == set()
    assert urls(archive, '"economy"') == {"http://b/economy"}


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "*",
        "-",
        ";",
        "NEAR",
        "NEAR(西藏 拉萨)",
        "a' OR 1=1; --",
        '"unbalanced 西藏',
        "AND OR NOT",
        "(((",
        "^西藏",
        "西藏:拉萨",
        "title:西藏",
        "{body}: x",
        "\\",
        "\x00",
    ],
)
def test_hostile_queries_never_raise(archive: Archive, query: str) -> None:
    results = archive.search(query)
    assert isinstance(results, list)
    assert archive.connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == len(DOCS)


def test_operator_characters_are_text(archive: Archive) -> None:
    assert urls(archive, "NEAR(西藏 拉萨)") == urls(archive, "near 西藏 拉萨")
    assert urls(archive, "title:拉萨") == set()  # no column filter: 'title' is a word here
    assert urls(archive, "拉萨*") == {"http://a/tibet"}


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40))
def test_any_text_is_a_valid_query(archive: Archive, query: str) -> None:
    assert isinstance(archive.search(query), list)


def test_filters(archive: Archive) -> None:
    everything = "河北 OR 西藏 OR 东西 OR hebei"
    assert urls(archive, everything, site="tibet") == {"http://a/tibet", "http://a/split"}
    assert urls(archive, everything, section="财经") == {"http://b/economy"}
    assert urls(archive, everything, since="2024-07-01") == {"http://a/tibet", "http://a/split"}
    assert urls(archive, everything, until="2024-03-07") == {"http://b/hebei", "http://b/economy"}
    assert urls(archive, everything, since="2024-03-07", until="2024-07-01") == {
        "http://b/hebei",
        "http://a/split",
    }
    assert urls(archive, everything, author="侯景滨") == {"http://b/hebei"}  # either script
    assert urls(archive, everything, source="Reuters") == {"http://b/economy"}
    assert urls(archive, everything, source="河北日报") == {"http://b/hebei"}
    assert len(archive.search(everything, limit=1)) == 1
    with pytest.raises(ArchiveError, match="bad date"):
        archive.search("河北", since="yesterday")


def test_ranking_prefers_title_and_frequency(archive: Archive) -> None:
    results = archive.search("发展")
    assert [r["url"] for r in results] == ["http://b/hebei", "http://b/economy"]
    assert results[0]["score"] <= results[1]["score"]


def test_snippet_is_real_text_with_highlight(archive: Archive) -> None:
    [result] = archive.search("新质生产力")
    assert "«新質生產力»" in result["snippet"]  # cut from the stored (traditional) text
    assert " 新 " not in result["snippet"]  # no tokeniser spaces leak into it
    [english] = archive.search("econ")
    assert "«ECONOMY»" in english["snippet"] and "«economists»" in english["snippet"]
    assert set(english) >= {"id", "url", "title", "site", "published_at", "snippet"}


def test_broad_queries_list_newest_first(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    from newscrawl.archive import search as search_module

    ranked = archive.search("藏")
    assert all(r["score"] is not None for r in ranked)
    monkeypatch.setattr(search_module, "BROAD_QUERY", 1)  # "藏" is in 2 articles: too broad
    broad = archive.search("藏")
    assert [r["id"] for r in broad] == sorted((r["id"] for r in ranked), reverse=True)
    assert all(r["score"] is None for r in broad)
    assert [r["url"] for r in archive.search("雪顿节")] == ["http://a/tibet"]  # 1 match: ranked
    assert archive.search("雪顿节")[0]["score"] is not None
    assert {r["url"] for r in archive.search("藏", site="tibet")} == {
        "http://a/tibet",
        "http://a/split",
    }
