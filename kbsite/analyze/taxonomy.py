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
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kbsite.analyze.patterns import PatternError, check_pattern
from kbsite.model import Diagnostic, Entity, Taxonomy, Topic
from kbsite.sanitize import strip_bidi
from kbsite.textproc import tokenize

ANY_LANGUAGE = "*"
TOPIC_KEYS = ("id", "label", "labels", "description", "parent", "terms", "patterns", "entities", "min_score")
ENTITY_KEYS = ("id", "name", "type", "aliases", "case_sensitive", "description")
_ID = re.compile(r"\w[\w-]*")
MAX_DEPTH = 32  # levels of YAML nesting; an entry needs four
_LANG = re.compile(r"[a-z]{2,3}|\*")
# An id names a page file: topics/index.md is the list of all topics, and Windows cannot create con.md.
_WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                              *(f"lpt{i}" for i in range(10))})


class _Invalid(Exception):
    """A field that makes its entry unusable; the entry is skipped."""

    def __init__(self, message: str, node: Node) -> None:
        super().__init__(message)
        self.node = node


@dataclass
class _Report:
    source: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def sorted(self) -> list[Diagnostic]:
        """In file order, which is how a user fixes them."""
        return sorted(self.diagnostics, key=lambda d: d.line or 0)

    def add(self, message: str, node: Node | None, severity: str = "error") -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.diagnostics.append(Diagnostic(self.source, message, line, severity))


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
    entity_report = _Report(entities_source)
    entities = _load_entities(_entries(entities_yaml, entity_report), entity_report)
    topic_report = _Report(topics_source)
    known_entities = {e.id for e in entities}
    topics = _load_topics(_entries(topics_yaml, topic_report), known_entities, topic_report)
    return Taxonomy(
        topics=tuple(sorted(topics, key=lambda t: t.id)),
        entities=tuple(sorted(entities, key=lambda e: e.id)),
        diagnostics=(*topic_report.sorted(), *entity_report.sorted()),
    )


class _Composer(yaml.SafeLoader):
    """SafeLoader's composer with a bound on nesting: PyYAML composes by recursion, so a file nested
    hundreds of levels deep would end in RecursionError instead of a message with its line."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"it is nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _check_tags(entry: MappingNode) -> None:
    """Only YAML's plain types: a tag such as !!python/object is never built, and the entry is skipped.

    Nodes are visited once each: anchors and aliases let a small file describe a huge tree."""
    seen: set[int] = set()
    stack: list[Node] = [entry]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag is None or node.tag not in yaml.SafeLoader.yaml_constructors:
            shown = str(node.tag).replace("tag:yaml.org,2002:", "!!")
            raise _Invalid(f'the YAML tag "{shown}" is not allowed: use plain text, numbers, lists and mappings',
                           node)
        if isinstance(node, MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


def _entries(text: str | None, report: _Report) -> list[MappingNode]:
    if not text or not text.strip():
        return []
    try:
        root = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "syntax error"
        report.diagnostics.append(Diagnostic(report.source, f"not valid YAML: {problem}; fix the syntax", line))
        return []
    except yaml.YAMLError as exc:
        report.diagnostics.append(Diagnostic(report.source, f"not valid YAML: {exc}; fix the syntax"))
        return []
    if root is None:
        return []
    if not isinstance(root, SequenceNode):
        report.add("the file must be a YAML list of entries, each starting with '- id: ...'", root)
        return []
    entries = []
    for node in root.value:
        if isinstance(node, MappingNode):
            entries.append(node)
        else:
            report.add(f"an entry must be a mapping with an id, not {_kind(node)}; skipped", node)
    return entries


def _fields(entry: MappingNode, known: tuple[str, ...], what: str, report: _Report) -> dict[str, Node]:
    fields: dict[str, Node] = {}
    for key_node, value_node in entry.value:
        key = str(key_node.value)
        if key not in known:
            report.add(f'unknown key "{key}" in {what}; known keys: {", ".join(known)}', key_node, "warning")
        elif key in fields:
            raise _Invalid(f'"{key}" is given twice in {what}', key_node)
        else:
            fields[key] = value_node
    return fields


def _entry_id(fields: dict[str, Node], entry: MappingNode, kind: str) -> str:
    node = fields.get("id")
    if node is None:
        raise _Invalid(f"{kind} without an id; add id: <{kind}-id>", entry)
    value = _string(node, "id")
    if not _ID.fullmatch(value):
        raise _Invalid(f'{kind} id "{value}" may only contain letters, digits, "-" and "_"', node)
    if value.lower() == "index":
        raise _Invalid(f'{kind} id "{value}" is taken by the page that lists them all; choose another id', node)
    if value.lower() in _WINDOWS_DEVICES:
        raise _Invalid(f'{kind} id "{value}" is a device name on Windows and cannot name a page; choose another id',
                       node)
    return value


def _load_each(
    entries: list[MappingNode], kind: str, known: tuple[str, ...], report: _Report, build: Callable[..., object]
) -> list:
    """Builds every entry; one bad entry is reported and skipped, and a later duplicate id too."""
    built: list = []
    first_line: dict[str, int] = {}
    for entry in entries:
        entry_id = ""
        try:
            _check_tags(entry)
            fields = _fields(entry, known, kind, report)
            entry_id = _entry_id(fields, entry, kind)
            if entry_id in first_line:
                raise _Invalid(
                    f'duplicate {kind} id "{entry_id}" (first defined on line {first_line[entry_id]}); rename one',
                    fields["id"],
                )
            item = build(entry_id, fields, entry, report)
        except _Invalid as exc:
            message = str(exc)
            if entry_id and f'"{entry_id}"' not in message:
                message = f'{kind} "{entry_id}": {message}'
            report.add(f"{message}; entry skipped", exc.node)
            continue
        first_line[entry_id] = entry.start_mark.line + 1
        built.append(item)
    return built


def _load_entities(entries: list[MappingNode], report: _Report) -> list[Entity]:
    return _load_each(entries, "entity", ENTITY_KEYS, report, _entity)


def _entity(entity_id: str, fields: dict[str, Node], entry: MappingNode, report: _Report) -> Entity:
    if "name" not in fields:
        raise _Invalid(f'entity "{entity_id}" has no name; add name: <the usual name>', entry)
    name = _string(fields["name"], "name")
    if not name.strip():
        raise _Invalid(f'entity "{entity_id}" has an empty name', fields["name"])
    aliases = _per_language(fields.get("aliases"), "aliases")
    for lang, words in aliases.items():
        for alias in words:
            if not any(True for _ in tokenize(alias)):
                message = f'entity "{entity_id}": alias "{alias}" ({lang}) has no letters or digits and never matches'
                report.add(message, fields["aliases"], "warning")
    names = [name, *(a for lang in sorted(aliases) for a in aliases[lang])]
    return Entity(
        id=entity_id,
        name=name.strip(),
        type=_string(fields["type"], "type").strip() if "type" in fields else "other",
        aliases=aliases,
        description=_string(fields["description"], "description").strip() if "description" in fields else "",
        case_sensitive=_case_sensitive(fields.get("case_sensitive"), names, entity_id, report),
    )


def _case_sensitive(node: Node | None, names: list[str], entity_id: str, report: _Report) -> tuple[str, ...]:
    if node is None:
        return tuple(dict.fromkeys(n for n in names if is_acronym(n)))
    if isinstance(node, ScalarNode) and node.tag.endswith(":bool"):
        return tuple(dict.fromkeys(names)) if _value(node) else ()
    chosen = _string_list(node, "case_sensitive")
    for alias in chosen:
        if alias not in names:
            report.add(f'entity "{entity_id}": case_sensitive "{alias}" is not its name or one of its aliases',
                       node, "warning")
    return tuple(dict.fromkeys(a for a in chosen if a in names))


def _load_topics(entries: list[MappingNode], known_entities: set[str], report: _Report) -> list[Topic]:
    parent_nodes: dict[str, Node] = {}

    def build(topic_id: str, fields: dict[str, Node], entry: MappingNode, report: _Report) -> Topic:
        topic = _topic(topic_id, fields, entry, known_entities, report)
        if "parent" in fields:
            parent_nodes[topic_id] = fields["parent"]
        return topic

    topics: list[Topic] = _load_each(entries, "topic", TOPIC_KEYS, report, build)
    return _check_parents(topics, parent_nodes, report)


def _topic(
    topic_id: str, fields: dict[str, Node], entry: MappingNode, known_entities: set[str], report: _Report
) -> Topic:
    if "labels" in fields:
        labels = {lang: words[0] for lang, words in _per_language(fields["labels"], "labels", single=True).items()}
    elif "label" in fields:
        labels = {"en": _string(fields["label"], "label").strip()}
    else:
        labels = {}
    if not any(labels.values()):
        raise _Invalid(f'topic "{topic_id}" has no labels; add labels: {{en: <label>}}', entry)
    patterns = _string_items(fields["patterns"], "patterns") if "patterns" in fields else []
    for pattern, node in patterns:
        try:
            check_pattern(pattern)
        except PatternError as exc:
            raise _Invalid(f'topic "{topic_id}": pattern "{pattern}" {exc}', node) from None
    entities = _string_items(fields["entities"], "entities") if "entities" in fields else []
    for entity_id, node in entities:
        if entity_id not in known_entities:
            report.add(f'topic "{topic_id}": unknown entity "{entity_id}"; use the id of an entity in entities.yml',
                       node)
    min_score = _value(fields["min_score"]) if "min_score" in fields else 1.0
    if isinstance(min_score, bool) or not isinstance(min_score, int | float) or min_score <= 0:
        raise _Invalid(f'topic "{topic_id}": min_score must be a number above 0, not {min_score!r}',
                       fields["min_score"])
    return Topic(
        id=topic_id,
        labels=labels,
        description=_string(fields["description"], "description").strip() if "description" in fields else "",
        parent=_string(fields["parent"], "parent").strip() or None if "parent" in fields else None,
        terms=_per_language(fields.get("terms"), "terms"),
        patterns=tuple(p for p, _ in patterns),
        entities=tuple(e for e, _ in entities if e in known_entities),
        min_score=float(min_score),
    )


def _check_parents(topics: list[Topic], parent_nodes: dict[str, Node], report: _Report) -> list[Topic]:
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


def _value(node: Node) -> object:
    try:
        return yaml.SafeLoader("").construct_document(node)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:  # !!int abc, !!binary of bad base64
        shown = str(node.tag).replace("tag:yaml.org,2002:", "!!")
        raise _Invalid(f'"{str(node.value)[:60]}" cannot be read as {shown} ({exc})', node) from None


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    try:
        value = _value(node)
    except _Invalid:
        return "an unreadable value"
    if value is None:
        return "empty"
    return {bool: "true/false", int: "a number", float: "a number"}.get(type(value), "text")


def _string(node: Node, key: str) -> str:
    """Text as written, less the controls that reverse it (labels and names are shown everywhere)."""
    if isinstance(node, ScalarNode) and node.value != "" and _kind(node) in ("text", "a number"):
        return strip_bidi(str(node.value))
    raise _Invalid(f'"{key}" must be text, not {_kind(node)}', node)


def _string_items(node: Node, key: str) -> list[tuple[str, Node]]:
    """Text or a list of text, each with its node (for the line of a message about it)."""
    if isinstance(node, ScalarNode):
        return [(_string(node, key), node)]
    if isinstance(node, SequenceNode):
        return [(_string(item, key), item) for item in node.value]
    raise _Invalid(f'"{key}" must be a list of text, not {_kind(node)}', node)


def _string_list(node: Node, key: str) -> list[str]:
    return [value for value, _ in _string_items(node, key)]


def _per_language(node: Node | None, key: str, single: bool = False) -> dict[str, tuple[str, ...]]:
    """{lang: [..]} or a plain list (any language); keys are language codes or "*"."""
    if node is None:
        return {}
    if not isinstance(node, MappingNode):
        if single:
            raise _Invalid(f'"{key}" must map languages to text, e.g. {{en: ..., es: ...}}', node)
        return {ANY_LANGUAGE: tuple(_clean(_string_list(node, key)))}
    out: dict[str, tuple[str, ...]] = {}
    for key_node, value_node in node.value:
        lang = str(key_node.value).strip().lower()
        if not _LANG.fullmatch(lang):
            raise _Invalid(f'"{key}": "{key_node.value}" is not a language code (like en, es, ru) or "*"', key_node)
        values = [_string(value_node, key)] if single else _string_list(value_node, key)
        out[lang] = tuple(_clean(values))
    return {lang: out[lang] for lang in sorted(out) if out[lang]}


def _clean(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v.strip()))
