"""`kbsite export`: what kbsite knows of a KB, as files a researcher opens outside the site.

Tables (CSV and JSON Lines), the knowledge graph (GraphML and JSON), and citations of every
article (BibTeX and CSL-JSON), for the whole KB or the part a filter selects. Pure: a Site in,
file names and bytes out; the command line writes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kbsite import citations
from kbsite.export import graph, tables
from kbsite.model import Site


@dataclass(frozen=True)
class Selection:
    """Like the search's filters: articles in this language, of this topic, naming this entity, in these dates.

    Dates compare as ISO prefixes, as the search does: until="2015-12" keeps 2015-12-31."""

    lang: str | None = None
    topic: str | None = None
    entity: str | None = None
    since: str | None = None
    until: str | None = None

    def keeps(self, site: Site, slug: str) -> bool:
        a = site.articles[slug]
        if self.lang and a.lang != self.lang:
            return False
        if self.topic and self.topic not in {h.topic for h in a.topics}:
            return False
        if self.entity and self.entity not in {m.entity for m in a.mentions}:
            return False
        if self.since or self.until:
            if not a.date:
                return False
            if self.since and a.date < self.since:
                return False
            if self.until and a.date > self.until + "\uffff":
                return False
        return True


def export_files(site: Site, selection: Selection = Selection(), *, site_url: str | None = None,
                 bom: bool = False) -> dict[str, bytes]:
    slugs = [s for s in site.articles if selection.keeps(site, s)]
    kept = set(slugs)
    rows = tables.article_rows(site, slugs, site_url, with_text=True)
    sources = [tables.source_of(site, s, site_url) for s in slugs]
    knowledge = graph.knowledge_graph(site, slugs)
    return {
        "articles.csv": tables.to_csv(rows, tables.ARTICLE_COLUMNS, bom=bom),
        "articles.jsonl": tables.to_jsonl(rows),
        "entities.csv": tables.to_csv(tables.entity_rows(site, kept, site_url), tables.ENTITY_COLUMNS, bom=bom),
        "topics.csv": tables.to_csv(tables.topic_rows(site, kept, site_url), tables.TOPIC_COLUMNS, bom=bom),
        "mentions.csv": tables.to_csv(tables.mention_rows(site, slugs), tables.MENTION_COLUMNS, bom=bom),
        "graph.graphml": graph.to_graphml(knowledge),
        "graph.json": graph.to_json(knowledge),
        "citations.bib": "\n".join(citations.bibtex(s) for s in sources).encode("utf-8"),
        "citations.json": citations.csl_json(sources).encode("utf-8"),
        "citations.ris": "".join(citations.ris(s) + "\n" for s in sources).encode("utf-8"),
    }
