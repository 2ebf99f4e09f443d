import subprocess
import sys

import pytest

from newscrawl.locks import CrawlLocked, SiteLock


def test_second_holder_is_refused_and_release_frees_it(tmp_path):
    db = str(tmp_path / "a.db")
    with SiteLock(db, "demo"):
        with pytest.raises(CrawlLocked, match="demo is already being crawled"):
            SiteLock(db, "demo").acquire()
        SiteLock(db, "other").acquire().release()  # other sites are independent
    SiteLock(db, "demo").acquire().release()


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    db = str(tmp_path / "a.db")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from newscrawl.locks import SiteLock; "
            f"SiteLock({db!r}, 'demo').acquire(); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(CrawlLocked):
            SiteLock(db, "demo").acquire()
    finally:
        holder.kill()
        holder.wait()
    SiteLock(db, "demo").acquire().release()
