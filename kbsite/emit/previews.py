"""Link previews: the title, date and opening words of every page a link may point to, for preview.js.

A reader who hovers or focuses a link to an article, topic or entity sees what is behind it. The data
is split into shards by a hash of the page path (FNV-1a, which preview.js computes the same way), each a
script calling `kbPreviewData`, so it loads with <script> tags from file:// too and a page loads only
the shards its links need.
"""

from __future__ import annotations

import json
import math

from kbsite.emit.languages import language_name
from kbsite.model import Site
from kbsite.paths import PREVIEWS, article_page, entity_page, html_path, topic_page

PER_SHARD = 200  # previews per file: a few tens of kB each
FOLDER = PREVIEWS


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes (preview.js has the same function)."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def _script(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "kbPreviewData(" + text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + ");\n"


def previews(site: Site) -> dict[str, dict[str, str]]:
    """Page path (as built, .html) -> what its preview shows; only the fields a page has."""
    out: dict[str, dict[str, str]] = {}
    for slug, a in site.articles.items():
        item = {"title": a.title, "kind": "article", "lang": language_name(a.lang)}
        if a.date:
            item["date"] = a.date
        if a.publisher:
            item["source"] = a.publisher
        if text := a.summary or a.lead:
            item["text"] = text
        out[html_path(article_page(slug))] = item
    for topic_id, t in site.topics.items():
        out[html_path(topic_page(topic_id))] = {"title": t.label(), "kind": "topic", "text": t.description,
                                                "count": str(len(site.topic_articles.get(topic_id, [])))}
    for entity_id, e in site.entities.items():
        out[html_path(entity_page(entity_id))] = {"title": e.name, "kind": e.type, "text": e.description,
                                                  "count": str(len(site.entity_articles.get(entity_id, [])))}
    return {path: {k: v for k, v in item.items() if v} for path, item in out.items()}


def preview_files(site: Site) -> dict[str, str]:
    """index.js (how many shards) and the shards, under assets/kbsite/previews/."""
    items = previews(site)
    shards = max(1, math.ceil(len(items) / PER_SHARD))
    buckets: list[dict[str, dict[str, str]]] = [{} for _ in range(shards)]
    for path, item in items.items():
        buckets[fnv1a(path) % shards][path] = item
    files = {f"{FOLDER}/index.js": _script({"shards": shards})}
    files.update({f"{FOLDER}/{n}.js": _script({"shard": n, "pages": bucket}) for n, bucket in enumerate(buckets)})
    return files
