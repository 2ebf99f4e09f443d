"""The ``newscrawl`` command line: thin wrappers over the Python API."""

from __future__ import annotations

import sys
from typing import Any

import click

from newscrawl.cli.crawl import crawl
from newscrawl.cli.demo import demo
from newscrawl.cli.export import export
from newscrawl.cli.extract import extract
from newscrawl.cli.history import history
from newscrawl.cli.profile import profile
from newscrawl.cli.repair import repair
from newscrawl.cli.reprocess import reprocess
from newscrawl.cli.schedule import schedule
from newscrawl.cli.search import search
from newscrawl.cli.serve import serve
from newscrawl.cli.show import show
from newscrawl.cli.stats import stats


class Group(click.Group):
    """Turns any unexpected error into one clear line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("newscrawl: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - the CLI's last line of defence
            click.echo(f"newscrawl: error: {type(exc).__name__}: {exc}", err=True)
            sys.exit(1)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newscrawl")
def main() -> None:
    """Crawl regional news sites into a clean, searchable SQLite archive."""


for command in (
    demo,
    crawl,
    extract,
    repair,
    search,
    show,
    history,
    export,
    reprocess,
    serve,
    stats,
    profile,
    schedule,
):
    main.add_command(command)
