import pytest

from newscrawl.urls import canonical_url


@pytest.mark.parametrize(
    "url, expected",
    [
        (
            "http://a.cn/n2/2024/0307/c1-1.html?utm_source=x&spm=1",
            "http://a.cn/n2/2024/0307/c1-1.html",
        ),
        ("http://A.cn/x.html#comments", "http://a.cn/x.html"),
        ("http://a.cn/news/index.html", "http://a.cn/news/"),
        ("http://a.cn/x.php?b=2&a=1&from=timeline", "http://a.cn/x.php?a=1&b=2"),
        ("http://a.cn/x.php?id=5", "http://a.cn/x.php?id=5"),
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_scheme_and_mobile_host_fold_into_one_url():
    hosts = {"m.a.cn": "www.a.cn"}
    a = canonical_url("https://m.a.cn/x.html", scheme="http", mobile_hosts=hosts)
    b = canonical_url("http://www.a.cn/x.html?utm_medium=app", scheme="http", mobile_hosts=hosts)
    assert a == b == "http://www.a.cn/x.html"
