"""The scheduler: intervals, jitter, locks, failures and shutdown, with real crawls over small
sites served on 127.0.0.1."""

from __future__ import annotations

import logging
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newscrawl.archive import Archive
from newscrawl.demo_server import SiteServer
from newscrawl.locks import SiteLock
from newscrawl.schedule import (
    ScheduleError,
    Scheduler,
    SiteJob,
    first_run,
    last_start,
    parse_duration,
    plan_jobs,
)

REPO = Path(__file__).resolve().parent.parent
ARTICLE = """<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<h1>{title}</h1><div class="info">发布时间：2024-03-0{n} 09:30 来源：{site}日报</div>
<div class="content"><p>{site}市召开工作会议，部署今年第{n}项重点工作。会议指出，要坚持稳中求进，
推动高质量发展，各地各部门要狠抓落实，确保全年目标任务完成。</p>
<p>会议强调，要加强统筹协调，压实工作责任，以钉钉子精神推动各项任务落地见效。</p></div>
</body></html>"""


def make_site(root: Path, host: str, name: str, articles: int) -> Path:
    """A tiny site under ``root/name`` and its profile; returns the profile path."""
    site = root / name
    (site / "news").mkdir(parents=True)
    links = "".join(f'<a href="/news/content_{n}.html">{n}</a>' for n in range(1, articles + 1))
    (site / "index.html").write_text(f"<html><body>{links}</body></html>", "utf-8")
    for n in range(1, articles + 1):
        page = ARTICLE.format(title=f"{name}第{n}条新闻标题", n=n, site=name)
        (site / f"news/content_{n}.html").write_text(page, "utf-8")
    (site / "robots.txt").write_text("User-agent: *\nDisallow:\n", "utf-8")
    return write_profile(root, name, host)


def write_profile(root: Path, name: str, host: str) -> Path:
    profile = root / f"{name}.toml"
    profile.write_text(
        f'domains = ["{host}"]\nstart_urls = ["http://{host}/"]\n'
        "article_pattern = 'content_\\d+\\.html'\nautothrottle = false\nevery = \"1h\"\n",
        "utf-8",
    )
    return profile


def runs(db: Path) -> list[tuple[int, str, str, str | None, str]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT id, site, started_at, finished_at, status FROM crawl_runs ORDER BY id"
        ).fetchall()
    except sqlite3.OperationalError:  # the archive is not created yet
        return []
    finally:
        conn.close()


def finished_runs(db: Path, site: str) -> int:
    return sum(1 for _, s, _, end, status in runs(db) if s == site and end and status == "finished")


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def scheduled(tmp_path_factory):
    """Run the scheduler over two good sites, one whose profile breaks after the start and one
    broken from the start; SIGTERM it once each has run (or failed) twice."""
    root = tmp_path_factory.mktemp("sched")
    alpha = make_site(root, "www.alpha.test", "alpha", 3)
    beta = make_site(root, "www.beta.test", "beta", 2)
    crash = write_profile(root, "crash", "www.crash.test")
    broken = root / "broken.toml"
    broken.write_text("domains = [unclosed\n", "utf-8")
    db, log = root / "archive.db", root / "logs" / "schedule.log"
    sites = {
        "www.alpha.test": root / "alpha",
        "www.beta.test": root / "beta",
        "www.crash.test": root / "alpha",
    }
    with SiteServer(sites) as server:
        command = [
            sys.executable,
            "-c",
            "from newscrawl.cli.schedule import schedule; schedule()",
            *map(str, (alpha, beta, crash, broken)),
            *("--db", str(db), "--log", str(log), "--every", "1s", "--jitter", "0"),
            *("--grace", "30", "-s", f"NEWSCRAWL_PROXY={server.proxy}"),
        ]
        proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            wait_for(lambda: log.is_file() and "scheduled crash" in log.read_text(), 30, "start")
            crash.write_text('domains = "www.crash.test"\n', "utf-8")  # now a broken profile
            wait_for(
                lambda: (
                    finished_runs(db, "alpha") >= 2
                    and finished_runs(db, "beta") >= 2
                    and log.read_text().count("failed crash") >= 2
                ),
                120,
                "repeated runs",
            )
            proc.send_signal(signal.SIGTERM)
            _, stderr = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return {
        "root": root,
        "db": db,
        "log": log.read_text("utf-8"),
        "stderr": stderr.decode("utf-8", "replace"),
        "returncode": proc.returncode,
    }


def test_each_site_runs_repeatedly_and_independently(scheduled):
    assert finished_runs(scheduled["db"], "alpha") >= 2
    assert finished_runs(scheduled["db"], "beta") >= 2
    conn = sqlite3.connect(scheduled["db"])
    sites = dict(conn.execute("SELECT site, count(*) FROM articles GROUP BY site").fetchall())
    conn.close()
    assert sites == {"alpha": 3, "beta": 2}


def test_runs_of_one_site_never_overlap(scheduled):
    by_site: dict[str, list[tuple[str, str | None]]] = {}
    for _, site, start, end, _ in runs(scheduled["db"]):
        by_site.setdefault(site, []).append((start, end))
    assert {"alpha", "beta"} <= set(by_site)
    for site, intervals in by_site.items():
        for (_, end), (next_start, _) in zip(intervals, intervals[1:], strict=False):
            assert end is not None and end <= next_start, (site, intervals)
    log = scheduled["log"]
    for site in ("alpha", "beta"):
        events = re.findall(rf"(started|finished|stopped|failed) {site}\b", log)
        assert len(events) >= 4
        assert events[::2] == ["started"] * len(events[::2]), events
        assert "started" not in events[1::2], events


def test_failing_sites_do_not_stop_the_others(scheduled):
    log = scheduled["log"]
    assert "not scheduling" in log and "broken.toml" in log
    assert re.search(
        r"failed crash: exit 1 after [\d.]+s; last output:\n(    .*\n)*?    .*'domains' must be",
        log,
    )
    first_failure = log.index("failed crash")
    assert "started alpha" in log[first_failure:] and "started beta" in log[first_failure:]
    failures = re.findall(r"failed (?:alpha|beta).*\n(?:    .*\n)*", log)
    assert not failures, failures


def test_sigterm_stops_cleanly_and_leaves_no_crawl_running(scheduled):
    assert scheduled["returncode"] == 0, scheduled["stderr"][-2000:]
    log = scheduled["log"]
    assert "received SIGTERM, shutting down" in log
    assert log.rstrip().endswith("scheduler stopped; no crawl running")
    assert "scheduler stopped" in scheduled["stderr"]  # the terminal gets the same log
    for pid in map(int, re.findall(r"\(pid (\d+)\)", log)):
        assert (
            not Path(f"/proc/{pid}").exists()
            or b"newscrawl" not in Path(f"/proc/{pid}/cmdline").read_bytes()
        )
    for site in ("alpha", "beta", "crash"):
        SiteLock(str(scheduled["db"]), site).acquire().release()
    assert (scheduled["root"] / "logs" / "alpha.crawl.log").stat().st_size > 0


def test_sigterm_lets_a_running_crawl_stop_gracefully_and_record_its_run(tmp_path):
    slow = make_site(tmp_path, "www.slow.test", "slow", 4)
    db, log = tmp_path / "archive.db", tmp_path / "schedule.log"
    crawl_log = tmp_path / "slow.crawl.log"
    with SiteServer({"www.slow.test": tmp_path / "slow"}) as server:
        command = [
            sys.executable,
            "-c",
            "from newscrawl.cli.schedule import schedule; schedule()",
            *(str(slow), "--db", str(db), "--log", str(log), "--every", "1h", "--jitter", "0"),
            *("-s", f"NEWSCRAWL_PROXY={server.proxy}", "-s", "DOWNLOAD_DELAY=1"),
        ]
        proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            wait_for(
                lambda: crawl_log.is_file() and "Spider opened" in crawl_log.read_text(),
                60,
                "the crawl to open",
            )
            time.sleep(0.5)
            proc.send_signal(signal.SIGTERM)
            proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode == 0
    text = log.read_text("utf-8")
    assert "stopping: terminating 1 running crawl(s): slow" in text
    assert re.search(r"stopped slow: exit 0 after", text)
    ((_, site, _, finished_at, status),) = runs(db)
    assert (site, status) == ("slow", "shutdown") and finished_at is not None


def test_a_run_finding_its_site_locked_is_skipped(tmp_path, caplog):
    db = str(tmp_path / "archive.db")
    scheduler = Scheduler([SiteJob("alpha", "alpha", 60)], db, crawl_log_dir=tmp_path)
    with SiteLock(db, "alpha"), caplog.at_level(logging.INFO, "newscrawl.schedule"):
        assert scheduler.run_once(SiteJob("alpha", "alpha", 60)) is None
    assert "skipped alpha: another process is crawling it" in caplog.text
    assert not (tmp_path / "alpha.crawl.log").exists()


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("45s", 45), ("30m", 1800), ("2h", 7200), ("1h30m", 5400), ("1d", 86400), ("90", 90)],
)
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "5x", "0s", "-3m", "m30", "1h30"])
def test_parse_duration_rejects_nonsense(text):
    with pytest.raises(ScheduleError):
        parse_duration(text)


def test_plan_jobs_uses_profile_intervals_and_skips_unusable_profiles(tmp_path, caplog):
    good = write_profile(tmp_path, "good", "www.good.test")
    (tmp_path / "noevery.toml").write_text('domains = ["www.x.test"]\n', "utf-8")
    with caplog.at_level(logging.ERROR, "newscrawl.schedule"):
        jobs = plan_jobs([str(good), str(tmp_path / "noevery.toml"), str(good)])
    assert jobs == [SiteJob(str(good), "good", 3600)]
    assert "no 'every'" in caplog.text and "already scheduled" in caplog.text
    assert plan_jobs([str(tmp_path / "noevery.toml")], every=5)[0].every == 5
    with pytest.raises(ScheduleError):
        plan_jobs([str(tmp_path / "missing.toml")])


def test_a_restarted_scheduler_keeps_the_cadence_from_the_archive(tmp_path):
    db = str(tmp_path / "archive.db")
    assert last_start(db, "alpha") is None
    with Archive(db) as archive:
        archive.start_run("regional", "alpha")
    started = last_start(db, "alpha")
    now = datetime.now(UTC)
    assert started is not None and abs((now - started).total_seconds()) < 5
    job = SiteJob("alpha", "alpha", 3600)
    assert first_run(job, started, now, 0) == started + timedelta(hours=1)
    assert first_run(job, None, now, 0) == now
    overdue = now - timedelta(hours=2)
    assert now <= first_run(job, overdue, now, 30) <= now + timedelta(seconds=30)
