"""One saved page, bytes to ``extract --json`` object: decode -> repair -> extract."""

from __future__ import annotations

from typing import Any

from newscrawl.clean.decode import decode_html
from newscrawl.clean.extract import Profile, extract_article
from newscrawl.clean.repair import repair_html


def process_page(
    raw: bytes,
    url: str | None = None,
    content_type: str | None = None,
    profile: Profile | None = None,
    hints: dict | None = None,
) -> dict[str, Any]:
    """The article fields of a raw page plus how its bytes were decoded and repaired."""
    decoded = decode_html(raw, content_type, getattr(profile, "encoding", None))
    html, repairs = repair_html(decoded.text)
    result = extract_article(html, url=url, profile=profile, hints=hints).to_dict()
    fields_from = result.pop("fields_from")
    result.update(
        encoding=decoded.encoding,
        encoding_reason=decoded.reason,
        replacements=decoded.replacements,
        repairs=[dict(r) for r in repairs],
        fields_from=fields_from,
    )
    return result
