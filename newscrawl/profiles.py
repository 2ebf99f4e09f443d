"""Site profiles: what newscrawl knows about one site, kept as data in ``newscrawl/sites/*.toml``.

A profile is plain data so that adding a site never means writing code; the spider, the
extractor and the scheduler read the same object.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from urllib.parse import urlsplit

from newscrawl.articleness import (
    ARTICLE_URL_THRESHOLD,
    site_domain,
    timezone_for_host,
    url_score,
)

# Read through importlib.resources so profiles load from a zipped egg too (scrapyd).
SITES_DIR: Traversable = files("newscrawl") / "sites"


def host_allowed(host: str, domains: list[str]) -> bool:
    """Whether ``host`` is one of ``domains`` or below one (``news.a.cn`` under ``a.cn``)."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


class ProfileError(ValueError):
    """A profile is missing or malformed."""


@dataclass(frozen=True)
class SiteProfile:
    name: str
    domains: list[str]
    start_urls: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    article_pattern: str | None = None
    timezone: str = "Asia/Shanghai"
    encoding: str | None = None
    selectors: dict[str, str] = field(default_factory=dict)
    site_name: str | None = None
    autothrottle: bool = True
    mobile_hosts: dict[str, str] = field(default_factory=dict)
    every: str | None = None
    max_pages: int = 0  # per-run budget (CLOSESPIDER_PAGECOUNT); 0 = none
    max_seconds: int = 0  # per-run budget (CLOSESPIDER_TIMEOUT); 0 = none
    description: str = ""

    @property
    def zero_config(self) -> bool:
        """No article pattern: articles are told by URL shape and then by the page itself."""
        return not self.article_pattern

    def is_article_url(self, url: str) -> bool:
        """Whether ``url`` is an article candidate for this site."""
        if self.article_pattern:
            return bool(re.search(self.article_pattern, url))
        return url_score(url) >= ARTICLE_URL_THRESHOLD


_LIST_FIELDS = ("domains", "start_urls", "sitemaps", "feeds")


def parse_profile(name: str, data: dict) -> SiteProfile:
    known = set(SiteProfile.__dataclass_fields__)
    unknown = sorted(set(data) - known)
    if unknown:
        raise ProfileError(f"profile {name!r}: unknown field(s) {', '.join(unknown)}")
    data = {**data, "name": data.get("name", name)}
    if not data.get("domains"):
        raise ProfileError(f"profile {name!r}: 'domains' is required")
    for key in _LIST_FIELDS:
        if key in data and not isinstance(data[key], list):
            raise ProfileError(f"profile {name!r}: {key!r} must be a list")
    if data.get("article_pattern"):
        try:
            re.compile(data["article_pattern"])
        except re.error as exc:
            raise ProfileError(f"profile {name!r}: bad article_pattern: {exc}") from exc
    return SiteProfile(**data)


def load_profile(name: str, sites_dir: Traversable = SITES_DIR) -> SiteProfile:
    """Load the shipped profile ``name``, or the profile file ``name`` if it ends in .toml."""
    path = Path(name) if name.endswith(".toml") else sites_dir / f"{name}.toml"
    name = path.name.removesuffix(".toml")
    if not path.is_file():
        available = ", ".join(list_profiles(sites_dir)) or "none"
        raise ProfileError(f"no site profile {name!r} (available: {available})")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"profile {name!r}: {exc}") from exc
    return parse_profile(name, data)


def list_profiles(sites_dir: Traversable = SITES_DIR) -> list[str]:
    return sorted(
        p.name.removesuffix(".toml") for p in sites_dir.iterdir() if p.name.endswith(".toml")
    )


def profile_for_url(url: str, sites_dir: Traversable = SITES_DIR) -> SiteProfile | None:
    """The shipped profile whose domains cover ``url``'s host, if any."""
    host = (urlsplit(url).hostname or "").lower()
    for name in list_profiles(sites_dir):
        profile = load_profile(name, sites_dir)
        if host_allowed(host, profile.domains):
            return profile
    return None


def zero_config_profile(start_url: str) -> SiteProfile:
    """A profile for a site nobody configured: its registrable domain, crawled from
    ``start_url``. Sitemaps and feeds are discovered during the crawl; the timezone comes
    from the host's country domain, else Asia/Shanghai (newscrawl's home ground)."""
    host = (urlsplit(start_url).hostname or "").lower()
    if not host:
        raise ProfileError(f"not a URL: {start_url!r}")
    domain = site_domain(host)
    return SiteProfile(
        name=domain,
        domains=[domain],
        start_urls=[start_url],
        timezone=timezone_for_host(host) or "Asia/Shanghai",
        description=f"zero-configuration crawl of {domain}",
    )
