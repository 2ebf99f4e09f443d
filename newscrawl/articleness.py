"""Is this URL, is this page, an article? Decisions for crawling a site with no profile.

Two pure functions serve the zero-configuration crawl:

- ``url_score(url)`` rates a link before it is fetched, from URL conventions of Chinese and
  Western news sites (a date in the path, ``content_123``, ``t20240307_123.html``, ``/n2/``,
  ``.shtml``, long slugs) against those of lists, tags, search, logins, video and galleries.
- ``assess_page(html, url)`` / ``is_article_page(html, url)`` decide on the fetched page from
  its structure: one dominant block of running text, a headline, and a publish time near the
  headline. ``og:type`` is not consulted: many CMSs print ``article`` on every page.

``suggest_profile(urls_seen, article_urls, start_url)`` turns what such a crawl learnt into a
starter site profile (TOML text): domains, sitemaps and feeds found, and an ``article_pattern``
generalised from the article URLs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

import lxml.html

from newscrawl.clean.dom import parse

# A score at or above this makes a URL an article candidate; below, a page to explore.
ARTICLE_URL_THRESHOLD = 0.5

_ASSET_EXT = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|bmp|css|js|json|pdf|docx?|xlsx?|pptx?|zip|rar|gz|"
    r"mp[34]|m3u8|flv|avi|mov|wmv|swf|apk|exe|xml|rss|atom|txt)$",
    re.I,
)
_DATE_PATH = re.compile(
    r"/(?:19|20)\d\d(?:[-_/]?(?:0[1-9]|1[0-2]))(?:[-_/]?(?:0[1-9]|[12]\d|3[01]))?(?=[/_.-])"
)
_COMPACT_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)")
_ID_LEAF = re.compile(
    r"(?:^|[_-])(?:(?:content|article|art|detail|news|doc|show|post|story)[_-]?\d+"
    r"|(?:[a-z]{1,2}_?)?\d{5,}(?:[_-]\d+)*)(?:\.(?:s?html?|php|aspx?|jsp))?$",
    re.I,
)
_PAGE_LEAF = re.compile(r"^(?:index|list|default|more|node)(?:_\d+)?\.(?:s?html?|php|aspx?|jsp)$")
_ARTICLE_WORDS = re.compile(
    r"/(?:article|articles|story|stories|content|detail|news|post)s?/", re.I
)
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9.]+){3,}-?(?:\.s?html?)?$", re.I)
_SHORT_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+){1,}(?:\.s?html?)?$", re.I)
_NEGATIVE_SEGMENTS = frozenset(
    """tag tags topic topics search so sousuo login logon signin sign-in register signup sign-up
    user users account member passport video videos shipin sp tv live photo photos pic pics
    picture pictures tupian gallery galleries album albums slideshow category categories
    author authors page archive archives list lists feed rss comment comments bbs forum
    subscribe newsletter about contact help special zhuanti""".split()
)
_NEGATIVE_QUERY_KEYS = frozenset("q query keyword keywords kw wd s search page p pn tag".split())
_ID_QUERY_KEYS = re.compile(r"^(?:id|aid|articleid|article_id|newsid|news_id|docid|contentid|tid)$")


def url_score(url: str) -> float:
    """How likely ``url`` is an article page, from 0 (surely not) to 1.

    At or above ``ARTICLE_URL_THRESHOLD`` the URL looks like an article; lower scores are
    lists, sections, tags and the like that a crawl still explores for links.
    """
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.scheme not in ("http", "https") or _ASSET_EXT.search(path):
        return 0.0
    segments = [s for s in path.lower().split("/") if s]
    if not segments:
        return 0.05
    leaf = segments[-1]
    if _PAGE_LEAF.match(leaf) and not re.search(r"\d", leaf) and len(segments) > 1:
        leaf = segments[-2]  # /2019/11/18/politics/some-long-title/index.html
    dated = bool(_DATE_PATH.search(path) or _COMPACT_DATE.search(path))
    score = 0.3 + 0.3 * dated
    if _ID_LEAF.search(leaf) or _SLUG.match(leaf):
        score += 0.3
    elif _SHORT_SLUG.match(leaf) and (dated or leaf.count("-") >= 2 and "." in leaf):
        score += 0.2  # a short slug under a date, or a page: /2024/03/07/budget-vote/
    elif path.endswith("/") or _PAGE_LEAF.match(leaf):
        score -= 0.3  # a section or list: /local/, /local/index_2.html
    if leaf.endswith(".shtml"):
        score += 0.1
    if _ARTICLE_WORDS.search(path) and re.search(r"\d{3,}|-[a-z]+-", path):
        score += 0.2
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(_ID_QUERY_KEYS.match(k.lower()) and v.isdigit() for k, v in query):
        score += 0.3
    if any(s in _NEGATIVE_SEGMENTS or s.split(".")[0] in _NEGATIVE_SEGMENTS for s in segments):
        score -= 0.45
    if any(k.lower() in _NEGATIVE_QUERY_KEYS for k, _ in query):
        score -= 0.35
    if re.search(r"(?:^|[_-])(?:index|list|page)[_-]?\d+\.", leaf):
        score -= 0.2
    return round(min(1.0, max(0.0, score)), 3)


# --- the page itself -------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]+(?:['’][A-Za-z]+)?|\d+")
_DATE_TEXT = re.compile(
    r"(?<!\d)(?:19|20)\d\d\s*[-/.年]\s*(?:1[0-2]|0?[1-9])\s*[-/.月]\s*(?:3[01]|[12]\d|0?[1-9])"
    # a year apart from "mm/dd hh:mm", as templates that print the year in its own box
    r"|(?<!\d)(?:19|20)\d\d\s+(?:1[0-2]|0?[1-9])\s*/\s*(?:3[01]|[12]\d|0?[1-9])\s+[0-2]?\d:[0-5]\d"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d\d"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:19|20)\d\d",
)
# "发布时间：09-30 22:46", "Published: 7 March 2024": a labelled date, even without a year.
_LABELLED_DATE = re.compile(
    r"(?:发布|發布|发表|發表|更新|日期|时间|時間|Published|Posted|Updated)\s*(?:时间|時間|日期|on)?"
    r"\s*[:：]?\s*(?:"
    + _DATE_TEXT.pattern
    + r"|(?:1[0-2]|0?[1-9])\s*[-/月]\s*(?:3[01]|[12]\d|0?[1-9])\s*日?\s+[0-2]?\d:[0-5]\d)",
    re.I,
)
_META_DATE_NAMES = frozenset(
    """article:published_time og:release_date publishdate pubdate publish_date publishtime
    publication_date date dc.date dc.date.issued sailthru.date parsely-pub-date
    datepublished""".split()
)
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "nav", "footer", "select", "head")
_PARA_TAGS = frozenset({"p", "pre", "blockquote"})
_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 "
    "h6 header li main nav ol p pre section table tbody td th thead tr ul center".split()
)
MIN_BODY_UNITS = 100  # a short news brief; one CJK character or half a word is one unit
LONG_BODY_UNITS = 600  # long enough to pass as an article without a visible publish time


def text_units(text: str) -> int:
    """Amount of running text: one per CJK character, two per Latin word or number."""
    return len(_CJK.findall(text)) + 2 * len(_WORD.findall(text))


@dataclass(frozen=True)
class PageAssessment:
    """The decision on one page and the evidence for it (``reasons`` read as a log line)."""

    is_article: bool
    body_units: int = 0
    headline: str | None = None
    has_date: bool = False
    reasons: tuple[str, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return self.is_article


def is_article_page(html: str, url: str | None = None) -> bool:
    """True when the page is one article: dominant running text, a headline, a publish time."""
    return assess_page(html, url).is_article


def assess_page(html: str, url: str | None = None) -> PageAssessment:
    """The decision with its evidence; see ``is_article_page``."""
    root = parse(html)
    if root is None:
        return PageAssessment(False, reasons=("no markup",))
    title = _squash(" ".join(root.xpath("//title//text()")))
    meta_date = _meta_date(root)
    signals = _Signals.of(root)
    for el in list(root.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    body = root.find("body")
    if body is None:
        return PageAssessment(False, reasons=("no body",))
    main = _main_block(body)
    headline_el, headline = _headline(body, title)
    has_date = meta_date or (
        headline_el is not None and _date_near(body, headline_el, main.block if main else None)
    )
    units = main.units if main else 0
    reasons = [f"body {units} units"]
    verdict = True
    if main is None or units < MIN_BODY_UNITS:
        verdict = False
        reasons.append("no dominant text block")
    elif main.link_ratio > 0.35:
        verdict = False
        reasons.append(f"main block is mostly links ({main.link_ratio:.2f})")
    elif main.interleaved >= 3 and 2 * main.interleaved >= main.paragraphs:
        verdict = False
        reasons.append(f"headline links and teasers alternate {main.interleaved} times (a list)")
    if headline is None:
        verdict = False
        reasons.append("no headline")
    else:
        reasons.append(f"headline {headline[:30]!r}")
    if has_date:
        reasons.append("publish time " + ("in meta" if meta_date else "by the headline"))
    elif units < LONG_BODY_UNITS:
        verdict = False
        reasons.append("no publish time")
    if main is not None and _in_login_form(signals.login_forms, main.block):
        verdict = False
        reasons.append("login form")
    if signals.search_page(url, title, main.block if main else None) and units < LONG_BODY_UNITS:
        verdict = False
        reasons.append("search results")
    if main is not None:
        media = _media_in(main.block, signals)
        if media and units < 25 * media + MIN_BODY_UNITS:
            verdict = False
            reasons.append(f"{media} pictures/players with captions only (gallery or video)")
    return PageAssessment(verdict, units, headline, bool(has_date), tuple(reasons))


def _squash(text: str) -> str:
    return " ".join(text.split())


@dataclass
class _Signals:
    """Page-wide signs read before the tree is trimmed (forms, players)."""

    login_forms: list[lxml.html.HtmlElement]
    search_results: list[lxml.html.HtmlElement]  # elements classed as search results
    players: list[lxml.html.HtmlElement]

    @classmethod
    def of(cls, root: lxml.html.HtmlElement) -> _Signals:
        forms = root.xpath("//form[.//input[@type='password']]")
        players = root.xpath(
            "//video | //embed | //object | //iframe[contains(@src, 'player') "
            "or contains(@src, 'video') or contains(@src, 'youtube') "
            "or contains(@src, 'vimeo') or contains(@src, 'bilibili')]"
        )
        results = root.xpath(
            "//*[contains(@class, 'search-result') or contains(@class, 'searchresult') "
            "or contains(@class, 'search_result') or contains(@id, 'search-result') "
            "or contains(@id, 'searchresult') or contains(@id, 'search_result')]"
        )
        return cls(forms, results, players)

    def search_page(self, url: str | None, title: str, block: lxml.html.HtmlElement | None) -> bool:
        """Search results: the main block is (in) a results element, or title or URL say so."""
        if block is not None and any(
            el is block or _is_inside(block, el) or _is_inside(el, block)
            for el in self.search_results
        ):
            return True
        if re.search(r"搜索结果|搜尋結果|检索结果|檢索結果|search results", title, re.I):
            return True
        if url:
            parts = urlsplit(url)
            keys = {k.lower() for k, _ in parse_qsl(parts.query)}
            if keys & {"q", "query", "keyword", "keywords", "kw", "wd", "s"} and re.search(
                r"search|sou|\bso\b|find", parts.path, re.I
            ):
                return True
        return False


def _meta_date(root: lxml.html.HtmlElement) -> bool:
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _META_DATE_NAMES and _DATE_TEXT.search(meta.get("content") or ""):
            return True
    for el in root.xpath("//*[@itemprop='datePublished'] | //time[@pubdate]"):
        if _DATE_TEXT.search(el.get("datetime") or el.get("content") or el.text_content()):
            return True
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        if '"datePublished"' in json.dumps(data):
            return True
    return False


def _headline(
    body: lxml.html.HtmlElement, title: str
) -> tuple[lxml.html.HtmlElement | None, str | None]:
    """The page's headline: a heading, title-classed or bold line that the <title> repeats.

    Without such a line, the first plausible ``<h1>``.
    """
    title_key = _key(title)
    fallback: tuple[lxml.html.HtmlElement | None, str | None] = (None, None)
    candidates = body.xpath(
        "//h1 | //h2 | //h3 | //h4 | //*[contains(@class, 'title') or contains(@id, 'title')]"
        " | //strong | //b | //td | //div[not(*)] | //span[not(*)]"
    )
    for el in candidates:
        text = _squash(el.text_content())
        units = text_units(text)
        if not 4 <= units <= 160:
            continue
        key = _key(text)
        if len(key) >= 4 and key in title_key and len(key) >= 0.3 * len(title_key):
            return el, text  # may be a permalink: list teasers do not repeat the <title>
        linked = el.xpath(".//a[string-length(normalize-space()) > 3]")
        if fallback[0] is None and el.tag == "h1" and not linked:
            fallback = (el, text)
    return fallback


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


@dataclass
class _Block:
    block: lxml.html.HtmlElement
    units: int  # running (non-link) text in its paragraphs
    link_ratio: float
    interleaved: int  # times a headline link is followed by a teaser paragraph
    paragraphs: int  # lines of running text


def _lines(body: lxml.html.HtmlElement) -> list[tuple[lxml.html.HtmlElement, int, int]]:
    """Paragraph-like lines in document order: ``(owner block, text units, link units)``.

    A line is a ``<p>`` (owned by its enclosing block) or the own text of a block, outside
    its child blocks.
    """
    lines = []
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _PARA_TAGS:
            text, owner = el.text_content(), _block_parent(el)
            links = el.iter("a")
        elif el.tag in _BLOCK_TAGS or el.tag == "body":
            text, owner = _own_text(el), el
            links = (child for child in el if child.tag == "a")
        else:
            continue
        units = text_units(text)
        if units >= 6:
            link_units = min(units, sum(text_units(a.text_content()) for a in links))
            lines.append((owner, units, link_units))
    return lines


def _main_block(body: lxml.html.HtmlElement) -> _Block | None:
    """The block that holds the most running text, counting its children's paragraphs in full
    and its grandchildren's at half (so a body split over nested sections is one block);
    link text counts against a block, so a wrapper of sidebars and menus loses to the body."""
    lines = _lines(body)
    own: dict[lxml.html.HtmlElement, int] = {}
    for owner, units, link_units in lines:
        own[owner] = own.get(owner, 0) + units - 2 * link_units
    scores: dict[lxml.html.HtmlElement, float] = {}
    for owner, units in own.items():
        scores[owner] = scores.get(owner, 0) + units
        parent = owner.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + units
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0) + units / 2
    if not scores:
        return None
    block = max(scores, key=lambda el: scores[el])
    inside = [line for line in lines if _depth_below(line[0], block) <= 2]
    text = sum(units - link_units for _, units, link_units in inside)
    links = sum(link_units for _, _, link_units in inside)
    interleaved, paragraphs, previous = 0, 0, ""
    for _, units, link_units in inside:
        kind = "T" if link_units >= 0.7 * units and link_units >= 10 else "P"
        if kind == "P" and units - link_units < 20:
            continue
        paragraphs += kind == "P"
        interleaved += previous == "T" and kind == "P"
        previous = kind
    ratio = links / (text + links) if text + links else 0.0
    return _Block(block, text, ratio, interleaved, paragraphs)


def _depth_below(el: lxml.html.HtmlElement, block: lxml.html.HtmlElement) -> int:
    """0 for ``block`` itself, 1 for a child, 2 for a grandchild; 3 for anything else."""
    for depth in range(3):
        if el is None:
            break
        if el is block:
            return depth
        el = el.getparent()
    return 3


def _block_parent(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    parent = el.getparent()
    while parent is not None and parent.tag not in _BLOCK_TAGS and parent.tag != "body":
        parent = parent.getparent()
    return parent if parent is not None else el


def _own_text(el: lxml.html.HtmlElement) -> str:
    """Text directly in ``el`` and its inline children, not in child blocks or paragraphs."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _BLOCK_TAGS:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts)


def _date_near(
    body: lxml.html.HtmlElement,
    headline: lxml.html.HtmlElement,
    block: lxml.html.HtmlElement | None,
) -> bool:
    """A date just before or after the headline or at the start of the body, or a date
    labelled as the publish time anywhere."""
    before: list[str] = []
    after: list[str] = []
    seen = False
    for el in body.iter():
        if el is headline:
            seen = True
            continue
        if not isinstance(el.tag, str):
            continue
        pieces = [el.text or "", el.tail or ""]
        if not seen:
            before.extend(pieces)
            continue
        after.extend(pieces)
        if sum(len(p) for p in after) > 600:
            break
    window = _squash(" ".join(before))[-150:] + " " + _squash(" ".join(after))[:600]
    if _DATE_TEXT.search(window) or _LABELLED_DATE.search(window):
        return True
    if block is not None and _DATE_TEXT.search(_squash(block.text_content())[:200]):
        return True
    return bool(_LABELLED_DATE.search(_squash(body.text_content())))


def _media_in(block: lxml.html.HtmlElement, signals: _Signals) -> int:
    """Pictures in the main block's own lines, and players in it or beside it."""
    scope = block.getparent() if block.getparent() is not None else block
    pictures = sum(
        1
        for img in block.iter("img")
        if _depth_below(_block_parent(img), block) <= 2 and not _is_icon(img)
    )
    players = sum(1 for p in signals.players if _is_inside(p, scope))
    return (0 if pictures < 4 else pictures) + 5 * players


def _is_icon(img: lxml.html.HtmlElement) -> bool:
    """An icon, avatar or teaser thumbnail (a picture linking to another page)."""
    sizes = [img.get("width", ""), img.get("height", "")]
    if any(size.isdigit() and int(size) < 100 for size in sizes):
        return True
    link = next(img.iterancestors("a"), None)
    return link is not None and not _ASSET_EXT.search(urlsplit(link.get("href", "")).path)


def _in_login_form(forms: list[lxml.html.HtmlElement], block: lxml.html.HtmlElement) -> bool:
    """The main block is a login form, is inside one, or sits right beside one."""
    parent = block.getparent()
    return any(
        f is block or _is_inside(block, f) or (parent is not None and f.getparent() is parent)
        for f in forms
    )


def _is_inside(el: lxml.html.HtmlElement, scope: lxml.html.HtmlElement) -> bool:
    return any(anc is scope for anc in el.iterancestors())


# --- a starter profile from a crawl ------------------------------------------------------------

_TLD_TIMEZONES = {
    "cn": "Asia/Shanghai",
    "hk": "Asia/Hong_Kong",
    "mo": "Asia/Macau",
    "tw": "Asia/Taipei",
    "sg": "Asia/Singapore",
    "jp": "Asia/Tokyo",
    "kr": "Asia/Seoul",
    "uk": "Europe/London",
    "ie": "Europe/Dublin",
    "de": "Europe/Berlin",
    "fr": "Europe/Paris",
    "es": "Europe/Madrid",
    "it": "Europe/Rome",
    "nl": "Europe/Amsterdam",
    "au": "Australia/Sydney",
    "nz": "Pacific/Auckland",
}
_SECOND_LEVEL = frozenset("com net org gov edu ac co".split())
_TOKEN = re.compile(r"\d+|[A-Za-z]+|[^A-Za-z\d]")


def timezone_for_host(host: str) -> str | None:
    """The timezone of a host's country domain (``.cn`` -> Asia/Shanghai), if known."""
    return _TLD_TIMEZONES.get(host.lower().rstrip(".").rsplit(".", 1)[-1])


def site_domain(host: str) -> str:
    """The registrable part of ``host``: ``he.people.com.cn`` -> ``people.com.cn``."""
    labels = host.lower().strip(".").split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def suggest_profile(urls_seen: list[str], article_urls: list[str], start_url: str) -> str:
    """A starter profile (TOML text) for the site of ``start_url``, from what a crawl saw.

    ``urls_seen`` are all URLs fetched or discovered (sitemaps and feeds among them),
    ``article_urls`` those decided to be articles. The article pattern is generalised from
    the article URLs (digit runs become ``\\d{n}``, varying section names a name class,
    slugs of varying length a hyphenated-word class) and checked against the other URLs seen.
    """
    host = (urlsplit(start_url).hostname or "").lower()
    domain = site_domain(host)
    name = domain.split(".")[0]
    sitemaps = sorted({u for u in urls_seen if _is_sitemap_url(u)})
    feeds = sorted({u for u in urls_seen if _is_feed_url(u) and u not in sitemaps})
    pattern = article_pattern_for(article_urls) if article_urls else None
    others = set(urls_seen) - set(article_urls) - set(sitemaps) - set(feeds)
    false_hits = sorted(u for u in others if pattern and re.search(pattern, u))
    tz = timezone_for_host(host) or "UTC"
    lines = [
        f"# Starter profile for {host}, learnt from a crawl of {start_url}",
        f"# ({len(article_urls)} article URLs among {len(set(urls_seen))} seen). Check it, then",
        f"# save it as newscrawl/sites/{name}.toml.",
        f"description = {_toml_str(f'{host} (suggested from a crawl)')}",
        f"domains = [{_toml_str(domain)}]",
        f"start_urls = [{_toml_str(start_url)}]",
        f"sitemaps = [{', '.join(_toml_str(u) for u in sitemaps)}]",
        f"feeds = [{', '.join(_toml_str(u) for u in feeds)}]",
    ]
    if pattern:
        if false_hits:
            lines.append(
                f"# the pattern also matches {len(false_hits)} non-article URL(s), such as"
            )
            lines.extend(f"#   {u}" for u in false_hits[:3])
        lines.append(f"article_pattern = {_toml_literal(pattern)}")
    else:
        lines.append("# no article was found: write article_pattern by hand")
    if tz == "UTC":
        lines.append("# timezone unknown from the host name: set the site's own")
    lines.append(f"timezone = {_toml_str(tz)}")
    return "\n".join(lines) + "\n"


def _is_sitemap_url(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return "sitemap" in path and path.endswith((".xml", ".xml.gz", ".txt"))


def _is_feed_url(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return path.endswith((".rss", ".atom", "/feed", "/feed/", "/rss", "/rss/")) or bool(
        re.search(r"(?:rss|feed|atom)[^.]*\.xml$", path)
    )


def article_pattern_for(urls: list[str]) -> str:
    """A regular expression matching every URL of ``urls``, generalised over their shapes."""
    hosts = sorted({(urlsplit(u).hostname or "").lower() for u in urls})
    shapes: dict[tuple, list[list[str]]] = {}
    for url in urls:
        parts = urlsplit(url)
        segments = parts.path.split("/")[1:]
        if parts.query:
            segments[-1] += "?" + parts.query
        key = (len(segments), _kinds(segments[-1]))
        shapes.setdefault(key, []).append(segments)
    paths = []
    for group in shapes.values():
        columns = zip(*group, strict=True)
        paths.append("/".join(_generalise(list(column)) for column in columns))
    path = paths[0] if len(paths) == 1 else "(?:" + "|".join(sorted(paths)) + ")"
    return rf"^https?://{_host_pattern(hosts)}/{path}$"


def _host_pattern(hosts: list[str]) -> str:
    if len(hosts) == 1:
        return re.escape(hosts[0])
    if len(hosts) <= 6:
        return "(?:" + "|".join(re.escape(h) for h in hosts) + ")"
    return r"(?:[a-z0-9-]+\.)*" + re.escape(site_domain(hosts[0]))


def _kinds(segment: str) -> str:
    """The token kinds of a segment: ``t20240307_123.html`` -> ``a9_9.a``; ``slug`` for
    hyphenated words of any number."""
    if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+){2,}(?:\.s?html?)?", segment):
        return "slug"
    kinds = []
    for token in _TOKEN.findall(segment):
        kind = "9" if token.isdigit() else "a" if token.isalpha() else token
        if not kinds or kinds[-1] != kind or kind not in "9a":
            kinds.append(kind)
    return "".join(kinds)


def _generalise(values: list[str]) -> str:
    """One path segment's pattern covering all ``values`` (and their siblings to come)."""
    distinct = sorted(set(values))
    token_lists = [_TOKEN.findall(v) for v in distinct]
    if len({len(t) for t in token_lists}) == 1:
        return "".join(_generalise_token(list(col)) for col in zip(*token_lists, strict=True))
    if all("-" in v and re.fullmatch(r"[a-z0-9-]+(?:\.s?html?)?", v) for v in distinct):
        least = min(2, *(v.count("-") for v in distinct))
        ext = {v[v.index(".") :] if "." in v else "" for v in distinct}
        tail = re.escape(ext.pop()) if len(ext) == 1 else r"(?:\.s?html?)?"
        return rf"[a-z0-9]+(?:-[a-z0-9]+){{{least},}}" + tail
    if all(re.fullmatch(r"[A-Za-z0-9_-]+", v) for v in distinct):
        return "[A-Za-z0-9_-]+"  # section names: more will come than the crawl saw
    return "[^/]+"


def _generalise_token(tokens: list[str]) -> str:
    """Digit runs of two or more become ``\\d{n}`` even when all alike (dates and ids move
    on); words stay literal, or a letter class when they vary."""
    distinct = set(tokens)
    if all(t.isdigit() for t in tokens) and (len(distinct) > 1 or len(tokens[0]) > 1):
        lengths = {len(t) for t in tokens}
        low, high = min(lengths), max(lengths)
        return rf"\d{{{low}}}" if low == high else rf"\d{{{low},{high}}}"
    if len(distinct) == 1:
        return re.escape(tokens[0])
    if all(t.isalpha() for t in tokens):
        return "[A-Za-z]+"
    return "[^/]"


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _toml_literal(value: str) -> str:
    """A TOML literal string (no escapes), as regular expressions are best written."""
    if "'" not in value and "\n" not in value:
        return f"'{value}'"
    return _toml_str(value)
