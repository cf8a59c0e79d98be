"""What every page renderer needs: the Site, the plan of page paths, and links between pages.

All page paths are planned before any page is rendered, so a link is written only to
a page that will exist; anything else becomes plain text and `mkdocs build --strict`
never sees a broken link.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from jinja2 import Environment

from kbsite import paths
from kbsite.emit import paging, templates
from kbsite.emit.i18n import word
from kbsite.emit.languages import language_name
from kbsite.emit.markup import relative
from kbsite.emit.rendered import Later, Rendered
from kbsite.model import Article, Site, entity_names
from kbsite.paths import html_path
from kbsite.slugs import slugify

log = logging.getLogger(__name__)

_UNSAFE_SEGMENT = re.compile(r"[/\\\x00-\x1f\x7f]")
# Names taken by the listings inside topics/ and entities/.
_RESERVED = {"index"}
TOP = 20  # length of "top N" lists, independent of the KB size
LATEST = 10


def safe_segment(name: str) -> bool:
    """A key usable as one file name under docs/ (MkDocs skips dot files)."""
    return bool(name) and not name.startswith(".") and not _UNSAFE_SEGMENT.search(name) and name not in _RESERVED


def lang_segment(lang: str) -> str:
    """'es' -> 'es', 'pt-BR' -> 'ptbr': never ends in '-<n>', so it cannot look like a page number."""
    return re.sub(r"[^a-z0-9]", "", lang.lower()) or "und"


def by_date(site: Site, slugs: list[str]) -> list[str]:
    """Newest first, undated last, ties by slug."""
    dated = sorted(s for s in slugs if site.articles[s].date)
    dated.sort(key=lambda s: site.articles[s].date or "", reverse=True)
    return dated + sorted(s for s in slugs if not site.articles[s].date)


@dataclass(frozen=True)
class Link:
    """A link for a template: `href` (relative, percent-encoded) is None when the page does not exist."""

    label: str
    href: str | None
    lang: str | None = None


@dataclass(frozen=True)
class Item:
    """One article in a list: its link, language name, date and publisher, a note, and a passage of it."""

    link: Link
    language: str
    date: str | None
    publisher: str | None
    note: str | None = None
    passage: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Backlinks:
    links: list[Link]
    more: int


def hrefs(*data: object) -> set[str]:
    """Every href of the links in a page's data (Links, Items, and lists, tuples and dicts of them)."""
    found: set[str] = set()
    todo = list(data)
    while todo:
        value = todo.pop()
        if isinstance(value, Link):
            if value.href is not None:
                found.add(value.href)
        elif isinstance(value, Item):
            todo.append(value.link)
        elif isinstance(value, dict):
            todo.extend(value.values())
        elif isinstance(value, list | tuple):
            todo.extend(value)
    return found


@dataclass
class Context:
    site: Site
    page_size: int
    graph: bool = False
    graphs: bool = False
    timeline: bool = False
    feeds: bool = False
    with_tags: bool = True  # pages for the articles' tags
    passages: bool = True  # a passage under each article listed on a topic or entity page
    offline_zip: str | None = None  # the zip's path inside the site; None when it is not published
    source_url: str | None = None  # the KB's files online, for "Source file" links
    lang: str = "en"  # the site's language: the words of pages that are not one article's
    names: dict[str, str] | None = field(default=None, repr=False)  # kbsite.model.entity_names, once needed
    topic_pages: dict[str, list[str]] = field(default_factory=dict)
    entity_pages: dict[str, list[str]] = field(default_factory=dict)
    date_pages: list[str] = field(default_factory=list)
    lang_pages: dict[str, list[str]] = field(default_factory=dict)
    topic_index_pages: list[str] = field(default_factory=list)
    entity_index_pages: list[str] = field(default_factory=list)
    articles_by_date: list[str] = field(default_factory=list)
    articles_by_lang: dict[str, list[str]] = field(default_factory=dict)
    tags: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # slug -> (label, its articles by date)
    tag_pages: dict[str, list[str]] = field(default_factory=dict)
    article_tags: dict[str, list[str]] = field(default_factory=dict)  # slug -> its tags' slugs, as written
    tag_index_pages: list[str] = field(default_factory=list)
    pages: set[str] = field(default_factory=set)
    env: Environment = field(default_factory=templates.environment, repr=False)  # the pages' Jinja2 templates
    rendered: Rendered | None = field(default=None, repr=False)  # the pages of the last build, to take again

    @classmethod
    def plan(cls, site: Site, page_size: int, source_url: str | None = None, lang: str = "en",
             overrides: Path | None = None, rendered: Rendered | None = None,
             **flags: bool | str | None) -> Context:
        """`overrides`: the project's folder of templates that replace shipped ones; `rendered`: where the pages
        rendered before are looked up and this build's are recorded (None: every page is rendered)."""
        if page_size < 1:
            raise ValueError(f"page_size must be at least 1, not {page_size}")
        ctx = cls(site, page_size, source_url=source_url, lang=lang, env=templates.environment(overrides),
                  rendered=rendered, **flags)
        size = page_size
        for kind, keys, members, plan, first in (
            ("topic", site.topics, site.topic_articles, ctx.topic_pages, paths.topic_page),
            ("entity", site.entities, site.entity_articles, ctx.entity_pages, paths.entity_page),
        ):
            for key in keys:
                if not safe_segment(key):
                    log.warning("no page for %s %r: the id cannot be a file name", kind, key)
                    continue
                count = paging.page_count(len(members.get(key, [])), size)
                plan[key] = paging.page_paths(first(key), paths.later_pages(first(key)), count)
        for slug in site.articles:
            if not safe_segment(slug):
                log.warning("no page for article %r: the slug cannot be a file name", slug)
        ctx.articles_by_date = by_date(site, [s for s in site.articles if safe_segment(s)])
        ctx.date_pages = paging.page_paths(
            paths.BROWSE_INDEX, paths.browse_pages("date")[1], paging.page_count(len(ctx.articles_by_date), size)
        )
        for slug in ctx.articles_by_date:
            ctx.articles_by_lang.setdefault(site.articles[slug].lang or "und", []).append(slug)
        ctx.articles_by_lang = dict(sorted(ctx.articles_by_lang.items()))
        for lang, slugs in ctx.articles_by_lang.items():
            ctx.lang_pages[lang] = paging.page_paths(
                *paths.browse_pages(f"lang-{lang_segment(lang)}"), paging.page_count(len(slugs), size)
            )
        ctx.topic_index_pages = paging.page_paths(
            paths.TOPIC_INDEX, paths.browse_pages("topics")[1], paging.page_count(len(ctx.topic_pages), size)
        )
        ctx.entity_index_pages = paging.page_paths(
            paths.ENTITY_INDEX, paths.browse_pages("entities")[1], paging.page_count(len(ctx.entity_pages), size)
        )
        if ctx.with_tags:
            ctx._plan_tags()
        ctx.pages = {paths.HOME_PAGE, *ctx.date_pages, *ctx.topic_index_pages, *ctx.entity_index_pages,
                     *ctx.tag_index_pages}
        ctx.pages.update(ctx.article_path(s) for s in ctx.articles_by_date)
        for plans in (ctx.topic_pages, ctx.entity_pages, ctx.lang_pages, ctx.tag_pages):
            for planned in plans.values():
                ctx.pages.update(planned)
        return ctx

    def _plan_tags(self) -> None:
        """A page per tag of `tags:` metadata; tags that differ only in case or accents are one, named as first
        written (in article order)."""
        members: dict[str, list[str]] = {}
        labels: dict[str, str] = {}
        for slug in sorted(self.articles_by_date):
            for tag in self.site.articles[slug].tags:
                key = slugify(tag, fallback="tag")
                labels.setdefault(key, tag)
                if slug not in members.setdefault(key, []):
                    members[key].append(slug)
                    self.article_tags.setdefault(slug, []).append(key)
        order = set(self.articles_by_date)
        rank = {s: i for i, s in enumerate(self.articles_by_date)}
        for key in sorted(members):
            slugs = sorted((s for s in members[key] if s in order), key=rank.__getitem__)
            self.tags[key] = (labels[key], slugs)
            count = paging.page_count(len(slugs), self.page_size)
            self.tag_pages[key] = paging.page_paths(paths.tag_page(key), paths.later_pages(paths.tag_page(key)), count)
        if self.tags:
            self.tag_index_pages = paging.page_paths(
                paths.TAG_INDEX, paths.browse_pages("tags")[1], paging.page_count(len(self.tags), self.page_size))

    def render(self, name: str, **data: object) -> str:
        """Template `name` with `data`, and the site's language as `lang` unless the page has its own."""
        data = {"lang": self.lang, **data}
        if self.rendered is None:
            return templates.render(self.env, name, **data)
        return self.rendered.page(name, data, lambda: templates.render(self.env, name, **data))

    def later(self, make: Callable[..., str], *inputs: object) -> str | Later:
        """make(*inputs), made only if its page is rendered: for a part of a page that costs much to make and is
        made from inputs that are cheap to hash. `make` must depend on nothing but its inputs and kbsite's code."""
        key = None if self.rendered is None else self.rendered.key(make.__module__, make.__qualname__, *inputs)
        return make(*inputs) if key is None else Later(key, partial(make, *inputs))

    @staticmethod
    def article_path(slug: str) -> str:
        return paths.article_page(slug)

    def topic_path(self, topic_id: str) -> str:
        return self.topic_pages[topic_id][0] if topic_id in self.topic_pages else paths.topic_page(topic_id)

    def entity_path(self, entity_id: str) -> str:
        return self.entity_pages[entity_id][0] if entity_id in self.entity_pages else paths.entity_page(entity_id)

    def exists(self, path: str) -> bool:
        return path in self.pages or (self.timeline and path == paths.TIMELINE_PAGE)

    def ref(self, label: str, from_page: str, to_page: str, lang: str | None = None) -> Link:
        """A link when the target page exists, else the label alone."""
        if self.exists(to_page):
            return Link(label or to_page, relative(from_page, to_page), lang)
        return Link(label, None)

    def title_of(self, path: str) -> str:
        """The human name of a page path, for backlinks."""
        kind, key = paths.kind_of(path) or ("", "")
        if kind == "article" and key in self.site.articles:
            return self.site.articles[key].title
        if kind == "topic" and key in self.site.topics:
            return self.site.topics[key].label()
        if kind == "entity" and key in self.site.entities:
            return self.site.entities[key].name
        names = {paths.HOME_PAGE: word("home", self.lang), paths.TIMELINE_PAGE: word("timeline", self.lang)}
        return names.get(path, path)

    def entity_named(self, name: str) -> str | None:
        """The entity whose name or an alias is `name` (any case), for a publisher that is also an entity."""
        if self.names is None:
            self.names = entity_names(self.site.entities.values())
        return self.names.get(name.casefold())

    def crumbs(self, here: str, trail: list[tuple[str, str]], lang: str | None = None) -> list[Link]:
        """Breadcrumbs, home first: where this page sits; links to the built .html pages (they are raw HTML)."""
        parts = [(word("home", lang or self.lang), paths.HOME_PAGE), *trail]
        return [Link(label, html_path(relative(here, path))) for label, path in parts
                if self.exists(path) or path == paths.HOME_PAGE]

    def article_item(self, slug: str, from_page: str, note: str | None = None, passage: str | None = None) -> Item:
        """An entry of a list of articles: its link, language, date and publisher."""
        article: Article = self.site.articles[slug]
        return Item(self.ref(article.title, from_page, self.article_path(slug), article.lang),
                    language_name(article.lang or "und"), article.date, article.publisher, note, passage,
                    article.lang)

    def backlinks(self, path: str, shown: Collection[str] = ()) -> Backlinks:
        """The "Linked from" section of a page: at most page_size links, and how many more there are.

        A page the page already links (`shown`: the relative links above it, see `hrefs`), such as an article's
        entities and topics or an entity's articles, is not listed again: a big KB's site must fit GitHub Pages.
        """
        sources = [s for s in self.site.backlinks.get(path, []) if relative(path, s) not in shown]
        links = []
        for source in sources[: self.page_size]:
            written_in = None
            kind, key = paths.kind_of(source) or ("", "")
            if kind == "article":
                article = self.site.articles.get(key)
                written_in = article.lang if article else None
            links.append(self.ref(self.title_of(source), path, source, written_in))
        return Backlinks(links, max(0, len(sources) - self.page_size))

    def article_items(
        self, slugs: list[str], here: str, passages: dict[str, str] | None = None, notes: dict[str, str] | None = None
    ) -> list[Item]:
        """A list of articles, each with an optional note and its passage (in the article's language), unless
        the project leaves passages out (extra.kb.passages: false)."""
        shown = (passages or {}) if self.passages else {}
        return [self.article_item(slug, here, (notes or {}).get(slug), shown.get(slug)) for slug in slugs]
