"""The KB's own vocabulary, from kb/topics.yml and kb/entities.yml, checked line by line.

Both files are YAML lists of entries. A topic:

    - id: encryption-policy            # required; letters, digits, "-" and "_"; the page is topics/<id>
      labels: {en: Encryption policy, es: Política de cifrado}   # required ("label: X" is short for {en: X})
      description: What the topic covers.
      parent: privacy                  # id of another topic; no cycles
      terms:                           # words or phrases per language; "*" applies to every language
        en: [encryption, encrypted messages]
        "*": [PGP]
      patterns: ['\\bRSA-\\d+\\b']      # regular expressions (the regex module) over the text as written
      entities: [bes]                  # a mention of one of these entities counts as a match
      min_score: 2                     # matches needed before an article gets the topic (default 1)

An entity:

    - id: bes                          # required, same rules as a topic id; the page is entities/<id>
      name: BlackBerry Enterprise Service   # required; also matched
      type: product                    # person | organisation | place | product | agency | publication | ...
      aliases:                         # per language or "*"; a plain list means "*"
        "*": [BES]
        ru: [корпоративный сервис BlackBerry]
      case_sensitive: [Beard]          # aliases matched only with their capitals; true = all, false = none
      description: ...

Terms and aliases match inflected forms (stemmed with the article's language) and ignore
accents. An alias written in capitals only, such as "BES" or "NSA", is case-sensitive unless
the entity says `case_sensitive: false`, so it does not match the Dutch word "bes".

An entry with a wrong field is skipped and reported; a reference that points nowhere
(parent, entity) is dropped and reported, and the entry itself is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from yaml.nodes import MappingNode, Node, ScalarNode

from kbsite.analyze.patterns import PatternError, check_pattern
from kbsite.analyze.yaml_entries import (
    ANY_LANGUAGE,
    Invalid,
    Report,
    check_tags,
    fields_of,
    node_value,
    per_language,
    read_entries,
    text_items,
    text_list,
    text_of,
)
from kbsite.model import Entity, Taxonomy, Topic
from kbsite.textproc import tokenize

__all__ = ["ANY_LANGUAGE", "is_acronym", "load_taxonomy"]
TOPIC_KEYS = ("id", "label", "labels", "description", "parent", "terms", "patterns", "entities", "min_score")
ENTITY_KEYS = ("id", "name", "type", "aliases", "case_sensitive", "description")
_ID = re.compile(r"\w[\w-]*")
# An id names a page file: topics/index.md is the list of all topics, and Windows cannot create con.md.
_WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                              *(f"lpt{i}" for i in range(10))})


def is_acronym(alias: str) -> bool:
    """'BES', 'NSA', 'ОАЭ': written in capitals only, so matched only in capitals."""
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def load_taxonomy(
    topics_yaml: str | None,
    entities_yaml: str | None,
    topics_source: str = "topics.yml",
    entities_source: str = "entities.yml",
) -> Taxonomy:
    entity_report = Report(entities_source)
    entities = _load_entities(read_entries(entities_yaml, entity_report), entity_report)
    topic_report = Report(topics_source)
    known_entities = {e.id for e in entities}
    topics = _load_topics(read_entries(topics_yaml, topic_report), known_entities, topic_report)
    return Taxonomy(
        topics=tuple(sorted(topics, key=lambda t: t.id)),
        entities=tuple(sorted(entities, key=lambda e: e.id)),
        diagnostics=(*topic_report.sorted(), *entity_report.sorted()),
    )


def _entry_id(fields: dict[str, Node], entry: MappingNode, kind: str) -> str:
    node = fields.get("id")
    if node is None:
        raise Invalid(f"{kind} without an id; add id: <{kind}-id>", entry)
    value = text_of(node, "id")
    if not _ID.fullmatch(value):
        raise Invalid(f'{kind} id "{value}" may only contain letters, digits, "-" and "_"', node)
    if value.lower() == "index":
        raise Invalid(f'{kind} id "{value}" is taken by the page that lists them all; choose another id', node)
    if value.lower() in _WINDOWS_DEVICES:
        raise Invalid(f'{kind} id "{value}" is a device name on Windows and cannot name a page; choose another id',
                       node)
    return value


def _load_each(
    entries: list[MappingNode], kind: str, known: tuple[str, ...], report: Report, build: Callable[..., object]
) -> list:
    """Builds every entry; one bad entry is reported and skipped, and a later duplicate id too."""
    built: list = []
    first_line: dict[str, int] = {}
    for entry in entries:
        entry_id = ""
        try:
            check_tags(entry)
            fields = fields_of(entry, known, kind, report)
            entry_id = _entry_id(fields, entry, kind)
            if entry_id in first_line:
                raise Invalid(
                    f'duplicate {kind} id "{entry_id}" (first defined on line {first_line[entry_id]}); rename one',
                    fields["id"],
                )
            item = build(entry_id, fields, entry, report)
        except Invalid as exc:
            message = str(exc)
            if entry_id and f'"{entry_id}"' not in message:
                message = f'{kind} "{entry_id}": {message}'
            report.add(f"{message}; entry skipped", exc.node)
            continue
        first_line[entry_id] = entry.start_mark.line + 1
        built.append(item)
    return built


def _load_entities(entries: list[MappingNode], report: Report) -> list[Entity]:
    return _load_each(entries, "entity", ENTITY_KEYS, report, _entity)


def _entity(entity_id: str, fields: dict[str, Node], entry: MappingNode, report: Report) -> Entity:
    if "name" not in fields:
        raise Invalid(f'entity "{entity_id}" has no name; add name: <the usual name>', entry)
    name = text_of(fields["name"], "name")
    if not name.strip():
        raise Invalid(f'entity "{entity_id}" has an empty name', fields["name"])
    aliases = per_language(fields.get("aliases"), "aliases")
    for lang, words in aliases.items():
        for alias in words:
            if not any(True for _ in tokenize(alias)):
                message = f'entity "{entity_id}": alias "{alias}" ({lang}) has no letters or digits and never matches'
                report.add(message, fields["aliases"], "warning")
    names = [name, *(a for lang in sorted(aliases) for a in aliases[lang])]
    return Entity(
        id=entity_id,
        name=name.strip(),
        type=text_of(fields["type"], "type").strip() if "type" in fields else "other",
        aliases=aliases,
        description=text_of(fields["description"], "description").strip() if "description" in fields else "",
        case_sensitive=_case_sensitive(fields.get("case_sensitive"), names, entity_id, report),
    )


def _case_sensitive(node: Node | None, names: list[str], entity_id: str, report: Report) -> tuple[str, ...]:
    if node is None:
        return tuple(dict.fromkeys(n for n in names if is_acronym(n)))
    if isinstance(node, ScalarNode) and node.tag.endswith(":bool"):
        return tuple(dict.fromkeys(names)) if node_value(node) else ()
    chosen = text_list(node, "case_sensitive")
    for alias in chosen:
        if alias not in names:
            report.add(f'entity "{entity_id}": case_sensitive "{alias}" is not its name or one of its aliases',
                       node, "warning")
    return tuple(dict.fromkeys(a for a in chosen if a in names))


def _load_topics(entries: list[MappingNode], known_entities: set[str], report: Report) -> list[Topic]:
    parent_nodes: dict[str, Node] = {}

    def build(topic_id: str, fields: dict[str, Node], entry: MappingNode, report: Report) -> Topic:
        topic = _topic(topic_id, fields, entry, known_entities, report)
        if "parent" in fields:
            parent_nodes[topic_id] = fields["parent"]
        return topic

    topics: list[Topic] = _load_each(entries, "topic", TOPIC_KEYS, report, build)
    return _check_parents(topics, parent_nodes, report)


def _topic(
    topic_id: str, fields: dict[str, Node], entry: MappingNode, known_entities: set[str], report: Report
) -> Topic:
    if "labels" in fields:
        labels = {lang: words[0] for lang, words in per_language(fields["labels"], "labels", single=True).items()}
    elif "label" in fields:
        labels = {"en": text_of(fields["label"], "label").strip()}
    else:
        labels = {}
    if not any(labels.values()):
        raise Invalid(f'topic "{topic_id}" has no labels; add labels: {{en: <label>}}', entry)
    patterns = text_items(fields["patterns"], "patterns") if "patterns" in fields else []
    for pattern, node in patterns:
        try:
            check_pattern(pattern)
        except PatternError as exc:
            raise Invalid(f'topic "{topic_id}": pattern "{pattern}" {exc}', node) from None
    entities = text_items(fields["entities"], "entities") if "entities" in fields else []
    for entity_id, node in entities:
        if entity_id not in known_entities:
            report.add(f'topic "{topic_id}": unknown entity "{entity_id}"; use the id of an entity in entities.yml',
                       node)
    min_score = node_value(fields["min_score"]) if "min_score" in fields else 1.0
    if isinstance(min_score, bool) or not isinstance(min_score, int | float) or min_score <= 0:
        raise Invalid(f'topic "{topic_id}": min_score must be a number above 0, not {min_score!r}',
                       fields["min_score"])
    return Topic(
        id=topic_id,
        labels=labels,
        description=text_of(fields["description"], "description").strip() if "description" in fields else "",
        parent=text_of(fields["parent"], "parent").strip() or None if "parent" in fields else None,
        terms=per_language(fields.get("terms"), "terms"),
        patterns=tuple(p for p, _ in patterns),
        entities=tuple(e for e, _ in entities if e in known_entities),
        min_score=float(min_score),
    )


def _check_parents(topics: list[Topic], parent_nodes: dict[str, Node], report: Report) -> list[Topic]:
    """Drops a parent that does not exist or closes a cycle, so the topic tree is always a forest."""
    by_id = {t.id: t for t in topics}
    for topic in topics:
        if topic.parent is not None and topic.parent not in by_id:
            report.add(f'topic "{topic.id}": unknown parent "{topic.parent}"; use the id of a topic in this file',
                       parent_nodes[topic.id])
            by_id[topic.id] = _without_parent(topic)
    for topic_id in [t.id for t in topics]:
        chain = [topic_id]
        parent = by_id[topic_id].parent
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = by_id[parent].parent
        if parent == topic_id:
            cycle = " -> ".join([*chain, topic_id])
            report.add(f'topic "{topic_id}": parent cycle {cycle}; remove one of these parents',
                       parent_nodes[topic_id])
            by_id[topic_id] = _without_parent(by_id[topic_id])
    return [by_id[t.id] for t in topics]


def _without_parent(topic: Topic) -> Topic:
    return Topic(topic.id, topic.labels, topic.description, None, topic.terms, topic.patterns, topic.entities,
                 topic.min_score)

