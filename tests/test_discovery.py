from newscrawl.discovery import is_feed_or_sitemap, parse_feed, parse_sitemap

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>http://a.cn/1.html</loc>
    <news:news><news:publication_date>2024-03-07T14:52:00+08:00</news:publication_date>
    <news:title>T</news:title></news:news></url>
  <url><loc> http://a.cn/2.html </loc><lastmod>2024-03-08</lastmod></url>
</urlset>"""


def test_news_sitemap_gives_urls_and_publication_dates():
    kind, entries = parse_sitemap(NEWS_SITEMAP)
    assert kind == "urlset"
    assert [(e.url, e.published, e.modified) for e in entries] == [
        ("http://a.cn/1.html", "2024-03-07T14:52:00+08:00", None),
        ("http://a.cn/2.html", None, "2024-03-08"),
    ]


def test_sitemap_index():
    body = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>http://a.cn/s1.xml</loc><lastmod>2024-01-01</lastmod></sitemap></sitemapindex>"""
    assert parse_sitemap(body) == ("index", [parse_sitemap(body)[1][0]])
    assert parse_sitemap(body)[1][0].url == "http://a.cn/s1.xml"


def test_entities_are_not_expanded_and_garbage_is_unknown():
    xxe = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <urlset><url><loc>&x;</loc></url></urlset>"""
    kind, entries = parse_sitemap(xxe)
    assert all("root:" not in e.url for e in entries)
    assert parse_sitemap(b"\x00\xff not xml") == ("unknown", [])


def test_rss_and_atom_feeds():
    rss = b"""<rss version="2.0"><channel><item><title>a</title><link>http://a.cn/1.html</link>
    <pubDate>Thu, 07 Mar 2024 14:52:00 +0800</pubDate></item></channel></rss>"""
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate"
    href="http://a.cn/2.html"/><published>2024-03-07T06:52:00Z</published></entry></feed>"""
    assert [(e.url, e.published) for e in parse_feed(rss)] == [
        ("http://a.cn/1.html", "Thu, 07 Mar 2024 14:52:00 +0800")
    ]
    assert [(e.url, e.published) for e in parse_feed(atom)] == [
        ("http://a.cn/2.html", "2024-03-07T06:52:00Z")
    ]
    assert is_feed_or_sitemap("application/xml", rss) == "feed"
    assert is_feed_or_sitemap("text/xml", NEWS_SITEMAP) == "sitemap"
    assert is_feed_or_sitemap("text/html", b"<html></html>") is None
