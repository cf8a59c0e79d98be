"""One table of coercions, one per metadata key, shared by front matter, sidecars and HTML <meta>.

Metadata is written by hand, so every value may have the wrong type: a coercion returns the
value to keep, or None to drop it, and says why in a warning; it never raises.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

from kbsite.analyze.language import known_codes
from kbsite.dates import parse_date
from kbsite.model import Diagnostic
from kbsite.sanitize import strip_bidi

KEYS = ("title", "date", "lang", "publisher", "author", "url", "topics", "entities", "tags", "summary")
ALIASES = {"source": "publisher", "language": "lang", "authors": "author"}

_LANG = re.compile(r"([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*")
_URL = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SHOWN = 60  # characters of a value quoted in a message


class _Context:
    """Where the value came from, so a warning can name the file and the line of the key."""

    def __init__(self, source: str, lines: Mapping[str, int]) -> None:
        self.source = source
        self.lines = lines
        self.diagnostics: list[Diagnostic] = []

    def warn(self, key: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.source, message, self.lines.get(key), "warning"))


def normalize(
    raw: Mapping[object, object], source: str, lines: Mapping[str, int] | None = None
) -> tuple[dict[str, object], list[Diagnostic]]:
    """Known keys, coerced; unknown keys are left out without a word (front matter often holds other tools' keys).

    `lines` maps a key (lower case, as written) to its line in the file, for the warnings.
    """
    context = _Context(source, lines or {})
    found: dict[str, tuple[str, object]] = {}
    for written, value in raw.items():
        if not isinstance(written, str):
            continue
        name = written.strip().lower()
        key = ALIASES.get(name, name)
        if key in PROCESSORS and (key not in found or name == key):
            found[key] = (name, value)
    meta: dict[str, object] = {}
    for key in KEYS:
        if key not in found:
            continue
        name, value = found[key]
        if value is None:
            continue
        coerced = PROCESSORS[key](value, name, context)
        if coerced not in (None, "", []):
            meta[key] = coerced
    return meta, context.diagnostics


def show(value: object) -> str:
    """A value as a message quotes it: short, on one line, with no terminal control characters."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple | set):
        return "a list"
    text = str(value) if isinstance(value, str | int | float | bool | dt.date) else type(value).__name__
    if len(text) > _SHOWN:
        text = text[: _SHOWN - 1] + "…"
    return "'" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in text) + "'"


def one_line(text: str) -> str:
    return " ".join(strip_bidi(_CONTROL.sub(" ", text)).split())


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple | set):
        return "a list"
    return "a number" if isinstance(value, int | float) else type(value).__name__


def _text(value: object, name: str, context: _Context) -> str | None:
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    context.warn(name, f"{name} must be text, not {_kind(value)}: it was ignored")
    return None


def _title(value: object, name: str, context: _Context) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        context.warn(name, f"{name} is a number ({value}): it was used as text; put it in quotes to say so")
        return str(value)
    return _text(value, name, context)


def _date(value: object, name: str, context: _Context) -> str | None:
    parsed = parse_date(value)
    if parsed is None:
        context.warn(name, f"{name} {show(value)} is not a date: write it as YYYY-MM-DD; it was ignored")
    return parsed


def _lang(value: object, name: str, context: _Context) -> str | None:
    text = value.strip().lower() if isinstance(value, str) else ""
    if match := _LANG.fullmatch(text):
        if match.group(1) in known_codes():
            return match.group(1)
        context.warn(name, f"{name} {show(value)} is not a known language code (such as en, es, ru or pt-BR): "
                           "it was ignored and the language is detected from the text")
        return None
    context.warn(name, f"{name} {show(value)} is not a language code such as en or pt-BR: it was ignored")
    return None


def _author(value: object, name: str, context: _Context) -> str | None:
    if isinstance(value, list):
        names = [_text(item, name, context) for item in value]
        return ", ".join(n for n in names if n)
    return _text(value, name, context)


def _url(value: object, name: str, context: _Context) -> str | None:
    text = value.strip() if isinstance(value, str) else ""
    if _URL.fullmatch(text):
        return text
    context.warn(name, f"{name} {show(value)} is not an http or https address: it was ignored")
    return None


def _terms(value: object, name: str, context: _Context) -> list[str] | None:
    if isinstance(value, str):
        items: list[object] = value.split(",")
    elif isinstance(value, list):
        items = value
    else:
        context.warn(name, f"{name} must be a list or a comma-separated text, not {_kind(value)}: it was ignored")
        return None
    out: dict[str, None] = {}
    for item in items:
        if isinstance(item, str | int | float) and not isinstance(item, bool):
            text = one_line(str(item))
            if text:
                out[text] = None
        else:
            context.warn(name, f"{name} must hold only texts, not {_kind(item)}: that item was ignored")
    return list(out)


PROCESSORS: dict[str, Callable[[object, str, _Context], object]] = {
    "title": _title,
    "date": _date,
    "lang": _lang,
    "publisher": _text,
    "author": _author,
    "url": _url,
    "topics": _terms,
    "entities": _terms,
    "tags": _terms,
    "summary": _text,
}
