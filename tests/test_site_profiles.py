"""Each shipped site profile against saved pages of its site (tests/fixtures/sites/<profile>/).

``expected.json`` holds the fields read off each page by hand; ``non_articles.json`` lists URLs
of the same site that are not articles (home, sections, list pages, search, assets).
"""

import json
from pathlib import Path

import pytest

from newscrawl.articleness import ARTICLE_URL_THRESHOLD, is_article_page, url_score
from newscrawl.clean.decode import decode_html
from newscrawl.clean.page import process_page
from newscrawl.profiles import list_profiles, load_profile, profile_for_url

FIXTURES = Path(__file__).parent / "fixtures" / "sites"
PROFILES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
FIELDS = ("title", "published_at", "author", "editor", "source")


def _expected(profile: str) -> list[dict]:
    return json.loads((FIXTURES / profile / "expected.json").read_text(encoding="utf-8"))


def _non_articles(profile: str) -> list[str]:
    return json.loads((FIXTURES / profile / "non_articles.json").read_text(encoding="utf-8"))


PAGES = [(profile, page) for profile in PROFILES for page in _expected(profile)]


def _page_id(case: tuple[str, dict]) -> str:
    return f"{case[0]}/{case[1]['file']}"


def test_every_shipped_profile_except_the_demo_has_fixtures():
    assert set(list_profiles()) - {"demo"} == set(PROFILES)


@pytest.mark.parametrize("profile", PROFILES)
def test_profile_is_complete_and_says_which_fixtures_are_real(profile):
    site = load_profile(profile)
    assert site.site_name and site.start_urls and site.article_pattern and site.timezone
    assert "REAL" in site.description or "RECONSTRUCTED" in site.description
    for url in site.start_urls + site.sitemaps + site.feeds:
        assert profile_for_url(url) == site, url


@pytest.mark.parametrize("profile", PROFILES)
def test_article_pattern_separates_articles_from_other_pages(profile):
    site = load_profile(profile)
    for page in _expected(profile):
        assert site.is_article_url(page["url"]), page["url"]
        assert profile_for_url(page["url"]) == site
    for url in _non_articles(profile) + site.start_urls:
        assert not site.is_article_url(url), url


@pytest.mark.parametrize("case", PAGES, ids=_page_id)
def test_zero_config_decisions_agree_with_the_profile(case):
    profile, page = case
    html = decode_html((FIXTURES / profile / page["file"]).read_bytes()).text
    assert url_score(page["url"]) >= ARTICLE_URL_THRESHOLD
    assert is_article_page(html, page["url"])


@pytest.mark.parametrize("case", PAGES, ids=_page_id)
@pytest.mark.parametrize("field", FIELDS)
def test_profile_extraction_gives_the_labelled_fields(case, field):
    profile, page = case
    raw = (FIXTURES / profile / page["file"]).read_bytes()
    result = process_page(raw, page["url"], profile=load_profile(profile))
    assert result[field] == page[field]
