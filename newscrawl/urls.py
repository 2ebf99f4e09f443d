"""URL canonicalisation: the key that makes an article one row whatever link led to it."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query parameters that only track where a click came from; they never select content.
TRACKING_PARAMS = frozenset(
    {
        "spm",
        "from",
        "source",
        "share",
        "share_token",
        "fbclid",
        "gclid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "ref",
        "referer",
        "_hsenc",
        "_hsmi",
        "wfr",
        "isappinstalled",
        "scene",
        "tt_from",
    }
)
INDEX_FILES = ("index.html", "index.htm", "index.shtml", "index.php", "default.html")


def canonical_url(
    url: str, scheme: str | None = None, mobile_hosts: dict[str, str] | None = None
) -> str:
    """Canonical form of ``url``: sorted query without tracking parameters, no fragment, no
    trailing ``index.html``, mobile host mapped to the main host (``mobile_hosts`` from the
    site profile), and ``scheme`` forced when the site is known to serve both http and https.
    """
    parts = urlsplit(canonicalize_url(url, keep_fragments=False))
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith("utm_")
    ]
    path = parts.path or "/"
    for index in INDEX_FILES:
        if path.endswith("/" + index):
            path = path[: -len(index)]
            break
    netloc = parts.netloc.lower()
    host = netloc.split(":")[0]
    if mobile_hosts and host in mobile_hosts:
        netloc = netloc.replace(host, mobile_hosts[host], 1)
    return urlunsplit((scheme or parts.scheme, netloc, path, urlencode(query), ""))
