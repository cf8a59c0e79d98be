"""The KB as tables: one row per article, entity, topic and mention, for spreadsheets and data tools.

Rows are plain dicts in a fixed column order, built from a Site and nothing else, so the CSV and
the JSON Lines of an export say the same thing. Lists inside a CSV cell are joined with "; " as
`id:value` pairs, the form a spreadsheet user can split.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from kbsite import citations
from kbsite.citations import Source, csl, text
from kbsite.model import Site
from kbsite.paths import article_page, entity_page, html_path, topic_page

ARTICLE_COLUMNS = ("id", "title", "language", "date", "publisher", "author", "source_url", "page_url", "file",
                   "word_count", "topics", "entities", "story", "duplicate_of", "citation")
ENTITY_COLUMNS = ("id", "name", "type", "aliases", "description", "articles", "mentions", "page_url")
TOPIC_COLUMNS = ("id", "label", "parent", "description", "articles", "page_url")
MENTION_COLUMNS = ("article", "entity", "count", "passage")


def page_url(site_url: str | None, page: str) -> str:
    """A page's address: absolute where the site has one, else its path inside the site."""
    path = html_path(page)
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def source_of(site: Site, slug: str, site_url: str | None) -> Source:
    return citations.source_of(site.articles[slug], slug, page_url(site_url, article_page(slug)) if site_url else None)


def stories(site: Site) -> dict[str, str]:
    """slug -> the id of its story: the first slug of the articles tied by same-story or duplicate links."""
    parent = {slug: slug for slug in site.articles}

    def root(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    links = [site.story, site.translations, site.duplicates]
    for table in links:
        for slug, others in table.items():
            for other in others:
                if other in parent:
                    a, b = sorted((root(slug), root(other)))
                    parent[b] = a
    return {slug: root(slug) for slug in site.articles}


def duplicate_of(site: Site) -> dict[str, str]:
    """slug -> the first (in slug order) of the articles it duplicates, for all but that first one."""
    found: dict[str, str] = {}
    for slug, others in sorted(site.duplicates.items()):
        first = min([slug, *others])
        if first != slug:
            found[slug] = first
    return found


def article_rows(site: Site, slugs: Iterable[str], site_url: str | None, *, with_text: bool) -> list[dict]:
    story, dup = stories(site), duplicate_of(site)
    rows = []
    for slug in slugs:
        a = site.articles[slug]
        body = site.body(slug).text
        source = source_of(site, slug, site_url)
        row: dict[str, object] = {
            "id": slug, "title": a.title, "language": a.lang, "date": a.date, "publisher": a.publisher,
            "author": a.author, "source_url": a.url, "page_url": page_url(site_url, article_page(slug)),
            "file": a.source, "word_count": len(body.split()),
            "topics": [{"id": h.topic, "score": round(h.score, 4)} for h in a.topics if h.topic in site.topics],
            "entities": [{"id": m.entity, "count": m.count} for m in a.mentions if m.entity in site.entities],
            "story": story[slug], "duplicate_of": dup.get(slug), "citation": text(source), "csl": csl(source),
        }
        if with_text:
            row["text"] = body
        rows.append(row)
    return rows


def entity_rows(site: Site, slugs: set[str], site_url: str | None) -> list[dict]:
    rows = []
    for entity_id, e in site.entities.items():
        mentions = [m for s in site.entity_articles[entity_id] if s in slugs
                    for m in site.articles[s].mentions if m.entity == entity_id]
        rows.append({"id": entity_id, "name": e.name, "type": e.type,
                     "aliases": [a for a in e.all_aliases() if a != e.name], "description": e.description,
                     "articles": len(mentions), "mentions": sum(m.count for m in mentions),
                     "page_url": page_url(site_url, entity_page(entity_id))})
    return rows


def topic_rows(site: Site, slugs: set[str], site_url: str | None) -> list[dict]:
    return [{"id": topic_id, "label": t.label(), "parent": t.parent, "description": t.description,
             "articles": sum(1 for s in site.topic_articles[topic_id] if s in slugs),
             "page_url": page_url(site_url, topic_page(topic_id))}
            for topic_id, t in site.topics.items()]


def mention_rows(site: Site, slugs: Iterable[str]) -> list[dict]:
    return [{"article": slug, "entity": m.entity, "count": m.count, "passage": m.passage}
            for slug in slugs for m in site.articles[slug].mentions if m.entity in site.entities]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(":".join(str(v) for v in item.values()) if isinstance(item, dict) else str(item)
                         for item in value)
    return str(value)


def to_csv(rows: list[dict], columns: tuple[str, ...], *, bom: bool = False) -> bytes:
    """RFC 4180: one header row, every field quoted, CRLF line ends; UTF-8, with a BOM for spreadsheets if asked."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return ("\ufeff" if bom else "").encode("utf-8") + out.getvalue().encode("utf-8")


def to_jsonl(rows: list[dict]) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n" for row in rows).encode("utf-8")
