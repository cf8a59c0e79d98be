"""A YAML list of entries read node by node, for topics.yml and entities.yml.

The nodes are kept rather than the values PyYAML would build, so every message names the line of
the field it is about; only YAML's plain types are built (a tag such as !!python/object never is);
and nesting is bounded. A field that makes its entry unusable raises Invalid, and the entry is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kbsite.model import Diagnostic
from kbsite.sanitize import strip_bidi

ANY_LANGUAGE = "*"
MAX_DEPTH = 32  # levels of YAML nesting; an entry needs four
_LANG = re.compile(r"[a-z]{2,3}|\*")


class Invalid(Exception):
    """A field that makes its entry unusable; the entry is skipped."""

    def __init__(self, message: str, node: Node) -> None:
        super().__init__(message)
        self.node = node


@dataclass
class Report:
    source: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def sorted(self) -> list[Diagnostic]:
        """In file order, which is how a user fixes them."""
        return sorted(self.diagnostics, key=lambda d: d.line or 0)

    def add(self, message: str, node: Node | None, severity: str = "error") -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.diagnostics.append(Diagnostic(self.source, message, line, severity))


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


def check_tags(entry: MappingNode) -> None:
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
            raise Invalid(f'the YAML tag "{shown}" is not allowed: use plain text, numbers, lists and mappings',
                           node)
        if isinstance(node, MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


def read_entries(text: str | None, report: Report) -> list[MappingNode]:
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
            report.add(f"an entry must be a mapping with an id, not {kind_of(node)}; skipped", node)
    return entries


def fields_of(entry: MappingNode, known: tuple[str, ...], what: str, report: Report) -> dict[str, Node]:
    fields: dict[str, Node] = {}
    for key_node, value_node in entry.value:
        key = str(key_node.value)
        if key not in known:
            report.add(f'unknown key "{key}" in {what}; known keys: {", ".join(known)}', key_node, "warning")
        elif key in fields:
            raise Invalid(f'"{key}" is given twice in {what}', key_node)
        else:
            fields[key] = value_node
    return fields


def node_value(node: Node) -> object:
    try:
        return yaml.SafeLoader("").construct_document(node)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:  # !!int abc, !!binary of bad base64
        shown = str(node.tag).replace("tag:yaml.org,2002:", "!!")
        raise Invalid(f'"{str(node.value)[:60]}" cannot be read as {shown} ({exc})', node) from None


def kind_of(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    try:
        value = node_value(node)
    except Invalid:
        return "an unreadable value"
    if value is None:
        return "empty"
    return {bool: "true/false", int: "a number", float: "a number"}.get(type(value), "text")


def text_of(node: Node, key: str) -> str:
    """Text as written, less the controls that reverse it (labels and names are shown everywhere)."""
    if isinstance(node, ScalarNode) and node.value != "" and kind_of(node) in ("text", "a number"):
        return strip_bidi(str(node.value))
    raise Invalid(f'"{key}" must be text, not {kind_of(node)}', node)


def text_items(node: Node, key: str) -> list[tuple[str, Node]]:
    """Text or a list of text, each with its node (for the line of a message about it)."""
    if isinstance(node, ScalarNode):
        return [(text_of(node, key), node)]
    if isinstance(node, SequenceNode):
        return [(text_of(item, key), item) for item in node.value]
    raise Invalid(f'"{key}" must be a list of text, not {kind_of(node)}', node)


def text_list(node: Node, key: str) -> list[str]:
    return [value for value, _ in text_items(node, key)]


def per_language(node: Node | None, key: str, single: bool = False) -> dict[str, tuple[str, ...]]:
    """{lang: [..]} or a plain list (any language); keys are language codes or "*"."""
    if node is None:
        return {}
    if not isinstance(node, MappingNode):
        if single:
            raise Invalid(f'"{key}" must map languages to text, e.g. {{en: ..., es: ...}}', node)
        return {ANY_LANGUAGE: tuple(_clean(text_list(node, key)))}
    out: dict[str, tuple[str, ...]] = {}
    for key_node, value_node in node.value:
        lang = str(key_node.value).strip().lower()
        if not _LANG.fullmatch(lang):
            raise Invalid(f'"{key}": "{key_node.value}" is not a language code (like en, es, ru) or "*"', key_node)
        values = [text_of(value_node, key)] if single else text_list(value_node, key)
        out[lang] = tuple(_clean(values))
    return {lang: out[lang] for lang in sorted(out) if out[lang]}


def _clean(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v.strip()))
