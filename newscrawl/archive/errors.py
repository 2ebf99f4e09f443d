"""Errors the user can act on; the CLI prints them as one line."""


class ArchiveError(Exception):
    """A missing, read-only, damaged or too-new archive, or bad input to a reader."""
