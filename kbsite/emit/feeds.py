"""RSS 2.0 and JSON Feed 1.1 of the articles: the whole site and each topic.

Newest first by the article's own date; undated articles come last, in slug order, so a
small KB without dates still has a feed. Nothing reads the clock: lastBuildDate is the
newest article's date, so the same KB always gives the same bytes.
"""

from __future__ import annotations

import html
import json
import logging
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import quote

from kbsite.dates import as_datetime
from kbsite.emit.markup import safe_url
from kbsite.model import Article, Site
from kbsite.paths import FEED, HOME_PAGE, article_page, html_path, topic_feed, topic_page

log = logging.getLogger(__name__)

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM = "http://www.w3.org/2005/Atom"
SUMMARY_CHARS = 500
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

ET.register_namespace("atom", ATOM)


def feed_files(site: Site, *, site_url: str | None, limit: int = 50) -> dict[str, str]:
    """Path under docs/ -> feed text: feed.xml, feed.json and topics/<id>/feed.xml, .json.

    Item links are absolute under `site_url` when it is given, else relative to the feed file.
    """
    files: dict[str, str] = {}
    feeds = [(FEED, site.title, list(site.articles), html_path(HOME_PAGE))]
    for topic_id, topic in site.topics.items():
        slugs = [s for s in site.topic_articles.get(topic_id, []) if s in site.articles]
        feeds.append((topic_feed(topic_id), f"{site.title}: {topic.label()}", slugs, html_path(topic_page(topic_id))))
    for feed, title, slugs, home in feeds:
        folder = feed.rpartition("/")[0] + "/" if "/" in feed else ""
        articles = _newest_first(site, slugs)[:limit]
        links = _Links(site_url, folder)
        files[f"{feed}.xml"] = _rss(site, title, articles, links, home)
        files[f"{feed}.json"] = _json_feed(site, title, articles, links, home)
    log.debug("wrote %d feeds", len(files))
    return files


class _Links:
    """Turns a path under the site root into the URL a feed item carries."""

    def __init__(self, site_url: str | None, folder: str) -> None:
        self.root = site_url.rstrip("/") + "/" if site_url else None
        self.up = "../" * folder.count("/")
        self.folder = folder

    @property
    def absolute(self) -> bool:
        return self.root is not None

    def __call__(self, path: str) -> str:
        quoted = quote(path, safe="/")
        return self.root + quoted if self.root is not None else self.up + quoted


def _newest_first(site: Site, slugs: list[str]) -> list[tuple[str, Article, datetime | None]]:
    dated: list[tuple[datetime, str]] = []
    undated: list[str] = []
    for slug in sorted(set(slugs)):
        when = as_datetime(site.articles[slug].date)
        if when is None:
            undated.append(slug)
        else:
            dated.append((when, slug))
    dated.sort(key=lambda row: row[0], reverse=True)  # stable: same date stays in slug order
    return [(slug, site.articles[slug], when) for when, slug in dated] + [(s, site.articles[s], None) for s in undated]


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


def _summary(site: Site, slug: str) -> str:
    article = site.articles[slug]
    text = " ".join((article.summary or site.body(slug).text).split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rstrip() + "…"


def _topic_labels(site: Site, article: Article) -> list[str]:
    return [site.topics[hit.topic].label() for hit in article.topics if hit.topic in site.topics]


def _rss(site: Site, title: str, articles: list[tuple[str, Article, datetime | None]], links: _Links,
         home: str) -> str:
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = _clean(title)
    ET.SubElement(channel, "link").text = links(home)
    ET.SubElement(channel, "description").text = _clean(f"New articles in {title}")
    if links.absolute:
        ET.SubElement(channel, f"{{{ATOM}}}link", {"href": links(f"{links.folder}{FEED}.xml"), "rel": "self",
                                                  "type": "application/rss+xml"})
    ET.SubElement(channel, "generator").text = "kbsite"
    newest = next((when for _, _, when in articles if when is not None), None)
    if newest is not None:
        ET.SubElement(channel, "lastBuildDate").text = format_datetime(newest)
    for slug, article, when in articles:
        item = ET.SubElement(channel, "item")
        url = links(html_path(article_page(slug)))
        ET.SubElement(item, "title").text = _clean(article.title or slug)
        ET.SubElement(item, "link").text = url
        ET.SubElement(item, "guid", {"isPermaLink": "true" if links.absolute else "false"}).text = url
        # Readers render description as HTML: <, > and & once more, so hostile text stays text. Quotes are
        # not markup in a text node: escaped, they would show as "&amp;#x27;" in the file and in lax readers.
        ET.SubElement(item, "description").text = _clean(html.escape(_summary(site, slug), quote=False))
        if when is not None:
            ET.SubElement(item, "pubDate").text = format_datetime(when)
        for label in _topic_labels(site, article):
            ET.SubElement(item, "category").text = _clean(label)
    ET.indent(rss)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss, encoding="unicode") + "\n"


def _json_feed(site: Site, title: str, articles: list[tuple[str, Article, datetime | None]], links: _Links,
               home: str) -> str:
    feed: dict[str, object] = {"version": JSON_FEED_VERSION, "title": _clean(title)}
    if links.absolute:
        feed["home_page_url"] = links(home)
        feed["feed_url"] = links(f"{links.folder}{FEED}.json")
    items = []
    for slug, article, when in articles:
        url = links(html_path(article_page(slug)))
        item: dict[str, object] = {"id": url, "url": url, "title": _clean(article.title or slug),
                                   "content_text": _clean(_summary(site, slug)), "language": article.lang}
        if when is not None:
            item["date_published"] = when.isoformat().replace("+00:00", "Z")
        if article.author:
            item["authors"] = [{"name": _clean(article.author)}]
        if external := safe_url(article.url):
            item["external_url"] = external
        if tags := _topic_labels(site, article):
            item["tags"] = [_clean(t) for t in tags]
        items.append(item)
    feed["items"] = items
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"
