"""``newscrawl demo``: serve the bundled portal on 127.0.0.1, crawl it, summarise the archive."""

from __future__ import annotations

import click

from newscrawl.cli.crawl import exit_on
from newscrawl.crawl import run_crawl
from newscrawl.demo_server import DEMO_HOST, DEMO_ROOT, SiteServer
from newscrawl.summary import print_summary


@click.command()
@click.option("--db", default="data/archive.db", show_default=True, help="Archive file.")
@click.option("--query", default="西岭", show_default=True, help="The sample search to show.")
def demo(db: str, query: str) -> None:
    """Crawl the bundled demo site (served on 127.0.0.1) into the archive."""
    if not (DEMO_ROOT / "index.html").is_file():
        raise click.ClickException(f"the demo site is missing: {DEMO_ROOT}")
    with SiteServer({DEMO_HOST: DEMO_ROOT}) as server:
        click.echo(f"serving {DEMO_HOST} on {server.proxy} (offline); crawling into {db}", err=True)
        reason = run_crawl("demo", db, proxy=server.proxy, LOG_LEVEL="WARNING")
    if not reason.startswith("failed"):
        print_summary(db, "demo", query=query)
    exit_on(reason)
