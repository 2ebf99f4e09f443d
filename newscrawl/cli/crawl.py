"""``newscrawl crawl SITE|URL``: one crawl of a site into the archive."""

from __future__ import annotations

import click

from newscrawl.crawl import run_crawl
from newscrawl.profiles import ProfileError, list_profiles, profile_for_url
from newscrawl.summary import print_summary


@click.command()
@click.argument("target")
@click.option("--db", default="data/archive.db", show_default=True, help="Archive file.")
@click.option(
    "-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE", help="A Scrapy setting."
)
def crawl(target: str, db: str, overrides: tuple[str, ...]) -> None:
    """Crawl TARGET (a site profile name, or a URL of a profiled site) into the archive."""
    if target.startswith(("http://", "https://")):
        profile = profile_for_url(target)
        if profile is None:
            raise click.ClickException(
                f"no site profile covers {target} (profiles: {', '.join(list_profiles())})"
            )
        site = profile.name
    else:
        site = target
    try:
        settings = dict(item.split("=", 1) for item in overrides)
    except ValueError as exc:
        raise click.BadParameter("use NAME=VALUE", param_hint="--set") from exc
    try:
        run_crawl(site, db, **settings)
    except ProfileError as exc:
        raise click.ClickException(str(exc)) from exc
    print_summary(db, site)
