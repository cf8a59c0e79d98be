"""An article page's citation: the data of its "Cite" box (templates/cite.md.j2), and what <head> tells machines.

The formats come from kbsite.citations, the same code as `export`, so a page and an export cite alike.
"""

from __future__ import annotations

from kbsite import citations
from kbsite.emit.context import Context
from kbsite.emit.markup import relative
from kbsite.linked_data import article_ld, citation_meta, entity_ld, head_html
from kbsite.paths import html_path

FORMATS = (("BibTeX", "bib", citations.bibtex), ("RIS", "ris", citations.ris),
           ("CSL-JSON", "json", lambda s: citations.csl_json([s])))


def source(ctx: Context, slug: str) -> citations.Source:
    return citations.source_of(ctx.site.articles[slug], slug)


def article_head(ctx: Context, slug: str) -> str:
    here = ctx.article_path(slug)
    a = ctx.site.articles[slug]
    links = {}
    for hit in a.topics:
        if hit.topic in ctx.site.topics and ctx.exists(ctx.topic_path(hit.topic)):
            links[f"topic:{hit.topic}"] = html_path(relative(here, ctx.topic_path(hit.topic)))
    for m in a.mentions:
        if m.entity in ctx.site.entities and ctx.exists(ctx.entity_path(m.entity)):
            links[f"entity:{m.entity}"] = html_path(relative(here, ctx.entity_path(m.entity)))
    return head_html(article_ld(ctx.site, slug, links), citation_meta(source(ctx, slug)))


def entity_head(ctx: Context, entity_id: str) -> str:
    return head_html(entity_ld(ctx.site.entities[entity_id]))

