"""The item that carries one fetched article page through the pipelines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PageItem:
    """An article candidate: the raw response, then what each pipeline stage adds.

    The spider fills the response fields (the raw capture is already archived and
    ``capture_id`` points at it); decode sets ``html``/``encoding``, repair rewrites ``html`` and
    sets ``repairs``, extract sets ``article`` (the ``newscrawl extract --json`` object).
    """

    url: str
    status: int
    headers: dict[str, list[str]]
    body: bytes
    fetched_at: str
    site: str
    capture_id: int | None = None
    hints: dict[str, Any] = field(default_factory=dict)
    verify_article: bool = False  # zero-config: the page itself must look like an article
    html: str | None = None
    encoding: str | None = None
    encoding_reason: str | None = None
    repairs: list[dict[str, Any]] = field(default_factory=list)
    article: dict[str, Any] | None = None
