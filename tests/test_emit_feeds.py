from __future__ import annotations

import html
import json
import posixpath
import xml.etree.ElementTree as ET

import pytest

from kbsite.emit.feeds import feed_files
from kbsite.model import Article, Site, Topic, TopicHit

HOSTILE = '<script>alert("x")</script> & ]]> \x01 <b>bold</b>'


def article(slug: str, date: str | None, topics: tuple[str, ...] = (), **extra: object) -> Article:
    hits = tuple(TopicHit(t, 1.0, ()) for t in topics)
    fields = {"title": f"Title {slug}", "summary": f"Summary of {slug}.", **extra}
    return Article(f"{slug}.txt", lang="en", text="Body.", html="", date=date, topics=hits, **fields)


def make_site(*articles: Article) -> Site:
    by_slug = {a.source.removesuffix(".txt"): a for a in articles}
    topics = sorted({hit.topic for a in articles for hit in a.topics})
    return Site(
        "KB & friends", dict(sorted(by_slug.items())),
        {t: Topic(t, {"en": t.capitalize()}) for t in topics}, {},
        {t: [s for s, a in sorted(by_slug.items()) if t in {h.topic for h in a.topics}] for t in topics},
        {}, {}, {}, {}, {}, {},
    )


@pytest.fixture
def site() -> Site:
    return make_site(
        article("old", "2013-04-02", ("tech",)),
        article("new", "2015-12-01", ("tech", "privacy"), author="Ann Author", url="https://example.com/news/1"),
        article("mid", "2015-11", ("privacy",), url="javascript:alert(1)"),
        article("undated", None, ("tech",)),
        article("timed", "2015-11-30T23:00:00+05:00"),
    )


def rss_items(text: str) -> list[ET.Element]:
    root = ET.fromstring(text)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.findall("channel/item")


def test_files_for_the_site_and_each_topic(site: Site) -> None:
    assert sorted(feed_files(site, site_url=None)) == [
        "feed.json", "feed.xml",
        "topics/privacy/feed.json", "topics/privacy/feed.xml", "topics/tech/feed.json", "topics/tech/feed.xml",
    ]


def test_newest_first_undated_last(site: Site) -> None:
    files = feed_files(site, site_url=None)
    expected = ["Title new", "Title timed", "Title mid", "Title old", "Title undated"]
    assert [i.findtext("title") for i in rss_items(files["feed.xml"])] == expected
    assert [i["title"] for i in json.loads(files["feed.json"])["items"]] == expected
    undated = rss_items(files["feed.xml"])[-1]
    assert undated.find("pubDate") is None


def test_per_topic_feed_holds_only_that_topic(site: Site) -> None:
    files = feed_files(site, site_url=None)
    assert [i.findtext("title") for i in rss_items(files["topics/privacy/feed.xml"])] == ["Title new", "Title mid"]
    feed = json.loads(files["topics/tech/feed.json"])
    assert feed["title"] == "KB & friends: Tech"
    assert [i["title"] for i in feed["items"]] == ["Title new", "Title old", "Title undated"]


def test_dates_come_from_the_articles(site: Site) -> None:
    files = feed_files(site, site_url=None)
    channel = ET.fromstring(files["feed.xml"]).find("channel")
    assert channel.findtext("lastBuildDate") == "Tue, 01 Dec 2015 00:00:00 +0000"
    assert channel.findtext("item/pubDate") == "Tue, 01 Dec 2015 00:00:00 +0000"
    items = json.loads(files["feed.json"])["items"]
    assert [i.get("date_published") for i in items] == [
        "2015-12-01T00:00:00Z", "2015-11-30T23:00:00+05:00", "2015-11-01T00:00:00Z", "2013-04-02T00:00:00Z", None,
    ]
    assert feed_files(site, site_url=None) == files


def test_no_dates_means_no_build_date() -> None:
    files = feed_files(make_site(article("a", None)), site_url=None)
    assert ET.fromstring(files["feed.xml"]).find("channel/lastBuildDate") is None


def test_relative_links_reach_the_article_pages(site: Site) -> None:
    pages = {f"articles/{slug}.html" for slug in site.articles} | {"index.html", "topics/tech.html",
                                                                   "topics/privacy.html"}
    for path, text in feed_files(site, site_url=None).items():
        folder = posixpath.dirname(path)
        if path.endswith(".xml"):
            channel = ET.fromstring(text).find("channel")
            links = [channel.findtext("link"), *(i.findtext("link") for i in channel.findall("item"))]
        else:
            links = [i["url"] for i in json.loads(text)["items"]]
            assert "feed_url" not in json.loads(text)
        for link in links:
            assert posixpath.normpath(posixpath.join(folder, link)) in pages, (path, link)


@pytest.mark.parametrize("site_url", ["https://u.github.io/kb", "https://u.github.io/kb/"])
def test_absolute_links_under_the_site_url(site: Site, site_url: str) -> None:
    files = feed_files(site, site_url=site_url)
    channel = ET.fromstring(files["topics/tech/feed.xml"]).find("channel")
    assert channel.findtext("link") == "https://u.github.io/kb/topics/tech.html"
    item = channel.find("item")
    assert item.findtext("link") == "https://u.github.io/kb/articles/new.html"
    assert item.find("guid").get("isPermaLink") == "true"
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("href") == "https://u.github.io/kb/topics/tech/feed.xml"
    feed = json.loads(files["feed.json"])
    assert feed["feed_url"] == "https://u.github.io/kb/feed.json"
    assert feed["items"][0]["url"] == "https://u.github.io/kb/articles/new.html"


def test_limit_keeps_the_newest() -> None:
    site = make_site(*(article(f"a{i:02d}", f"2015-01-{i + 1:02d}") for i in range(30)))
    items = rss_items(feed_files(site, site_url=None, limit=5)["feed.xml"])
    assert [i.findtext("title") for i in items] == [f"Title a{i}" for i in (29, 28, 27, 26, 25)]


def test_hostile_text_stays_text() -> None:
    site = make_site(article("evil", "2015-01-01", ("tech",), title=HOSTILE, summary=HOSTILE, author=HOSTILE))
    clean = HOSTILE.replace("\x01", "")
    for path, text in feed_files(site, site_url=None).items():
        if path.endswith(".xml"):
            item = rss_items(text)[0]  # parses despite <, &, ]]> and a control character
            assert item.findtext("title") == clean
            # Readers treat description as HTML: once unescaped it must still be the literal text.
            assert html.unescape(item.findtext("description")) == clean
            assert "<script" not in item.findtext("description")
        else:
            item = json.loads(text)["items"][0]
            assert (item["title"], item["content_text"], item["authors"]) == (clean, clean, [{"name": clean}])


def test_only_web_addresses_become_external_urls(site: Site) -> None:
    items = {i["title"]: i for i in json.loads(feed_files(site, site_url=None)["feed.json"])["items"]}
    assert items["Title new"]["external_url"] == "https://example.com/news/1"
    assert "external_url" not in items["Title mid"]
    assert items["Title new"]["tags"] == ["Tech", "Privacy"]


def test_quotes_are_escaped_once() -> None:
    said = "It's \"new\", says O'Brien"
    site = make_site(article("q", "2015-01-01", ("tech",), title=said, summary=said))
    rss = feed_files(site, site_url=None)["feed.xml"]
    assert "&amp;#x27;" not in rss and "&amp;quot;" not in rss and "&amp;#" not in rss
    assert rss_items(rss)[0].findtext("description") == said


def test_feeds_are_valid_rss_2_and_json_feed_1_1(site: Site) -> None:
    """What the specifications require of each element, checked on every feed a site has."""
    from email.utils import parsedate_to_datetime

    for path, text in feed_files(site, site_url="https://example.org/kb/").items():
        if path.endswith(".xml"):
            channel = ET.fromstring(text).find("channel")
            assert all(channel.findtext(tag) for tag in ("title", "link", "description")), path
            for item in channel.findall("item"):
                assert item.findtext("title") or item.findtext("description"), path
                assert item.findtext("link").startswith("https://example.org/kb/"), path
                if item.find("pubDate") is not None:
                    assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None, path
        else:
            feed = json.loads(text)
            assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["title"], path
            assert feed["feed_url"].startswith("https://example.org/kb/"), path
            ids = [item["id"] for item in feed["items"]]
            assert len(ids) == len(set(ids)) and all(isinstance(i, str) and i for i in ids), path
            for item in feed["items"]:
                assert "content_text" in item or "content_html" in item, path
                if "date_published" in item:  # RFC 3339
                    assert item["date_published"].endswith("Z") or "+" in item["date_published"], path
