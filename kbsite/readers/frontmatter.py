"""YAML front matter and sidecar files: the metadata a user writes by hand.

PyYAML counts lines from 0 within the text it is given, so every line it reports gets the
block's offset in the file added: a message must point at the line the user has to fix.
Timestamps are left as text for kbsite.dates.parse_date, so a wrong date such as 2015-02-30
drops the date with a warning instead of the whole front matter.
"""

from __future__ import annotations

import re

import yaml

from kbsite.model import Diagnostic
from kbsite.readers.metadata import normalize

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL | re.MULTILINE)
_OPENING = re.compile(r"\A---[ \t]*(?:\n|\Z)")
_UNKNOWN_TAG = re.compile(r"could not determine a constructor for the tag '(.*)'\Z")


class _Loader(yaml.SafeLoader):
    """SafeLoader without timestamps: dates stay the text the user wrote."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same with LibYAML's parser when PyYAML has it: several times faster on thousands of
    articles. Its error messages are vaguer, so a block it rejects is parsed again by _Loader."""


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def split(source: str, text: str) -> tuple[str | None, str, list[Diagnostic]]:
    """(front matter YAML or None, body, diagnostics); the YAML starts on line 2 of the file."""
    match = _FRONT_MATTER.match(text)
    if match:
        return match.group(1), text[match.end():], []
    if _OPENING.match(text):
        message = "front matter has no closing '---' line: add one after the metadata; the file was read as text"
        return None, text, [Diagnostic(source, message, 1, "warning")]
    return None, text, []


def parse(
    source: str, block: str, first_line: int, label: str = "front matter"
) -> tuple[dict[str, object], list[Diagnostic]]:
    """Normalised metadata from a YAML mapping whose first line is line `first_line` of the file.

    Any problem drops all of the block's metadata with one warning at its line; it never raises.
    """
    try:
        node, data = _load(_FastLoader, block)
    except (yaml.YAMLError, RecursionError):
        return _parse_slowly(source, block, first_line, label)
    return _checked(source, data, node, first_line, label)


def _load(loader_class: type, block: str) -> tuple[yaml.Node | None, object]:
    loader = loader_class(block)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _parse_slowly(source: str, block: str, first_line: int, label: str) -> tuple[dict[str, object], list[Diagnostic]]:
    """The pure-Python parser, for the message and line of what is wrong."""
    try:
        node, data = _load(_Loader, block)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        problem = exc.problem or exc.context or "unreadable"
        if tag := _UNKNOWN_TAG.match(problem):
            shown = tag.group(1).replace("tag:yaml.org,2002:", "!!")
            problem = f'the tag "{shown}" is not allowed: use plain text, numbers, lists and mappings'
        return {}, [_invalid(source, label, problem, line)]
    except yaml.YAMLError as exc:  # a ReaderError: a character YAML does not allow
        return {}, [_invalid(source, label, getattr(exc, "reason", None) or "unreadable", first_line)]
    except RecursionError:
        return {}, [_invalid(source, label, "it is nested too deeply", first_line)]
    return _checked(source, data, node, first_line, label)


def _checked(source: str, data: object, node: yaml.Node | None, first_line: int,
             label: str) -> tuple[dict[str, object], list[Diagnostic]]:
    if data is None or node is None:
        return {}, []
    if not isinstance(data, dict):
        message = f"{label} is not a list of 'key: value' lines: it was ignored"
        return {}, [Diagnostic(source, message, first_line, "warning")]
    lines = {
        key.value.strip().lower(): first_line + key.start_mark.line
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return normalize(data, source, lines)


def _invalid(source: str, label: str, problem: str, line: int) -> Diagnostic:
    return Diagnostic(source, f"{label} is not valid YAML ({problem}): all of it was ignored; fix the YAML",
                      line, "warning")
