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
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_TIMES = 2

DOWNLOADER_MIDDLEWARES = {
    "newscrawl.middlewares.LocalProxyMiddleware": 740,
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

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
