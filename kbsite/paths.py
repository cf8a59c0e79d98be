"""Where each generated file lives under docs/: the one definition of every page path.

The pages, the links between them, the feeds, the search records, the previews, the export's page
addresses and the record of what kbsite owns in docs/ all ask here, so a path cannot drift between
the page that is written and the links that point at it. Keys (slugs and ids) come in already safe
(kbsite.slugs, kbsite.emit.context.safe_segment).
"""

from __future__ import annotations

HOME_PAGE = "index.md"
SEARCH_PAGE = "search/index.md"
TIMELINE_PAGE = "timeline.md"
TOPIC_INDEX = "topics/index.md"
ENTITY_INDEX = "entities/index.md"
TAG_INDEX = "tags/index.md"
BROWSE_INDEX = "browse/index.md"
FEED = "feed"  # feed.xml (RSS) and feed.json (JSON Feed)
GRAPH = "assets/kbsite/graph.svg"
GRAPH_SCRIPT = "assets/kbsite/graph.js"  # zoom, pan and focus, shared by every graph picture
SEARCH_ASSETS = "assets/kbsite/search"  # the browser search's index files
PREVIEWS = "assets/kbsite/previews"  # what a link's preview shows

# The folders and files of docs/ that only kbsite writes.
OWNED_DIRS = ("articles", "topics", "entities", "tags", "browse", "search", "timeline", "assets/kbsite")
OWNED_FILES = (HOME_PAGE, TIMELINE_PAGE, f"{FEED}.xml", f"{FEED}.json")


def article_page(slug: str) -> str:
    return f"articles/{slug}.md"


def topic_page(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def entity_page(entity_id: str) -> str:
    return f"entities/{entity_id}.md"


def kind_of(page: str) -> tuple[str, str] | None:
    """('article', slug), ('topic', id) or ('entity', id) for the first page of an article, topic or entity."""
    folder, _, name = page.rpartition("/")
    kind = {"articles": "article", "topics": "topic", "entities": "entity"}.get(folder)
    return (kind, name.removesuffix(".md")) if kind and name.endswith(".md") else None


def tag_page(key: str) -> str:
    return f"tags/{key}.md"


def later_pages(first: str) -> str:
    """The pattern ({n}) of a list's pages after the first: 'topics/x.md' -> 'topics/x/page-{n}.md'."""
    return first.removesuffix(".md") + "/page-{n}.md"


def browse_pages(name: str) -> tuple[str, str]:
    """The first page and the pattern of the others of a list under browse/ (by date, by language, an index)."""
    return f"browse/{name}.md", f"browse/{name}-{{n}}.md"


def timeline_year(year: str) -> str:
    return f"timeline/{year}.md"


def topic_feed(topic_id: str) -> str:
    """Without its extension: .xml and .json."""
    return f"topics/{topic_id}/{FEED}"


def graph_picture(kind: str, key: str) -> str:
    """The neighbourhood picture of a topic or an entity page."""
    return f"assets/kbsite/graph/{'topics' if kind == 'topic' else 'entities'}/{key}.svg"


def html_path(page: str) -> str:
    """The built file of a Markdown page (use_directory_urls is off, so links work from file://)."""
    return page[:-3] + ".html" if page.endswith(".md") else page


def is_owned(rel: str) -> bool:
    """A path under docs/ that kbsite writes (and may replace or remove)."""
    return rel in OWNED_FILES or any(rel.startswith(d + "/") for d in OWNED_DIRS)
