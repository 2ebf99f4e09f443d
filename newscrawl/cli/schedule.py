"""``newscrawl schedule [SITE...]``: crawl sites periodically until SIGTERM/SIGINT."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from newscrawl.schedule import ScheduleError, Scheduler, parse_duration, plan_jobs, serve_forever

LOG_FORMAT = "%(asctime)s %(levelname)s %(message)s"


def _setup_logging(log_file: Path | None) -> None:
    """Scheduler events to the terminal and, if asked, to a file (APScheduler's only if errors)."""
    formatter = logging.Formatter(LOG_FORMAT)
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_file, encoding="utf-8"))
    for name, level in (("newscrawl.schedule", logging.INFO), ("apscheduler", logging.ERROR)):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.propagate = False
        for handler in handlers:
            handler.setFormatter(formatter)
            logger.addHandler(handler)


@click.command()
@click.argument("sites", nargs=-1)
@click.option("--db", default="data/archive.db", show_default=True, help="Archive file.")
@click.option(
    "--log",
    "log_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the scheduler's log to this file (appended).",
)
@click.option(
    "--every",
    metavar="DURATION",
    help="Interval for every site instead of its profile's (45s, 30m, 2h).",
)
@click.option(
    "--jitter",
    type=click.FloatRange(min=0),
    metavar="SECONDS",
    help="Random delay of up to SECONDS added to each run [default: interval/10, max 300].",
)
@click.option(
    "--grace",
    type=click.FloatRange(min=0),
    metavar="SECONDS",
    default=60.0,
    show_default=True,
    help="On shutdown, seconds a running crawl gets to stop before it is killed.",
)
@click.option(
    "--crawl-log-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where each site's crawl output goes (SITE.crawl.log) [default: beside --log, "
    "else beside the archive].",
)
@click.option(
    "-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE", help="A Scrapy setting."
)
def schedule(
    sites: tuple[str, ...],
    db: str,
    log_file: Path | None,
    every: str | None,
    jitter: float | None,
    grace: float,
    crawl_log_dir: Path | None,
    overrides: tuple[str, ...],
) -> None:
    """Crawl each SITE (profile names or .toml files; default: all profiles) on its interval.

    Every run is a separate `newscrawl crawl` process; a site already being crawled is skipped.
    Stops cleanly on SIGTERM or Ctrl-C.
    """
    if any("=" not in item for item in overrides):
        raise click.BadParameter("use NAME=VALUE", param_hint="--set")
    _setup_logging(log_file)
    try:
        interval = parse_duration(every) if every else None
        jobs = plan_jobs(sites, interval)
    except ScheduleError as exc:
        raise click.ClickException(str(exc)) from exc
    if crawl_log_dir is None and log_file is not None:
        crawl_log_dir = log_file.resolve().parent
    scheduler = Scheduler(jobs, db, overrides, jitter, grace, crawl_log_dir)
    serve_forever(scheduler)
