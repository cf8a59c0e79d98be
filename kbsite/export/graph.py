"""The knowledge graph as a file: articles, topics and entities, with typed, weighted edges.

GraphML for Gephi, Cytoscape and networkx; node-link JSON for scripts. Node ids are prefixed
by kind ("article:", "topic:", "entity:"), so a topic and an entity may share a name.
"""

from __future__ import annotations

import io
import json

import networkx as nx

from kbsite.model import Site


def knowledge_graph(site: Site, slugs: list[str]) -> nx.MultiDiGraph:
    """Edges: about (article -> topic, its score), mentions (article -> entity, its count), related
    (article -> article, 1 for the best down to 1/n), same_story, duplicate, broader (topic -> parent)."""
    kept = set(slugs)
    graph = nx.MultiDiGraph()
    for topic_id, t in site.topics.items():
        graph.add_node(f"topic:{topic_id}", kind="topic", label=t.label(), parent=t.parent or "")
    for entity_id, e in site.entities.items():
        graph.add_node(f"entity:{entity_id}", kind="entity", label=e.name, type=e.type)
    for slug in slugs:
        a = site.articles[slug]
        graph.add_node(f"article:{slug}", kind="article", label=a.title, lang=a.lang, date=a.date or "",
                       publisher=a.publisher or "")
    for topic_id, t in site.topics.items():
        if t.parent in site.topics:
            graph.add_edge(f"topic:{topic_id}", f"topic:{t.parent}", key="broader", type="broader", weight=1.0)
    for slug in slugs:
        node = f"article:{slug}"
        a = site.articles[slug]
        for hit in a.topics:
            if hit.topic in site.topics:
                graph.add_edge(node, f"topic:{hit.topic}", key="about", type="about", weight=float(hit.score))
        for m in a.mentions:
            if m.entity in site.entities:
                graph.add_edge(node, f"entity:{m.entity}", key="mentions", type="mentions", weight=float(m.count))
        links = (("related", site.related.get(slug, [])), ("same_story", site.story.get(slug, [])),
                 ("duplicate", site.duplicates.get(slug, [])))
        for kind, others in links:
            others = [o for o in others if o in kept]
            for rank, other in enumerate(others):
                weight = 1.0 - rank / len(others) if kind == "related" else 1.0
                graph.add_edge(node, f"article:{other}", key=kind, type=kind, weight=round(weight, 4))
    return graph


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    out = io.BytesIO()
    nx.write_graphml(graph, out, encoding="utf-8", prettyprint=True)
    return out.getvalue()


def to_json(graph: nx.MultiDiGraph) -> bytes:
    data = nx.node_link_data(graph, edges="edges")
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
