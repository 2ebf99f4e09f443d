"""A misbehaving HTTP server on 127.0.0.1, its fixture site and a crawl harness for the tests."""
