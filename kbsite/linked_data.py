"""What a page says about itself to machines: schema.org JSON-LD and the citation meta tags.

Search engines and citation tools (Zotero's connector, Google Scholar, library systems) read a
page's <head>, not its prose. The page generator renders it with `head_html`, escaped there
(article text is untrusted), into the page's front matter, and the MkDocs hook moves it into <head>.
"""

from __future__ import annotations

import html
import json

from kbsite.citations import Source, web
from kbsite.model import Article, Entity, Site

SCHEMA_TYPES = {
    "person": "Person", "organisation": "Organization", "organization": "Organization", "agency": "Organization",
    "company": "Organization", "place": "Place", "country": "Place", "city": "Place", "location": "Place",
    "product": "Product",
}


def entity_type(entity: Entity) -> str:
    return SCHEMA_TYPES.get(entity.type.lower(), "Thing")


def article_ld(site: Site, slug: str, links: dict[str, str]) -> dict[str, object]:
    """NewsArticle (or Article, without a publisher); `links` maps topic and entity ids to their pages' URLs."""
    a: Article = site.articles[slug]
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle" if a.publisher else "Article",
        "headline": a.title,
        "inLanguage": a.lang,
    }
    if a.date:
        data["datePublished"] = a.date
    if a.author:
        data["author"] = {"@type": "Person", "name": a.author}
    if a.publisher:
        data["publisher"] = {"@type": "Organization", "name": a.publisher}
    if url := web(a.url):
        data["sameAs"] = url
    about = [{"@type": "Thing", "name": site.topics[h.topic].label(a.lang), "url": links[f"topic:{h.topic}"]}
             for h in a.topics if f"topic:{h.topic}" in links]
    if about:
        data["about"] = about
    mentions = [{"@type": entity_type(site.entities[m.entity]), "name": site.entities[m.entity].name,
                 "url": links[f"entity:{m.entity}"]}
                for m in a.mentions if f"entity:{m.entity}" in links]
    if mentions:
        data["mentions"] = mentions
    return data


def entity_ld(entity: Entity) -> dict[str, object]:
    data: dict[str, object] = {"@context": "https://schema.org", "@type": entity_type(entity), "name": entity.name}
    names = [a for a in entity.all_aliases() if a != entity.name]
    if names:
        data["alternateName"] = names
    if entity.description:
        data["description"] = entity.description
    return data


def citation_meta(source: Source) -> list[list[str]]:
    """Highwire Press `citation_*` tags (Google Scholar, Zotero) and Dublin Core, only for what is known."""
    tags = [["citation_title", source.title], ["DC.title", source.title], ["citation_language", source.lang],
            ["DC.language", source.lang]]
    if source.author:
        tags += [["citation_author", source.author], ["DC.creator", source.author]]
    if source.date:
        tags += [["citation_publication_date", source.date.replace("-", "/")], ["DC.date", source.date]]
    if source.publisher:
        tags += [["citation_journal_title", source.publisher], ["DC.publisher", source.publisher]]
    if url := web(source.url):
        tags += [["citation_public_url", url], ["DC.identifier", url]]
    return tags


def _script_json(data: object) -> str:
    """JSON that cannot end its <script> element or open a comment: <, > and & as escapes."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def head_html(ld: dict[str, object], tags: list[list[str]] = ()) -> str:
    """The <head> lines of a page: its meta tags and its JSON-LD, escaped here (the hook inserts them as they are)."""
    out = []
    for name, content in tags:
        out.append(f'<meta name="{html.escape(name, quote=True)}" '
                   f'content="{html.escape(" ".join(content.split()), quote=True)}">')
    out.append(f'<script type="application/ld+json">{_script_json(ld)}</script>')
    return "".join(out)
