"""A static SVG picture of the knowledge graph, drawn at build time.

No JavaScript and no network: the picture must work from file:// and survive a strict
Content-Security-Policy. Nodes sit on concentric rings (centre, topics, entities,
articles) so labels do not pile up, and only the best-connected nodes are drawn, so the
picture stays legible whether the KB has five articles or fifty thousand.
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files
from itertools import islice, zip_longest
from urllib.parse import quote

from kbsite.emit.rendered import Rendered
from kbsite.mkdocs_hooks import compact
from kbsite.model import Site
from kbsite.paths import GRAPH, GRAPH_SCRIPT, article_page, entity_page, graph_picture, html_path, topic_page

log = logging.getLogger(__name__)

MAX_NODES = 40
MAX_LABEL = 26
STRONGEST = 3  # lines drawn per node on the whole KB's picture: its strongest links, not a hairball
LABEL_PX = 13  # labels keep this size on screen at any width and zoom (graph.js)
KINDS = ("topic", "entity", "article")
# Fills with at least 4.5:1 contrast on white, so nodes and their legend read in any theme.
COLOURS = {"topic": "#3949ab", "entity": "#00695c", "article": "#a63d12"}
RADIUS = {"topic": 9.0, "entity": 7.0, "article": 5.0}
RING_GAP = 180.0  # longer than a label, which runs outwards along its radius between two rings
FIRST_RING = {True: 110.0, False: 70.0}  # inner radius with and without a centre node and its label
NODE_SPACING = 30.0  # arc length between neighbours on a ring: more than a line of text
LABEL_MARGIN = 190.0  # room outside the outer ring for labels

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

Node = tuple[str, str]  # (kind, id)


@dataclass(frozen=True)
class _Placed:
    node: Node
    label: str
    x: float
    y: float


def graph_svg(site: Site, *, center: tuple[str, str] | None = None, base: str = "") -> str:
    """The whole KB's graph, or with `center` (("topic"|"entity", id)) that node and its neighbours.

    `base` is the relative path from the SVG's folder to the site root, e.g. "../../".
    """
    return _draw(site, _edges(site), center, base)


def graph_files(site: Site, rendered: Rendered | None = None) -> dict[str, str]:
    """Path under docs/ -> SVG: the whole KB, and one neighbourhood per topic and per entity; and the script
    they share (one file rather than a copy in each picture: a big KB has thousands of them).

    `rendered`: the last build's pictures, taken again where what a picture is drawn from is the same (one
    article's edit changes a few neighbourhoods, not the thousand others)."""
    edges = _edges(site)  # once: a big KB has thousands of neighbourhoods to draw
    files = {GRAPH_SCRIPT: _script_code(), GRAPH: _draw(site, edges, None, _base(GRAPH), rendered)}
    for kind, ids in (("topic", site.topics), ("entity", site.entities)):
        for node_id in ids:
            path = graph_picture(kind, node_id)
            files[path] = _draw(site, edges, (kind, node_id), _base(path), rendered)
    log.debug("drew %d graph pictures", len(files))
    return files


def _draw(site: Site, edges: dict[Node, dict[Node, None]], center: Node | None, base: str,
          rendered: Rendered | None = None) -> str:
    if center is not None:
        if center[0] not in KINDS or not _exists(site, center):
            raise KeyError(f"no {center[0]} {center[1]!r} in the site")
        nodes = _neighbourhood(edges, center)
    else:
        nodes = _top_nodes(edges, site)

    def draw() -> str:
        return _render(site, _layout(site, nodes, edges, center), edges, center, base)

    if rendered is None:
        return draw()
    # Everything the layout and the drawing read: the nodes, their labels, and each node's links among the
    # nodes drawn, in the Site's order (the strongest come first); the KB's title on the whole KB's picture.
    shown = set(nodes)
    links = [[m for m in edges.get(n, {}) if m in shown] for n in nodes]
    labels = [_label(site, n) for n in nodes]
    return rendered.text(draw, "graph", center, base, nodes, labels, links,
                         site.title if center is None else None)[0]


def _base(path: str) -> str:
    return "../" * path.count("/")


def _exists(site: Site, node: Node) -> bool:
    kind, node_id = node
    return node_id in {"topic": site.topics, "entity": site.entities, "article": site.articles}[kind]


def _edges(site: Site) -> dict[Node, dict[Node, None]]:
    """Undirected adjacency, insertion-ordered best first as the Site lists them."""
    adjacency: dict[Node, dict[Node, None]] = defaultdict(dict)

    def link(a: Node, b: Node) -> None:
        if a != b and _exists(site, a) and _exists(site, b):
            adjacency[a][b] = None
            adjacency[b][a] = None

    for topic_id, slugs in sorted(site.topic_articles.items()):
        for slug in slugs:
            link(("topic", topic_id), ("article", slug))
    for entity_id, slugs in sorted(site.entity_articles.items()):
        for slug in slugs:
            link(("entity", entity_id), ("article", slug))
    for topic_id, others in sorted(site.related_topics.items()):
        for other, _shared in others:
            link(("topic", topic_id), ("topic", other))
    for entity_id, others in sorted(site.cooccurring.items()):
        for other, _shared in others:
            link(("entity", entity_id), ("entity", other))
    return adjacency


def _round_robin(queues: list[list[Node]], limit: int) -> list[Node]:
    """Take from each kind in turn, so no kind crowds the others out of the picture."""
    interleaved = (node for group in zip_longest(*queues) for node in group if node is not None)
    return list(islice(interleaved, limit))


def _top_nodes(edges: dict[Node, dict[Node, None]], site: Site) -> list[Node]:
    everything = [
        *(("topic", t) for t in site.topics),
        *(("entity", e) for e in site.entities),
        *(("article", a) for a in site.articles),
    ]
    queues = [
        sorted((n for n in everything if n[0] == kind), key=lambda n: (-len(edges.get(n, ())), n[1]))
        for kind in KINDS
    ]
    return _round_robin(queues, MAX_NODES)


def _neighbourhood(edges: dict[Node, dict[Node, None]], center: Node) -> list[Node]:
    around = edges.get(center, {})
    queues = [[n for n in around if n[0] == kind] for kind in KINDS]
    return [center, *_round_robin(queues, MAX_NODES - 1)]


def _label(site: Site, node: Node) -> str:
    kind, node_id = node
    if kind == "topic":
        return site.topics[node_id].label()
    if kind == "entity":
        return site.entities[node_id].name
    return site.articles[node_id].title or node_id


def _layout(site: Site, nodes: list[Node], edges: dict[Node, dict[Node, None]], center: Node | None) -> list[_Placed]:
    """Concentric rings; each ring is ordered by the mean angle of its neighbours on inner rings.

    That ordering puts an article next to its topics, which keeps most edges short.
    """
    placed: list[_Placed] = []
    angles: dict[Node, float] = {}
    radius = 0.0
    if center is not None:
        placed.append(_Placed(center, _label(site, center), 0.0, 0.0))
        angles[center] = 0.0
    rings = 0
    for kind in KINDS:
        members = [n for n in nodes if n[0] == kind and n != center]
        if not members:
            continue
        rings += 1
        least = radius + RING_GAP if radius else FIRST_RING[center is not None]
        radius = max(least, len(members) * NODE_SPACING / (2 * math.pi))

        def wanted(node: Node) -> tuple[float, str]:
            around = edges.get(node, {})
            near = [angle for m, angle in angles.items() if m in around and m != center]
            if not near:
                return (7.0, node[1])  # after every real angle, in id order
            angle = math.atan2(sum(map(math.sin, near)), sum(map(math.cos, near))) % (2 * math.pi)
            return (round(angle, 6), node[1])

        ordered = members if not angles or len(angles) == 1 else sorted(members, key=wanted)
        offset = (rings % 2 == 0) * math.pi / len(ordered)  # stagger rings so edges miss inner nodes
        for i, node in enumerate(ordered):
            angle = offset + 2 * math.pi * i / len(ordered) - math.pi / 2
            angles[node] = (angle + math.pi / 2) % (2 * math.pi)  # clockwise from the top, like the slots
            placed.append(_Placed(node, _label(site, node), radius * math.cos(angle), radius * math.sin(angle)))
    return placed


def _num(value: float) -> str:
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _xml(text: str) -> str:
    return escape(_XML_INVALID.sub("", text), quote=True)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def _href(node: Node, base: str) -> str:
    kind, node_id = node
    page = {"topic": topic_page, "entity": entity_page, "article": article_page}[kind](node_id)
    return base + quote(html_path(page), safe="/")


def _drawn_lines(placed: list[_Placed], edges: dict[Node, dict[Node, None]],
                 center: Node | None) -> list[tuple[_Placed, _Placed]]:
    """Around a centre, all its links and each neighbour's strongest few; for the whole KB, each node's
    strongest few (its first neighbours, which the Site lists best first)."""
    shown = {p.node for p in placed}
    strongest = {p.node: [n for n in edges.get(p.node, {}) if n in shown][:STRONGEST] for p in placed}
    lines = []
    for i, p in enumerate(placed):
        around = edges.get(p.node, {})
        for q in placed[i + 1:]:
            if q.node in around and (center in (p.node, q.node) or q.node in strongest[p.node]
                                     or p.node in strongest[q.node]):
                lines.append((p, q))
    return lines


@cache
def _script_code() -> str:
    return files("kbsite.emit").joinpath("graph.js").read_text(encoding="utf-8")


def _controls() -> list[str]:
    """Zoom buttons, shown only where the script runs (it moves them to the corner and keeps their size)."""
    out = ['<g class="kb-controls" font-size="16">']
    for i, (name, sign, label) in enumerate((("in", "+", "Zoom in"), ("out", "−", "Zoom out"),
                                             ("reset", "↺", "Reset the view"))):
        x = -36 * (3 - i)
        out.append(f'<g data-control="{name}" role="button" tabindex="0" aria-label="{label}" class="kb-control">'
                   f"<title>{label}</title>"
                   f'<rect x="{x}" y="0" width="32" height="32" rx="4"/>'
                   f'<text x="{x + 16}" y="21" text-anchor="middle">{sign}</text></g>')
    out.append("</g>")
    return out


STYLE = (
    "<style>text{fill:#1b1b1b;stroke:#fff;stroke-width:3px;paint-order:stroke}"
    ".kb-node circle{stroke:#fff;stroke-width:1.5px}.kb-lines,.kb-near{fill:none}"
    + "".join(f".kb-{kind} circle{{fill:{colour}}}" for kind, colour in COLOURS.items())
    + ".kb-control rect{fill:#fff;stroke:#6b6b6b}.kb-control text{stroke:none}"
    ".kb-controls{display:none}.kb-interactive .kb-controls{display:inline;cursor:pointer}"
    ".kb-interactive{cursor:grab}.kb-node circle{cursor:pointer}"
    ".kb-focused .kb-node:not(.kb-near){opacity:.2}.kb-focused .kb-lines{opacity:.1}"
    "path.kb-near{stroke:#1b1b1b;stroke-width:2}"
    ".kb-control:focus rect,a:focus circle{stroke:#1b1b1b;stroke-width:3}</style>"
)


def _render(site: Site, placed: list[_Placed], edges: dict[Node, dict[Node, None]], center: Node | None,
            base: str) -> str:
    extent = max((math.hypot(p.x, p.y) for p in placed), default=0.0) + LABEL_MARGIN
    size = 2 * extent
    if center is None:
        title = f"{site.title}: knowledge graph"
    else:
        title = f"{_label(site, center)}: its {center[0]} neighbourhood"
    counts = {kind: sum(1 for p in placed if p.node[0] == kind) for kind in KINDS}
    desc = (
        f"{counts['topic']} topics, {counts['entity']} entities and {counts['article']} articles"
        f"{' around ' + _label(site, center) if center else ''}; each is a link to its page."
    )
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'role="img" aria-labelledby="kb-graph-title kb-graph-desc" width="{_num(size)}" height="{_num(size)}" '
        f'viewBox="{_num(-extent)} {_num(-extent)} {_num(size)} {_num(size)}" '
        f'font-family="system-ui, sans-serif" font-size="{LABEL_PX}">',
        f'<title id="kb-graph-title">{_xml(title)}</title>',
        f'<desc id="kb-graph-desc">{_xml(desc)}</desc>',
        STYLE,
        f'<rect x="{_num(-10 * extent)}" y="{_num(-10 * extent)}" width="{_num(20 * size)}" height="{_num(20 * size)}" '
        'fill="#ffffff"/>',
        '<g stroke="#b0b0b0" stroke-width="1" aria-hidden="true">',
    ]
    out.append(_lines(placed, _drawn_lines(placed, edges, center)))
    out.append("</g>")
    for p in placed:
        out.append(_node(p, base, is_center=p.node == center))
    out.extend(_legend(extent))
    out.extend(_controls())
    out.append(f'<script href="{base}{GRAPH_SCRIPT}"/>')
    out.append("</svg>")
    return compact("\n".join(out) + "\n")  # as the pages are: links to non-Latin names in letters, not %XX


def _lines(placed: list[_Placed], lines: list[tuple[_Placed, _Placed]]) -> str:
    """Every line in one path, and which nodes each joins (`data-edges`: pairs of node numbers, in the order
    the nodes are drawn) for graph.js to highlight a node's links: a line element each, with the ids of its
    ends, was half of a picture's bytes."""
    number = {p.node: i for i, p in enumerate(placed)}
    path = "".join(f"M{_int(p.x)} {_int(p.y)}L{_int(q.x)} {_int(q.y)}" for p, q in lines)
    ends = " ".join(f"{number[p.node]} {number[q.node]}" for p, q in lines)
    return f'<path class="kb-lines" d="{path.replace(" -", "-")}" data-edges="{ends}"/>'


def _int(value: float) -> str:
    """A coordinate to the unit: a picture is about a thousand units across, so a unit is under a pixel."""
    return str(round(value))


def _node(p: _Placed, base: str, *, is_center: bool) -> str:
    kind = p.node[0]
    r = RADIUS[kind] * (1.6 if is_center else 1.0)
    href = _xml(_href(p.node, base))
    if is_center or math.hypot(p.x, p.y) < 1:
        text = f'x="{_int(p.x)}" y="{_int(p.y + r + 14)}" text-anchor="middle"'
    else:
        # Labels run outwards along the radius, into the gap before the next ring; on the
        # left half they are turned round (and end at the node) so they still read left to right.
        angle = math.atan2(p.y, p.x)
        left = p.x < -0.05
        gap = math.hypot(p.x, p.y) + r + 4
        degrees = math.degrees(angle) + (180 if left else 0)
        anchor = ' text-anchor="end"' if left else ""
        text = f'dy=".35em"{anchor} transform="rotate({_num(degrees)}) translate({_int(-gap if left else gap)})"'
    weight = ' font-weight="bold"' if is_center else ""
    return (
        f'<a href="{href}" target="_top" class="kb-node kb-{kind}">'
        f"<title>{_xml(kind.capitalize() + ': ' + p.label)}</title>"
        f'<circle cx="{_int(p.x)}" cy="{_int(p.y)}" r="{_num(r)}"/>'
        f"<text {text}{weight}>{_xml(_short(p.label))}</text></a>"
    )


def _legend(extent: float) -> list[str]:
    """In the top left corner; where the script runs, it stays there at its size on screen as the view moves."""
    out = [f'<g class="kb-legend" aria-hidden="true" font-size="{LABEL_PX}" '
           f'transform="translate({_num(-extent)} {_num(-extent)})">']
    for i, kind in enumerate(KINDS):
        y = 18 + i * 18
        out.append(f'<circle cx="14" cy="{y}" r="5" fill="{COLOURS[kind]}"/>')
        out.append(f'<text x="24" y="{y + 4}">{kind}</text>')
    out.append("</g>")
    return out
