"""Crawl site profiles periodically, each run in its own process (``newscrawl schedule``).

Each site gets an APScheduler interval job (the profile's ``every``, plus jitter) limited to one
running instance; across processes the spider's own :class:`~newscrawl.locks.SiteLock` keeps
a second crawl of a site out, and a run that finds its site locked is logged and skipped. A run
is ``python -m newscrawl crawl SITE --db DB [-s ...]`` in its own session, so one site's crash
stops nothing else and a Ctrl-C on the terminal reaches only the scheduler, which then stops
each running crawl with one SIGTERM (Scrapy's graceful shutdown: the run is still recorded in
``crawl_runs``) and a SIGKILL only after the grace period.
"""

from __future__ import annotations

import logging
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, JobSubmissionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from newscrawl.locks import CrawlLocked, SiteLock
from newscrawl.profiles import ProfileError, list_profiles, load_profile

log = logging.getLogger("newscrawl.schedule")

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
_LOCKED_MARKERS = ("CrawlLocked", "is already being crawled")
_TAIL_LINES = 8


class ScheduleError(ValueError):
    """Nothing can be scheduled as asked (bad duration, no usable site)."""


def parse_duration(text: str) -> float:
    """Seconds in ``45s``, ``30m``, ``2h``, ``1d`` or a sum such as ``1h30m``; bare numbers are
    seconds."""
    spec = text.strip().lower().replace(" ", "")
    try:
        seconds = float(spec)
    except ValueError:
        if not spec or _DURATION.sub("", spec):
            raise ScheduleError(f"bad duration {text!r} (use e.g. 45s, 30m, 2h, 1h30m)") from None
        seconds = sum(float(n) * _UNITS[unit] for n, unit in _DURATION.findall(spec))
    if seconds <= 0:
        raise ScheduleError(f"duration {text!r} must be positive")
    return seconds


@dataclass(frozen=True)
class SiteJob:
    target: str  # what ``newscrawl crawl`` is given: a profile name or a .toml path
    name: str  # the profile's name: the site in crawl_runs and in the lock
    every: float  # seconds between run starts


def plan_jobs(targets: Sequence[str], every: float | None = None) -> list[SiteJob]:
    """One job per site (all shipped profiles if ``targets`` is empty).

    A profile that cannot be loaded, or has no ``every`` while no override is given, is logged
    and left out so the other sites still run; :class:`ScheduleError` if none is left.
    """
    jobs: dict[str, SiteJob] = {}
    for target in targets or list_profiles():
        try:
            profile = load_profile(target)
            interval = every or (parse_duration(profile.every) if profile.every else None)
        except (ProfileError, ScheduleError) as exc:
            log.error("not scheduling %s: %s", target, exc)
            continue
        if interval is None:
            log.error("not scheduling %s: its profile has no 'every' (or pass --every)", target)
            continue
        if profile.name in jobs:
            log.error("not scheduling %s: site %s is already scheduled", target, profile.name)
            continue
        jobs[profile.name] = SiteJob(target, profile.name, interval)
    if not jobs:
        raise ScheduleError("no site to schedule")
    return list(jobs.values())


def last_start(db: str, site: str) -> datetime | None:
    """When the archive's latest run of ``site`` started, so a restarted scheduler keeps pace."""
    if not Path(db).is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            row = conn.execute(
                "SELECT max(started_at) FROM crawl_runs WHERE site = ?", (site,)
            ).fetchone()
        finally:
            conn.close()
        started = datetime.fromisoformat(row[0]) if row and row[0] else None
    except (sqlite3.Error, ValueError):
        return None
    if started is not None and started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    return started


def first_run(job: SiteJob, previous: datetime | None, now: datetime, jitter: float) -> datetime:
    """Now for a site never crawled or overdue, else one interval after its last start."""
    due = max(now, previous + timedelta(seconds=job.every)) if previous else now
    return due + timedelta(seconds=random.uniform(0, jitter))


def default_jitter(every: float) -> float:
    """A tenth of the interval, at most five minutes: spreads sites without blurring cadence."""
    return min(every / 10, 300.0)


class Scheduler:
    """Runs :class:`SiteJob` s on their intervals until :meth:`stop`."""

    def __init__(
        self,
        jobs: Sequence[SiteJob],
        db: str,
        overrides: Sequence[str] = (),
        jitter: float | None = None,
        grace: float = 60.0,
        crawl_log_dir: Path | None = None,
    ):
        self.jobs = list(jobs)
        self.db = db
        self.overrides = list(overrides)
        self.jitter = jitter
        self.grace = grace
        self.crawl_log_dir = crawl_log_dir or Path(db).resolve().parent
        self._running: dict[str, subprocess.Popen[bytes]] = {}
        self._busy_noted: set[str] = set()
        self._lock = threading.Lock()
        self._stopping = False
        self._scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(max(1, len(self.jobs)))},
            job_defaults={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
            timezone=UTC,
        )
        self._scheduler.add_listener(self._on_busy, EVENT_JOB_MAX_INSTANCES)

    def command(self, job: SiteJob) -> list[str]:
        sets = [arg for item in self.overrides for arg in ("-s", item)]
        return [sys.executable, "-m", "newscrawl", "crawl", job.target, "--db", self.db, *sets]

    def start(self) -> None:
        now = datetime.now(UTC)
        for job in self.jobs:
            jitter = default_jitter(job.every) if self.jitter is None else self.jitter
            first = first_run(job, last_start(self.db, job.name), now, jitter)
            trigger = IntervalTrigger(seconds=job.every, jitter=jitter or None, timezone=UTC)
            self._scheduler.add_job(
                self.run_once, trigger, args=[job], id=job.name, name=job.name, next_run_time=first
            )
            log.info(
                "scheduled %s every %gs (jitter %gs), first run at %s",
                job.name,
                job.every,
                jitter,
                first.isoformat(timespec="seconds"),
            )
        self._scheduler.start()

    def run_once(self, job: SiteJob) -> int | None:
        """One crawl of ``job`` in a subprocess; its exit status, or None if it did not run."""
        try:
            SiteLock(self.db, job.name).acquire().release()
        except CrawlLocked:
            log.warning("skipped %s: another process is crawling it into %s", job.name, self.db)
            return None
        self.crawl_log_dir.mkdir(parents=True, exist_ok=True)
        crawl_log = self.crawl_log_dir / f"{job.name}.crawl.log"
        with crawl_log.open("ab") as out:
            offset = out.tell()
            with self._lock:
                if self._stopping:
                    return None
                started = time.monotonic()
                proc = subprocess.Popen(
                    self.command(job),
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
                self._running[job.name] = proc
            log.info("started %s (pid %d), output in %s", job.name, proc.pid, crawl_log)
            status = proc.wait()
        with self._lock:
            del self._running[job.name]
            self._busy_noted.discard(job.name)
            stopping = self._stopping
        duration = time.monotonic() - started
        tail = _read_from(crawl_log, offset)
        if stopping:
            log.info("stopped %s: exit %d after %.1fs", job.name, status, duration)
        elif status == 0:
            log.info("finished %s: exit 0 after %.1fs", job.name, duration)
        elif any(marker in tail for marker in _LOCKED_MARKERS):
            log.warning("skipped %s: locked by another process (exit %d)", job.name, status)
        else:
            last = "\n    ".join(tail.strip().splitlines()[-_TAIL_LINES:])
            log.error(
                "failed %s: exit %d after %.1fs; last output:\n    %s",
                job.name,
                status,
                duration,
                last,
            )
        return status

    def stop(self) -> None:
        """Stop scheduling; SIGTERM running crawls, SIGKILL those still running after grace."""
        if not self._scheduler.running:
            return
        self._scheduler.pause()
        with self._lock:
            self._stopping = True
            running = dict(self._running)
        if running:
            log.info(
                "stopping: terminating %d running crawl(s): %s", len(running), ", ".join(running)
            )
        for proc in running.values():
            proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + self.grace
        for name, proc in running.items():
            try:
                proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning(
                    "%s did not stop within %gs: killing pid %d", name, self.grace, proc.pid
                )
                proc.kill()
        self._scheduler.shutdown(wait=True)
        log.info("scheduler stopped; no crawl running")

    def _on_busy(self, event: JobSubmissionEvent) -> None:
        """A turn came while the site's run is still going: say so once per run."""
        with self._lock:
            if event.job_id in self._busy_noted:
                return
            self._busy_noted.add(event.job_id)
        log.info("%s: the previous run is still going, skipping turns until it ends", event.job_id)


def _read_from(path: Path, offset: int) -> str:
    with path.open("rb") as f:
        f.seek(offset)
        return f.read().decode("utf-8", "replace")


def serve_forever(scheduler: Scheduler) -> None:
    """Run ``scheduler`` until SIGTERM or SIGINT, then stop it cleanly."""
    received: list[int] = []

    def on_signal(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        scheduler.start()
        while not received:
            time.sleep(0.2)
        log.info("received %s, shutting down", signal.Signals(received[0]).name)
    finally:
        scheduler.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
