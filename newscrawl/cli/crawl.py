"""``newscrawl crawl SITE|URL``: one crawl of a site into the archive."""

from __future__ import annotations

import sys

import click

from newscrawl.crawl import run_crawl
from newscrawl.profiles import load_profile, profile_for_url, zero_config_profile
from newscrawl.summary import print_summary


@click.command()
@click.argument("target")
@click.option("--db", default="data/archive.db", show_default=True, help="Archive file.")
@click.option(
    "-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE", help="A Scrapy setting."
)
def crawl(target: str, db: str, overrides: tuple[str, ...]) -> None:
    """Crawl TARGET into the archive.

    TARGET is a site profile name (newscrawl/sites/NAME.toml), a profile file, or a URL: the
    URL of a profiled site crawls that profile; any other URL is crawled with no
    configuration (breadth-first from it, articles told by URL and page).
    """
    try:
        settings = dict(item.split("=", 1) for item in overrides)
    except ValueError as exc:
        raise click.BadParameter("use NAME=VALUE", param_hint="--set") from exc
    if target.startswith(("http://", "https://")):
        profile = profile_for_url(target)
        site, start = (profile.name, None) if profile else (None, target)
        name = profile.name if profile else zero_config_profile(target).name
    else:
        site, start, name = target, None, load_profile(target).name
    reason = run_crawl(site, db, start=start, **settings)
    if not reason.startswith("failed"):
        print_summary(db, name)
    if start and reason == "finished":
        click.echo(f"a starter profile for this site: newscrawl profile suggest {start} --db {db}")
    exit_on(reason)


def exit_on(reason: str) -> None:
    """Exit non-zero, with one line on stderr, unless the crawl went through.

    A page or run budget reached (closespider_*) is a normal end of a bounded run, and so is
    a stop that was asked for (SIGTERM/SIGINT: "shutdown"), which the run records as such.
    """
    if reason not in ("finished", "shutdown") and not reason.startswith("closespider_"):
        click.echo(f"newscrawl: crawl ended: {reason}", err=True)
        sys.exit(1)
