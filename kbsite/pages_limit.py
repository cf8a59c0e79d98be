"""Does the built site fit GitHub Pages? A warning, with what to turn off, when it passes or nears the limit.

GitHub Pages publishes a site of at most 1 GB; the README sends the site there. A KB that grows
past it fails only at deploy time, far from the build that could have said why, so the build
measures site/ and names its largest parts and the settings that make them smaller.
"""

from __future__ import annotations

import re
from pathlib import Path

from kbsite.model import Diagnostic
from kbsite.outputs import ZIP_NAME
from kbsite.paths import GRAPH, PREVIEWS, SEARCH_ASSETS, article_page, entity_page, topic_page

_ARTICLES, _ENTITIES, _TOPICS = (page("").removesuffix(".md") for page in (article_page, entity_page, topic_page))
_GRAPHS = GRAPH.removesuffix(".svg")

PAGES_LIMIT = 1_000_000_000  # bytes: "Published GitHub Pages sites may be no larger than 1 GB"
NEAR = 0.8  # warn from this share of the limit on, while there is still room to act

# The parts of a site worth naming, by where they are written (the rest is MkDocs' and the theme's).
PARTS = (
    ("offline.zip", lambda rel: rel.endswith(".zip")),
    ("article pages", lambda rel: rel.startswith(_ARTICLES)),
    ("entity pages", lambda rel: rel.startswith(_ENTITIES)),
    ("topic pages", lambda rel: rel.startswith(_TOPICS)),
    ("browser search index", lambda rel: rel.startswith(SEARCH_ASSETS + "/")),
    ("graph pictures", lambda rel: rel.startswith(_GRAPHS)),
    ("link previews", lambda rel: rel.startswith(PREVIEWS + "/")),
    ("Material's search index", lambda rel: rel.startswith("search/search_index.")),
    ("other files", lambda rel: True),
)
# The parts a setting leaves out whole (see remedies).
_SWITCHABLE = ("offline.zip", "graph pictures", "browser search index", "Material's search index")
_NAV = re.compile(r"^nav\s*:", re.MULTILINE)


def site_parts(site_dir: Path) -> dict[str, int]:
    """Bytes of each part of the built site (every part listed, in PARTS order)."""
    sizes = dict.fromkeys((name for name, _ in PARTS), 0)
    for path in site_dir.rglob("*"):
        if path.is_file() and not path.is_symlink():
            rel = path.relative_to(site_dir).as_posix()
            sizes[next(name for name, test in PARTS if test(rel))] += path.stat().st_size
    return sizes


def _size(n: int) -> str:
    return f"{n / 1e9:.2f} GB" if n >= 1e8 else f"{n / 1e6:.1f} MB"


def remedies(parts: dict[str, int], config_text: str, auto_entities: int) -> list[str]:
    """The settings that make this site smaller: those whose saving is measured (the whole part they leave
    out) first, biggest first, each with its saving; then those whose saving depends on the KB."""
    measured = []
    if parts["offline.zip"]:
        measured.append((parts["offline.zip"], f"offline_zip: false under extra.kb in mkdocs.yml, or a path outside "
                                               f"the site (the default, {ZIP_NAME} beside it): the zip holds the "
                                               "whole site again"))
    if parts["graph pictures"]:
        measured.append((parts["graph pictures"], "graph: false under extra.kb in mkdocs.yml, or --no-graph (the "
                                                  "pictures of the home, topic and entity pages)"))
    if parts["browser search index"]:
        measured.append((parts["browser search index"], "search: false under extra.kb in mkdocs.yml, or "
                                                        "--no-search, if readers search only from the terminal"))
    if parts["Material's search index"]:
        measured.append((parts["Material's search index"], "search left out of plugins: in mkdocs.yml (kbsite's "
                                                           "own search replaces Material's, whose index nothing on "
                                                           "the site reads)"))
    out = [f"{text} (saves {_size(n)})" for n, text in sorted(measured, key=lambda m: -m[0])]
    listed = parts["entity pages"] + parts["topic pages"]
    if listed:
        out.append(f"passages: false under extra.kb in mkdocs.yml, or --no-passages: the topic and entity pages "
                   f"({_size(listed)}) list their articles without quoting each (up to a quarter of those pages)")
    if not _NAV.search(config_text):
        out.append("a nav: in mkdocs.yml that lists only the main pages, or Material's navigation.prune "
                   "feature (without either, every page lists every page)")
    if auto_entities:
        out.append(f"a smaller extra.kb.auto_entities (now {auto_entities}): fewer entity pages and pictures")
    out.append("fewer articles per site: split the KB into several projects")
    return out


def pages_warning(site_dir: Path, *, shown: str, config_text: str = "", auto_entities: int = 0,
                  limit: int = PAGES_LIMIT) -> Diagnostic | None:
    """A warning when site/ is above NEAR of `limit` bytes, else None.

    `shown` is site/ as the user knows it; `config_text` is mkdocs.yml, read for its nav. When turning off
    every measured part still leaves the site past the limit, the warning says so: then only the settings
    that depend on the KB (or a smaller KB per site) can help.
    """
    parts = site_parts(site_dir)
    total = sum(parts.values())
    if total <= NEAR * limit:
        return None
    largest = sorted(((n, name) for name, n in parts.items() if n and name != "other files"), reverse=True)[:4]
    state = "more than" if total > limit else f"{100 * total / limit:.0f}% of"
    message = (
        f"the site is {_size(total)}, {state} GitHub Pages' limit of {_size(limit)}; largest: "
        + ", ".join(f"{name} {_size(n)}" for n, name in largest)
        + ". To make it smaller: " + "; ".join(remedies(parts, config_text, auto_entities))
    )
    rest = total - sum(parts[name] for name in _SWITCHABLE)
    if rest > limit:
        message += (f". Even without the zip, the graph and the search the site would be {_size(rest)}: "
                    "keep fewer articles in one site")
    return Diagnostic(shown, message, severity="warning")
