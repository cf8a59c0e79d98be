from __future__ import annotations

import dataclasses
import hashlib
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from kbsite.emit.graph import MAX_NODES, STRONGEST, graph_files, graph_svg
from kbsite.emit.rendered import Rendered
from kbsite.model import Article, Entity, Site, Topic

SVG = "{http://www.w3.org/2000/svg}"
GRAPH_JS = (Path(__file__).parent.parent / "kbsite" / "emit" / "graph.js").read_text(encoding="utf-8")
HOSTILE = '<script>alert("x")</script> & \x01 ]]>'


def make_site(articles: dict[str, dict], topics: dict[str, str], entities: dict[str, str],
              related_topics: dict | None = None, cooccurring: dict | None = None) -> Site:
    """articles: slug -> {"title", "topics": [...], "entities": [...]}."""
    topic_articles = {t: [s for s, a in articles.items() if t in a.get("topics", ())] for t in topics}
    entity_articles = {e: [s for s, a in articles.items() if e in a.get("entities", ())] for e in entities}
    return Site(
        title="Test KB",
        articles={s: Article(s + ".txt", a.get("title", s), "en", "", "") for s, a in sorted(articles.items())},
        topics={t: Topic(t, {"en": label}) for t, label in sorted(topics.items())},
        entities={e: Entity(e, name, "organisation") for e, name in sorted(entities.items())},
        topic_articles=topic_articles,
        entity_articles=entity_articles,
        related={},
        translations={},
        related_topics=related_topics or {},
        cooccurring=cooccurring or {},
        backlinks={},
    )


@pytest.fixture
def site() -> Site:
    return make_site(
        {
            "exit": {"title": "BlackBerry leaves", "topics": ["tech"], "entities": ["bb"]},
            "pta": {"title": "Regulator's order", "topics": ["tech", "privacy"], "entities": ["bb", "pta"]},
            "блэкберри": {"title": "Уход BlackBerry", "topics": ["privacy"], "entities": ["pta"]},
            "lonely": {"title": "Unrelated"},
        },
        {"tech": "Technology", "privacy": "Privacy", "empty": "Nothing here"},
        {"bb": "BlackBerry", "pta": "PTA"},
        related_topics={"tech": [("privacy", 1)], "privacy": [("tech", 1)]},
        cooccurring={"bb": [("pta", 1)], "pta": [("bb", 1)]},
    )


def pages(site: Site) -> set[str]:
    return {
        *(f"articles/{s}.html" for s in site.articles),
        *(f"topics/{t}.html" for t in site.topics),
        *(f"entities/{e}.html" for e in site.entities),
    }


def nodes(svg: str, svg_path: str) -> list[str]:
    """The page each node links to, resolved from the SVG's own folder to a path under the site root."""
    root = ET.fromstring(svg)
    targets = []
    for a in root.iter(f"{SVG}a"):
        href = a.get("href")
        targets.append(posixpath.normpath(posixpath.join(posixpath.dirname(svg_path), unquote(href))))
    return targets


def drawn_lines(svg: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The nodes (their links, in drawing order) and the lines between them, as pairs of node links."""
    root = ET.fromstring(svg)
    drawn = [a.get("href") for a in root.iter(f"{SVG}a") if "kb-node" in a.get("class", "").split()]
    numbers = [int(n) for path in root.iter(f"{SVG}path") for n in path.get("data-edges", "").split()]
    return drawn, [(drawn[a], drawn[b]) for a, b in zip(numbers[::2], numbers[1::2], strict=True)]


def test_every_node_of_every_file_links_to_an_existing_page(site: Site) -> None:
    files = graph_files(site)
    assert files.pop("assets/kbsite/graph.js") == GRAPH_JS
    assert set(files) == {
        "assets/kbsite/graph.svg",
        "assets/kbsite/graph/topics/tech.svg", "assets/kbsite/graph/topics/privacy.svg",
        "assets/kbsite/graph/topics/empty.svg",
        "assets/kbsite/graph/entities/bb.svg", "assets/kbsite/graph/entities/pta.svg",
    }
    for path, svg in files.items():
        targets = nodes(svg, path)
        assert targets, path
        assert set(targets) <= pages(site), path


def test_whole_graph_shows_every_node_of_a_small_kb(site: Site) -> None:
    assert sorted(nodes(graph_svg(site), "index.html")) == sorted(pages(site))


def test_svg_is_accessible_and_self_contained(site: Site) -> None:
    svg = graph_svg(site)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Test KB: knowledge graph"
    assert "articles" in root.find(f"{SVG}desc").text
    # ours, and only ours: the site's one copy of graph.js, no code inside the picture
    assert [(s.get("href"), s.text) for s in root.iter(f"{SVG}script")] == [("assets/kbsite/graph.js", None)]
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    labels = {t.text for t in root.iter(f"{SVG}text")}
    assert {"Technology", "PTA", "Уход BlackBerry"} <= labels
    tooltips = {a.find(f"{SVG}title").text for a in root.iter(f"{SVG}a")}
    assert "Entity: BlackBerry" in tooltips


def test_hostile_labels_are_text_not_markup() -> None:
    site = make_site({"a": {"title": HOSTILE, "topics": ["t"], "entities": ["e"]}}, {"t": HOSTILE}, {"e": HOSTILE})
    for path, svg in graph_files(site).items():
        if not path.endswith(".svg"):
            continue
        root = ET.fromstring(svg)  # well-formed despite <, &, ]]> and a control character
        assert not list(root.iter("script")), path
        assert [s.text for s in root.iter(f"{SVG}script")] == [None], path
        tooltips = [a.find(f"{SVG}title").text for a in root.iter(f"{SVG}a")]
        assert 'Article: <script>alert("x")</script> &  ]]>' in tooltips


def test_neighbourhood_holds_the_centre_and_only_its_neighbours(site: Site) -> None:
    topic = nodes(graph_svg(site, center=("topic", "tech"), base="../../../../"), "assets/kbsite/graph/topics/t.svg")
    assert sorted(topic) == ["articles/exit.html", "articles/pta.html", "topics/privacy.html", "topics/tech.html"]
    entity = nodes(graph_svg(site, center=("entity", "pta")), "x.svg")
    assert sorted(entity) == ["articles/pta.html", "articles/блэкберри.html", "entities/bb.html", "entities/pta.html"]
    assert nodes(graph_svg(site, center=("topic", "empty")), "x.svg") == ["topics/empty.html"]


def test_centre_is_drawn_first_in_the_middle(site: Site) -> None:
    root = ET.fromstring(graph_svg(site, center=("entity", "bb")))
    first = next(root.iter(f"{SVG}a"))
    circle = first.find(f"{SVG}circle")
    assert first.get("href") == "entities/bb.html"
    assert (circle.get("cx"), circle.get("cy")) == ("0", "0")


def test_unknown_centre_is_an_error(site: Site) -> None:
    with pytest.raises(KeyError):
        graph_svg(site, center=("topic", "missing"))


@pytest.fixture(scope="module")
def big() -> Site:
    topics = {f"t{i}": f"Topic {i}" for i in range(12)}
    entities = {f"e{i}": f"Entity {i}" for i in range(60)}
    articles = {
        f"a{i:04d}": {"topics": [f"t{i % 12}", f"t{i % 5}"], "entities": [f"e{i % 60}", f"e{(i * 7) % 60}"]}
        for i in range(2000)
    }
    return make_site(articles, topics, entities)


def test_node_cap_holds_on_a_big_kb(big: Site) -> None:
    whole = nodes(graph_svg(big), "x.svg")
    assert len(whole) == MAX_NODES
    assert {p.split("/")[0] for p in whole} == {"topics", "entities", "articles"}
    around = nodes(graph_svg(big, center=("topic", "t0")), "x.svg")
    assert len(around) == MAX_NODES
    assert around[0] == "topics/t0.html"
    assert all(p.startswith("articles/") for p in around[1:])


def test_output_is_deterministic(big: Site) -> None:
    assert graph_files(big) == graph_files(big)


def test_the_whole_kb_shows_each_nodes_strongest_links_not_a_hairball(big: Site) -> None:
    drawn, lines = drawn_lines(graph_svg(big))
    assert len(drawn) == MAX_NODES
    assert lines
    assert len(lines) <= STRONGEST * len(drawn)  # every line is one end's strongest
    assert len(lines) < len(drawn) * (len(drawn) - 1) / 8


def test_a_neighbourhood_keeps_every_link_of_its_centre(big: Site) -> None:
    drawn, lines = drawn_lines(graph_svg(big, center=("topic", "t0")))
    to_centre = {b for a, b in lines if a == "topics/t0.html"}
    assert to_centre == set(drawn[1:])


def test_each_line_joins_the_centres_of_the_nodes_it_names(big: Site) -> None:
    """graph.js highlights a node's lines from data-edges: they must be the lines the picture draws."""
    root = ET.fromstring(graph_svg(big, center=("entity", "e3")))
    centres = [(a.find(f"{SVG}circle").get("cx"), a.find(f"{SVG}circle").get("cy")) for a in root.iter(f"{SVG}a")]
    path = next(root.iter(f"{SVG}path"))
    segments = re.findall(r"M(-?\d+) ?(-?\d+)L(-?\d+) ?(-?\d+)", path.get("d"))
    assert "".join(f"M{a} {b}L{c} {d}" for a, b, c, d in segments).replace(" -", "-") == path.get("d")
    numbers = [int(n) for n in path.get("data-edges").split()]
    assert [((a, b), (c, d)) for a, b, c, d in segments] == [
        (centres[i], centres[j]) for i, j in zip(numbers[::2], numbers[1::2], strict=True)]
    assert len(segments) >= MAX_NODES - 1  # at least the centre's links


def test_a_full_neighbourhood_weighs_at_most_16_kb(big: Site) -> None:
    """One picture per topic and entity, thousands of them: each must stay small (GitHub Pages holds 1 GB)."""
    long_names = make_site(
        {f"a{i:04d}": {"title": f"An article with a rather long title number {i}", "topics": ["t"],
                       "entities": ["e0", f"e{1 + i % 30}"]} for i in range(200)},
        {"t": "Topic"}, {f"e{i}": f"An entity with a long name {i}" for i in range(31)},
        cooccurring={"e0": [(f"e{i}", 3) for i in range(1, 31)]})
    svg = graph_svg(long_names, center=("entity", "e0"), base="../../../../")
    assert len(nodes(svg, "x.svg")) == MAX_NODES
    assert len(svg.encode()) <= 16_000


def test_zoom_controls_are_buttons_with_names(site: Site) -> None:
    root = ET.fromstring(graph_svg(site))
    controls = [g for g in root.iter(f"{SVG}g") if g.get("data-control")]
    assert [(c.get("data-control"), c.get("role"), c.get("tabindex")) for c in controls] == [
        ("in", "button", "0"), ("out", "button", "0"), ("reset", "button", "0")]
    assert all(c.get("aria-label") for c in controls)


def _drawn_again(site: Site, docs: Path, manifest: dict[str, str], record: dict[str, str], monkeypatch):
    """The pictures with the last build's taken again, and the paths of those drawn anew."""
    import kbsite.emit.graph as graph

    drawn: list[str] = []
    layout = graph._layout

    def counted(site, nodes, edges, center):
        drawn.append(f"{center}")
        return layout(site, nodes, edges, center)

    monkeypatch.setattr(graph, "_layout", counted)
    rendered = Rendered("salt", record, docs, manifest)
    files = graph_files(site, rendered)
    monkeypatch.setattr(graph, "_layout", layout)
    return files, rendered.made, drawn


def _written(docs: Path, files: dict[str, str]) -> dict[str, str]:
    for path, text in files.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    return {path: hashlib.sha256(text.encode("utf-8")).hexdigest() for path, text in files.items()}


def test_only_the_pictures_showing_a_change_are_drawn_again_and_all_equal_a_fresh_drawing(site, tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    files, record, drawn = _drawn_again(site, docs, {}, {}, monkeypatch)
    assert files == graph_files(site) and len(drawn) == len(files) - 1  # every picture but the script
    manifest = _written(docs, files)

    again, record, drawn = _drawn_again(site, docs, manifest, record, monkeypatch)
    assert again == files and drawn == []

    site.articles["lonely"] = dataclasses.replace(site.articles["lonely"], title="Now with a new title")
    site.entity_articles["pta"].remove("pta")  # a link fewer: the entity's neighbourhood changes
    fresh = graph_files(site)
    changed = {path for path in fresh if fresh[path] != files[path]}
    again, _, drawn = _drawn_again(site, docs, manifest, record, monkeypatch)
    assert again == fresh
    assert "assets/kbsite/graph/entities/pta.svg" in changed and "assets/kbsite/graph/topics/empty.svg" not in changed
    assert len(changed) <= len(drawn) < len(files) - 1

    (docs / "assets/kbsite/graph/topics/empty.svg").write_text("edited by hand", encoding="utf-8")
    again, _, drawn = _drawn_again(site, docs, manifest, record, monkeypatch)
    assert again == fresh and "('topic', 'empty')" in drawn  # a file that no longer holds the picture: drawn


def test_links_to_non_latin_names_are_written_in_letters() -> None:
    """Six bytes a Cyrillic letter percent-encoded, two as itself: as on the pages (kbsite.mkdocs_hooks)."""
    site = make_site({"уход": {"title": "Уход", "topics": ["t"]}}, {"t": "Topic"}, {})
    svg = graph_svg(site, center=("topic", "t"))
    assert 'href="articles/уход.html"' in svg and "%D1" not in svg
    assert nodes(svg, "x.svg") == ["topics/t.html", "articles/уход.html"]
