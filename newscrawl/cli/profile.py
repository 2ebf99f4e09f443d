"""``newscrawl profile``: list the shipped site profiles, or suggest one from a crawl."""

from __future__ import annotations

import click

from newscrawl.archive import Archive
from newscrawl.archive.crawlstate import site_urls
from newscrawl.articleness import suggest_profile
from newscrawl.profiles import list_profiles, load_profile, zero_config_profile


@click.group()
def profile() -> None:
    """Site profiles (newscrawl/sites/*.toml)."""


@profile.command("list")
def list_() -> None:
    """List the shipped profiles with their domains."""
    for name in list_profiles():
        p = load_profile(name)
        click.echo(f"{name:14} {', '.join(p.domains):40} {p.description}")


@profile.command()
@click.argument("url")
@click.option("--db", default="data/archive.db", show_default=True, help="Archive file.")
def suggest(url: str, db: str) -> None:
    """Print a starter profile for the site of URL, learnt from its zero-config crawl.

    Crawl it first with `newscrawl crawl URL`, then save the output as
    newscrawl/sites/NAME.toml and adjust it.
    """
    site = zero_config_profile(url).name
    with Archive(db, readonly=True) as archive:
        seen, articles = site_urls(archive, site)
    if not seen:
        raise click.ClickException(f"no crawl of {site} in {db}: run `newscrawl crawl {url}` first")
    click.echo(suggest_profile(seen, articles, url), nl=False)
