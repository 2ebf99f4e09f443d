"""Scrapy settings for newscrawl (see https://docs.scrapy.org/en/latest/topics/settings.html)."""

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"

# Identity and politeness: say who we are, obey robots.txt, adapt to the server's pace.
USER_AGENT = "newscrawl/0.1 (+https://github.com/newscrawl/newscrawl; archive crawler)"
ROBOTSTXT_OBEY = True
ROBOTSTXT_PARSER = "scrapy.robotstxt.ProtegoRobotParser"
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.5
DEPTH_LIMIT = 5

# Reliability (docs/RELIABILITY.md). A page bigger than DOWNLOAD_MAXSIZE (after decompression,
# so gzip bombs stop there too) is refused; real article pages stay well under 4 MB.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 4 * 1024 * 1024
DOWNLOAD_WARNSIZE = 1024 * 1024
DOWNLOAD_FAIL_ON_DATALOSS = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 10
# Honour Retry-After (429/503) up to this many seconds; a longer wait gives the URL up.
NEWSCRAWL_RETRY_AFTER_MAX = 60
# Crawl-trap bounds for non-article pages: query strings per path, URLs per shape.
NEWSCRAWL_MAX_QUERY_VARIANTS = 20
NEWSCRAWL_MAX_PAGES_PER_SHAPE = 500
# Per-run budgets (0 = none); set them with `newscrawl crawl -s NAME=VALUE`.
CLOSESPIDER_PAGECOUNT = 0
CLOSESPIDER_TIMEOUT = 0

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawl.reliability.StrictRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.reliability.RetryAfterMiddleware": 550,
    # process_response runs from high to low: binary check after decompression (590),
    # redirect guard before RedirectMiddleware (600) follows anything.
    "newscrawl.reliability.BinaryContentMiddleware": 585,
    "newscrawl.reliability.RedirectGuardMiddleware": 650,
    "newscrawl.middlewares.LocalProxyMiddleware": 740,
}
SPIDER_MIDDLEWARES = {
    "newscrawl.reliability.CrawlTrapMiddleware": 950,
}
# A live progress line on a terminal, plain periodic log lines otherwise; and a stop at the
# first archive write error (disk full, read-only) instead of failing every later page.
EXTENSIONS = {
    "newscrawl.reliability.ArchiveErrorGuard": 100,
    "newscrawl.progress.Progress": 500,
}

ITEM_PIPELINES = {
    "newscrawl.pipelines.DecodePipeline": 100,
    "newscrawl.pipelines.RepairPipeline": 200,
    "newscrawl.pipelines.ExtractPipeline": 300,
    "newscrawl.pipelines.ValidatePipeline": 400,
    "newscrawl.pipelines.DedupePipeline": 500,
    "newscrawl.pipelines.ArchivePipeline": 600,
}

# Where the archive lives; `newscrawl --db` and `-a db=PATH` override it.
NEWSCRAWL_DB = "data/archive.db"
# An HTTP proxy on 127.0.0.1 that serves bundled sites under their real names (demo, tests).
NEWSCRAWL_PROXY = None
# Worker processes for decoding, repair and extraction during a crawl (0: in the crawl's own
# process). 2 on a 2-core machine lets a CPU-bound crawl use both cores; see newscrawl/cleaning.py.
NEWSCRAWL_CLEAN_WORKERS = 0
# Where webmasters can reach whoever runs the crawl; when set, the User-Agent names it.
NEWSCRAWL_CONTACT = None

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
