"""Analysis of one article: language, date, topics, entities and events, from the text and its metadata.

Pure and per article (no disk, no other articles), so the pipeline can run it on every core
and cache it. Metadata the author wrote wins over what the text suggests: a declared
language, date or topic is kept as is. Topics and entities named in metadata but missing
from the taxonomy are reported, not invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kbsite.model import Article, Diagnostic, Document, Mention, Taxonomy, TopicHit, entity_names

if TYPE_CHECKING:
    from kbsite.analyze.matcher import Matcher

__all__ = ["analyse", "prepare"]


def _text(meta: dict[str, object], key: str) -> str | None:
    value = meta.get(key)
    if value is None or isinstance(value, list | tuple | dict):
        return None
    return str(value).strip() or None


def _names(meta: dict[str, object], key: str) -> list[str]:
    value = meta.get(key)
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else [value]
    return list(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))


def _declared_topics(doc: Document, taxonomy: Taxonomy, found: tuple[TopicHit, ...]) -> tuple[
    tuple[TopicHit, ...], list[Diagnostic]
]:
    """A topic named in metadata applies whatever the text says, with the topic's own min_score as its score."""
    topics = {t.id: t for t in taxonomy.topics}
    hits = {hit.topic: hit for hit in found}
    problems = []
    for topic_id in _names(doc.meta, "topics"):
        if topic_id not in topics:
            problems.append(Diagnostic(
                doc.source, f'unknown topic "{topic_id}" in metadata; add it to topics.yml or fix the id', None,
                "warning",
            ))
        else:
            found_hit = hits.get(topic_id)
            hits[topic_id] = (TopicHit(topic_id, found_hit.score, found_hit.evidence, True) if found_hit
                              else TopicHit(topic_id, topics[topic_id].min_score, (), True))
    return tuple(hits[t] for t in sorted(hits)), problems


def _declared_entities(doc: Document, taxonomy: Taxonomy, found: tuple[Mention, ...]) -> tuple[
    tuple[Mention, ...], list[Diagnostic]
]:
    """An entity named in metadata, as an entity or as the publisher, belongs to the article even where the
    text never names it (count 0)."""
    declared = _names(doc.meta, "entities")
    known = {e.id for e in taxonomy.entities} if declared else set()  # thousands of entities, rarely declared
    mentions = {m.entity: m for m in found}
    publisher = _text(doc.meta, "publisher")
    if publisher and (entity_id := _entity_named(taxonomy).get(publisher.casefold())) and entity_id not in mentions:
        mentions[entity_id] = Mention(entity_id, 0, (), "")  # its page lists what it published
    problems = []
    for entity_id in declared:
        if entity_id not in known:
            problems.append(Diagnostic(
                doc.source, f'unknown entity "{entity_id}" in metadata; add it to entities.yml or fix the id', None,
                "warning",
            ))
        elif entity_id not in mentions:
            mentions[entity_id] = Mention(entity_id, 0, (), "")
    return tuple(mentions[e] for e in sorted(mentions)), problems


_NAMED: dict[int, tuple[Taxonomy, dict[str, str]]] = {}


def _entity_named(taxonomy: Taxonomy) -> dict[str, str]:
    """kbsite.model.entity_names, built once per taxonomy: every article of a build asks."""
    held = _NAMED.get(id(taxonomy))
    if held is None or held[0] is not taxonomy:
        _NAMED.clear()
        held = _NAMED[id(taxonomy)] = (taxonomy, entity_names(taxonomy.entities))
    return held[1]


LEAD_CHARS = 240


def lead(title: str, text: str) -> str:
    """The opening of the text after its title, cut at a word, for a preview of the page."""
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    words = " ".join(p for p in paragraphs if p and p != " ".join(title.split()))
    if len(words) <= LEAD_CHARS:
        return words
    return words[: LEAD_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def prepare(matcher: Matcher) -> None:
    """Load what every article's analysis needs (the language model, MinHash, the matcher's indexes) in this
    process, before it forks workers that inherit it: loaded in each worker instead, it costs seconds of every
    worker's time, as much as analysing a few hundred articles."""
    import kbsite.analyze.dates
    import kbsite.analyze.features  # noqa: F401  (MinHash loads numpy and scipy)
    from kbsite.analyze.language import load_model

    load_model()
    matcher.prepare()


def analyse(doc: Document, taxonomy: Taxonomy, matcher: Matcher) -> Article:
    # Imported here: the terminal search reads the taxonomy (kbsite.analyze.taxonomy), which runs this
    # package's __init__, and must not load the date parser and MinHash (scipy) to do so.
    from kbsite.analyze.dates import find_events
    from kbsite.analyze.features import minhash, term_counts
    from kbsite.analyze.fingerprint import fingerprint
    from kbsite.analyze.language import detect_language
    from kbsite.dates import parse_date

    text = doc.text if not doc.title or doc.title in doc.text else f"{doc.title}\n\n{doc.text}"
    lang = detect_language(text, _text(doc.meta, "lang"))
    declared_date = _text(doc.meta, "date")
    date = parse_date(declared_date) if declared_date else None
    date_problems = [] if date or not declared_date else [Diagnostic(
        doc.source, f'date "{declared_date}" in metadata is not a date; write it as YYYY-MM-DD', None, "warning",
    )]
    found_mentions = matcher.mentions(text, lang)
    slow: list[str] = []
    topics, topic_problems = _declared_topics(doc, taxonomy, matcher.topics(text, lang, found_mentions, slow))
    topic_problems += [Diagnostic(
        doc.source, f'topic pattern "{pattern}" in topics.yml took too long on this article and was skipped for '
                    "it; simplify the pattern", None, "warning",
    ) for pattern in dict.fromkeys(slow)]
    mentions, entity_problems = _declared_entities(doc, taxonomy, found_mentions)
    return Article(
        source=doc.source,
        title=doc.title,
        lang=lang,
        text=doc.text,
        html=doc.html,
        date=date,
        publisher=_text(doc.meta, "publisher"),
        author=_text(doc.meta, "author"),
        url=_text(doc.meta, "url"),
        summary=_text(doc.meta, "summary") or "",
        lead=lead(doc.title, doc.text),
        tags=tuple(_names(doc.meta, "tags")),
        topics=topics,
        mentions=mentions,
        events=find_events(text, lang, date),
        terms=term_counts(text, lang),
        minhash=minhash(doc.text),
        fingerprint=fingerprint(doc.title, doc.text),
        diagnostics=[*doc.diagnostics, *date_problems, *topic_problems, *entity_problems],
    )
