from pathlib import Path

import pytest

from newscrawl.profiles import ProfileError, list_profiles, load_profile, parse_profile


def test_every_shipped_profile_loads():
    names = list_profiles()
    assert "demo" in names
    for name in names:
        profile = load_profile(name)
        assert profile.domains, name


def test_demo_profile_matches_its_article_urls_only():
    demo = load_profile("demo")
    assert demo.is_article_url("http://news.xiling.test/local/2024-03/07/content_1001.html")
    assert not demo.is_article_url("http://news.xiling.test/local/index_2.html")
    assert not demo.is_article_url("http://news.xiling.test/special/lianghui/index.html")


def test_unknown_profile_names_the_available_ones():
    with pytest.raises(ProfileError, match="available: .*demo"):
        load_profile("no-such-site")


@pytest.mark.parametrize(
    "data, message",
    [
        ({"domains": []}, "'domains' is required"),
        ({"domains": ["a.cn"], "colour": "red"}, "unknown field"),
        ({"domains": "a.cn"}, "must be a list"),
        ({"domains": ["a.cn"], "article_pattern": "("}, "bad article_pattern"),
    ],
)
def test_malformed_profiles_are_refused(data, message):
    with pytest.raises(ProfileError, match=message):
        parse_profile("x", data)


def test_bad_toml_is_a_profile_error(tmp_path: Path):
    (tmp_path / "broken.toml").write_text("domains = [", encoding="utf-8")
    with pytest.raises(ProfileError, match="broken"):
        load_profile("broken", tmp_path)
