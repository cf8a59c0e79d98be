"""Saved web pages: the article's own text without the site around it, and what <meta> says about it.

Pages come from anywhere and are often broken or huge. nh3 (a Rust HTML5 parser) first strips
scripts, styles and attributes, which is most of a saved page; BeautifulSoup then picks the
article out of what is left, unless even that is too big for it to parse in reasonable time.
"""

from __future__ import annotations

import logging
import re

import nh3
from bs4 import BeautifulSoup, Tag

from kbsite.model import Diagnostic, Document
from kbsite.readers.base import PAGE_HTML_CAP, cap_html, too_deep
from kbsite.readers.metadata import normalize
from kbsite.sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    DROPPED_WITH_CONTENT,
    clean_html,
    html_to_text,
    limit_nesting,
)

log = logging.getLogger(__name__)

# The site around an article: menus, banners, sidebars, forms.
CHROME = frozenset({"nav", "header", "footer", "aside", "form"})
# Kept by the first pass so that the article can be found and its title and date read.
_STRUCTURE = ALLOWED_TAGS | CHROME | {"h1", "img", "article", "main", "time"}
_STRUCTURE_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "img": {"src", "alt"}, "time": {"datetime"}}
# <meta> lives in <head>; a page that never opens <body> has it near the top.
_HEAD_LIMIT = 512_000
_BODY = re.compile(r"<body[\s>]", re.IGNORECASE)
# <meta name|property> -> metadata key; the first one found wins, in this order.
META_NAMES = {
    "date": ("article:published_time", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
             "pubdate", "publish-date", "og:published_time", "datepublished"),
    "author": ("author", "article:author", "dc.creator", "dcterms.creator"),
    "summary": ("description", "og:description", "dc.description"),
    "publisher": ("og:site_name", "publisher", "dc.publisher"),
    "url": ("og:url",),
    "tags": ("keywords", "news_keywords"),
    "lang": ("content-language", "dc.language", "og:locale"),
}


class HtmlReader:
    extensions = frozenset({".html", ".htm"})

    def read(self, source: str, text: str) -> Document:
        body_start = _BODY.search(text)
        head = BeautifulSoup(text[: body_start.start() if body_start else _HEAD_LIMIT][:_HEAD_LIMIT], "html.parser")
        found = _meta(head)
        title = found.pop("og:title", "") or _text(head.title)
        stripped = nh3.clean(
            text,
            tags=set(_STRUCTURE),
            clean_content_tags=set(DROPPED_WITH_CONTENT),
            attributes=_STRUCTURE_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
        )
        stripped, flattened = limit_nesting(stripped)  # before BeautifulSoup, which recurses on deep trees
        if len(stripped) > PAGE_HTML_CAP:
            log.debug("%s: too big to look for its <article>; reading the whole page", source)
            markup = stripped
        else:
            container = _container(BeautifulSoup(stripped, "html.parser"))
            h1 = container.find("h1")
            if isinstance(h1, Tag):
                heading = _text(h1)
                title = title or heading
                if heading == title:
                    h1.decompose()
            if "date" not in found and isinstance(time := container.find("time", datetime=True), Tag):
                found["date"] = str(time["datetime"])
            markup = str(container)
        meta, _ = normalize(found, source)  # detected, not written by the user: odd values are dropped quietly
        html = clean_html(markup, drop=CHROME)
        diagnostics: list[Diagnostic] = [too_deep(source)] if flattened else []
        if not html_to_text(html):
            html = clean_html(markup)  # a page that is all header or footer still has its text there
        plain = html_to_text(html)
        if not plain:
            diagnostics.append(Diagnostic(source, "no article text found in the page: check that it is the "
                                          "saved article and not an empty shell", severity="warning"))
        html, capped = cap_html(source, html)
        return Document(source, title, plain, html, meta, diagnostics + capped)


def _text(tag: object) -> str:
    return " ".join(tag.get_text(" ").split()) if isinstance(tag, Tag) else ""


def _meta(soup: BeautifulSoup) -> dict[str, object]:
    names: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        name = str(tag.get("name") or tag.get("property") or tag.get("http-equiv") or tag.get("itemprop") or "")
        content = tag.get("content")
        if name and isinstance(content, str) and content.strip():
            names.setdefault(name.strip().lower(), content.strip())
    found: dict[str, object] = {}
    for key, candidates in META_NAMES.items():
        name = next((n for n in candidates if n in names), None)
        if name:
            found[key] = names[name]
    if "og:title" in names:
        found["og:title"] = names["og:title"]
    html_tag = soup.find("html")
    if isinstance(html_tag, Tag) and isinstance(lang := html_tag.get("lang"), str) and lang.strip():
        found["lang"] = lang
    canonical = soup.find("link", rel="canonical", href=True)
    if isinstance(canonical, Tag) and "url" not in found:
        found["url"] = str(canonical["href"])
    return found


def _container(soup: BeautifulSoup) -> Tag:
    """The longest <article>, else <main>, else the whole page; never one without text."""
    articles = [a for a in soup.find_all("article") if _text(a)]
    if articles:
        return max(articles, key=lambda a: len(a.get_text()))
    main = soup.find("main")
    return main if isinstance(main, Tag) and _text(main) else soup
