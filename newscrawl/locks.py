"""One crawl of a site into an archive at a time, across processes.

The lock is an ``flock`` on a file beside the archive, so the kernel releases it when its
holder dies, even by SIGKILL: a killed crawl never leaves a site locked.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class CrawlLocked(RuntimeError):
    """Another process is crawling the same site into the same archive."""


class SiteLock:
    def __init__(self, db: str, site: str):
        self.db, self.site = db, site
        self.path = Path(f"{db}.{site}.lock")
        self._fd: int | None = None

    def acquire(self) -> SiteLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(fd)
            raise CrawlLocked(f"{self.site} is already being crawled into {self.db}") from exc
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> SiteLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
