"""Near-duplicates across sites: one cluster, pointing at the earliest published copy."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from newscrawl.archive import Archive
from newscrawl.archive.dedupe import signature

rng = random.Random(7)
CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"


def story(n: int = 900) -> str:
    return "".join(rng.choice(CHARS) for _ in range(n))


def save(archive: Archive, url: str, body: str, published: str | None, site: str = "s") -> int:
    cid = archive.add_capture(url, 200, {}, body.encode(), "2024-03-09T00:00:00+00:00")
    archive.save_article(
        {
            "url": url,
            "site": site,
            "title": "代表委员建议",
            "body": body,
            "published_at": published,
        },
        cid,
    )
    return archive.get_article(url)["id"]


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    with Archive(tmp_path / "a.db") as opened:
        yield opened


def dup(archive: Archive, article_id: int) -> int | None:
    return archive.get_article(article_id)["duplicate_of"]


def test_republished_story_points_at_earliest(archive: Archive) -> None:
    text = story()
    # the portal copy adds a byline and a different layout; same story
    portal = "原标题：代表委员建议\n" + text[:450] + "\n\n" + text[450:] + "\n（责编：李文治）"
    first = save(archive, "http://hebei/1", text, "2024-03-07T06:00:00+08:00", site="hebei")
    copy = save(archive, "http://tibet/2", portal, "2024-03-07T14:52:00+08:00", site="tibet")
    other = save(archive, "http://tibet/3", story(), "2024-03-06T10:00:00+08:00", site="tibet")
    assert dup(archive, first) is None
    assert dup(archive, copy) == first
    assert dup(archive, other) is None
    # an even earlier copy (time zones compared as instants) becomes the head of the cluster
    earliest = save(archive, "http://c/4", text + "。", "2024-03-06T21:00:00+00:00", site="c")
    assert dup(archive, earliest) is None
    assert dup(archive, first) == earliest and dup(archive, copy) == earliest


def test_search_shows_one_per_cluster_unless_all(archive: Archive) -> None:
    text = story()
    save(archive, "http://a/1", text, "2024-03-07T06:00:00+08:00")
    save(archive, "http://b/1", text + "转载", "2024-03-08T06:00:00+08:00")
    save(archive, "http://c/1", story(), "2024-03-08T06:00:00+08:00")
    shown = {r["url"] for r in archive.search("代表委员")}
    assert shown == {"http://a/1", "http://c/1"}
    assert len(archive.search("代表委员", all_copies=True)) == 3
    # filtering to the copy's site still finds the copy
    assert {r["url"] for r in archive.search("代表委员", site="s")} == shown


def test_changed_body_leaves_the_cluster(archive: Archive) -> None:
    text = story()
    head = save(archive, "http://a/1", text, "2024-03-07T06:00:00+08:00")
    copy = save(archive, "http://b/1", text, "2024-03-08T06:00:00+08:00")
    assert dup(archive, copy) == head
    save(archive, "http://a/1", story(), "2024-03-07T06:00:00+08:00")  # head rewritten
    assert dup(archive, copy) is None and dup(archive, head) is None


def test_similarity_threshold() -> None:
    text = story(1500)
    near = text[:1400] + story(100)
    far = text[:600] + story(900)
    same = (signature(text) == signature(near)).mean()
    different = (signature(text) == signature(far)).mean()
    assert same > 0.7 > different
    assert signature("太短") is None
