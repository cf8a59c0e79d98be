"""The plain data that flows between the stages of a build.

read -> Document; analyse -> Article; link -> Site; index and write take a Site.
Every stage takes these and returns these, so each can be tested without disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

# A long stage's items wrapped as they are done, (items, total) -> items: the command line shows a bar.
Progress = Callable[[Iterator, int], Iterator]


def no_progress(items: Iterator, total: int) -> Iterator:
    return items


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem with one input file, reported to the user and never swallowed."""

    path: str
    message: str
    line: int | None = None
    severity: str = "error"  # "error" | "warning" | "note"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


@dataclass
class Document:
    """What a reader found in one file, before any analysis.

    `meta` holds normalised metadata only (see kbsite.readers.metadata):
    lang, date (ISO), publisher, author, url, topics, entities, tags, summary.
    """

    source: str  # path relative to the KB folder, with forward slashes
    title: str
    text: str  # plain text, paragraphs separated by one blank line
    html: str  # sanitised body HTML for the article page
    meta: dict[str, object] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class Topic:
    id: str
    labels: dict[str, str]  # language code -> label; "en" is the fallback
    description: str = ""
    parent: str | None = None
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang or "*" -> terms
    patterns: tuple[str, ...] = ()  # regular expressions, any language
    entities: tuple[str, ...] = ()  # an entity mention counts as a match
    min_score: float = 1.0

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or next(iter(self.labels.values()), self.id)


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str  # person | organisation | place | product | agency | ...
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang or "*" -> aliases
    description: str = ""
    case_sensitive: tuple[str, ...] = ()  # name/aliases that match only with their capitals ("BES", not "bes")

    def all_aliases(self) -> tuple[str, ...]:
        seen = dict.fromkeys([self.name, *(a for lang in sorted(self.aliases) for a in self.aliases[lang])])
        return tuple(seen)


def entity_names(entities: Iterable[Entity]) -> dict[str, str]:
    """Casefolded name or alias -> entity id, for the names only one entity has: an alias two entities share
    names neither. How a publisher written in metadata is known to be an entity."""
    owners: dict[str, set[str]] = {}
    for entity in entities:
        for alias in entity.all_aliases():
            owners.setdefault(alias.casefold(), set()).add(entity.id)
    return {name: next(iter(ids)) for name, ids in owners.items() if len(ids) == 1}


@dataclass(frozen=True, slots=True)
class TopicHit:
    topic: str
    score: float
    evidence: tuple[str, ...]  # the sentences that matched, in text order, at most a few
    declared: bool = False  # named in the article's metadata: kept whatever the text says
    cues: tuple[str, ...] = ()  # a learned topic no keyword found: the article's terms that most suggest it


@dataclass(frozen=True, slots=True)
class Mention:
    entity: str
    count: int
    forms: tuple[str, ...]  # surface forms as written in the text, sorted
    passage: str  # the first sentence that mentions the entity


@dataclass(frozen=True, slots=True)
class Event:
    date: str  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    text: str  # the sentence that states it


@dataclass(slots=True)  # tens of thousands of them: no __dict__ each
class Article:
    """One analysed article: everything a page, the index and the graph need.

    `text` and `html` are most of a KB's bytes, and only the article's page and the search indexes read
    them. A build keeps them in its cache and empties them here (see `Body`): read them with `Site.body`.
    """

    source: str
    title: str
    lang: str
    text: str
    html: str
    date: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    summary: str = ""
    lead: str = ""  # its opening words, for link previews: the page's text stays in the cache
    tags: tuple[str, ...] = ()
    topics: tuple[TopicHit, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    terms: str = ""  # its commonest terms with their counts (kbsite.analyze.features), for the KB-wide stages
    minhash: str = ""  # MinHash signature of its word shingles (kbsite.analyze.features), to find duplicates
    fingerprint: str = ""  # the tokens a translation keeps, with their counts (kbsite.analyze.fingerprint)
    digest: str = ""  # hash of everything that went into this article
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Body:
    """An article's own words, which a build reads back from its cache one article at a time."""

    text: str
    html: str


Bodies = Callable[[Article], Body]


def own_body(article: Article) -> Body:
    """The body of an article that still holds it (not read back from a cache)."""
    return Body(article.text, article.html)


@dataclass(frozen=True)
class Taxonomy:
    """The KB's own vocabulary: topics and entities, as the user wrote them."""

    topics: tuple[Topic, ...] = ()
    entities: tuple[Entity, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchRecord:
    """One searchable article, as both the terminal and the browser index see it."""

    url: str  # page path inside the site, e.g. "articles/foo.html"
    source: str  # the file under kb/, relative to the repository
    title: str
    lang: str
    date: str | None
    publisher: str | None
    topics: tuple[str, ...]
    entities: tuple[str, ...]
    text: str  # empty in a build, whose index reads each text through a `Texts`


Texts = Callable[[SearchRecord], str]


def own_text(record: SearchRecord) -> str:
    return record.text


@dataclass
class Site:
    """The knowledge graph: every article, topic and entity, and the links between them.

    Article keys are page slugs (unique, stable across builds); lists are ordered
    best first and ties are broken by slug, so the same KB always gives the same site.
    Pages live at articles/<slug>.md, topics/<topic id>.md, entities/<entity id>.md.
    """

    title: str
    articles: dict[str, Article]  # slug -> article, in slug order
    topics: dict[str, Topic]  # only topics of the taxonomy, in id order
    entities: dict[str, Entity]
    topic_articles: dict[str, list[str]]  # topic id -> slugs (score, then date, newest first)
    entity_articles: dict[str, list[str]]  # entity id -> slugs (mention count, then date)
    related: dict[str, list[str]]  # slug -> related slugs, best first
    translations: dict[str, list[str]]  # slug -> the same story in other languages (a part of `story`)
    related_topics: dict[str, list[tuple[str, int]]]  # topic -> (topic, shared articles)
    cooccurring: dict[str, list[tuple[str, int]]]  # entity -> (entity, shared articles)
    backlinks: dict[str, list[str]]  # page path -> page paths that link to it
    diagnostics: list[Diagnostic] = field(default_factory=list)
    story: dict[str, list[str]] = field(default_factory=dict)  # slug -> the other articles telling its story
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # slug -> the others of (nearly) its text
    bodies: Bodies = own_body  # where the articles' text and HTML are

    def body(self, slug: str) -> Body:
        return self.bodies(self.articles[slug])
