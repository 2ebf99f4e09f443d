"""The SQLite archive: captures, articles and their versions, search, export."""

from newscrawl.archive.errors import ArchiveError
from newscrawl.archive.store import Archive

__all__ = ["Archive", "ArchiveError"]
