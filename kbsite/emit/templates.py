"""The pages' look lives in Jinja2 templates (kbsite/templates/); Python hands them data.

A template of the same name in the project's overrides folder (Material's `theme.custom_dir`,
`overrides/` when unset) replaces the shipped one, so a user changes how a page looks without
touching kbsite. The pages are Markdown with some raw HTML, and article text is untrusted, so every
value a template prints is escaped for Markdown AND HTML (kbsite.emit.markup.text) unless it is
already markup made by kbsite's own helpers (`Markup`). For the raw HTML parts: `|h` escapes for an attribute,
`|ht` for text between tags, `|hline` also makes the value one line; `|text` is the Markdown escaping as markup.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup

from kbsite.cache import article_key
from kbsite.emit import i18n
from kbsite.emit.markup import front_matter, html_text, lang_attr, text
from kbsite.errors import KbError

SHIPPED = Path(__file__).resolve().parent.parent / "templates"
SUFFIX = ".md.j2"


def _finalize(value: object) -> object:
    """What `{{ value }}` prints: kbsite's own markup as it is, anything else as text that renders as itself."""
    if hasattr(value, "__html__"):
        return value
    return Markup(text("" if value is None else value))


def _html(value: object) -> Markup:
    """For raw HTML (breadcrumbs, the citation box): HTML escaping only; Markdown leaves raw HTML alone."""
    return Markup(html.escape(str(value), quote=True))


def _html_text(value: object) -> Markup:
    """For text between HTML tags: quotes stay as they are."""
    return Markup(html.escape(str(value), quote=False))


def environment(overrides: Path | None = None) -> Environment:
    """The shipped templates behind the project's overrides folder, if there is one.

    One per folder and state of its templates, so they compile once per process however many pages use them,
    and a build sees an override added, edited or removed since the last (`mkdocs serve`)."""
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in override_files(overrides))
    return _environment(overrides, stamp)


@functools.lru_cache(maxsize=8)
def _environment(overrides: Path | None, stamp: tuple) -> Environment:
    folders = [str(overrides)] if overrides is not None else []
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(folders), FileSystemLoader(str(SHIPPED))]),
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(h=_html, ht=_html_text, hline=lambda v: Markup(html_text(v)), text=lambda v: Markup(text(v)))
    env.globals.update(
        word=i18n.word, phrase=i18n.phrase, count=i18n.count,
        front_matter=lambda title, extra=None: Markup(front_matter(title, **(extra or {}))),
        lang_attr=lambda lang: Markup(lang_attr(lang)),
    )
    return env


def render(env: Environment, name: str, **data: object) -> str:
    """Template `name` with `data`; a page ends with one newline, however its template ends."""
    try:
        out = env.get_template(name + SUFFIX).render(**data)
    except TemplateError as exc:
        raise KbError(f"{_where(exc, name)}: template error: {exc.message or exc}") from exc
    return out.rstrip("\n") + "\n"


def _where(exc: TemplateError, name: str) -> str:
    """The template file and line at fault: a syntax error says where; a runtime error's traceback holds the
    template's own frames (Jinja2 gives them the template's file name and line)."""
    if getattr(exc, "lineno", None):
        return f"{exc.filename or exc.name}:{exc.lineno}"
    where, tb = name + SUFFIX, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(SUFFIX):
            where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def digest(overrides: Path | None) -> str:
    """The hash of every template a page may be rendered from: part of a rendered page's key."""
    return article_key(*(part for path in (*shipped_files(), *override_files(overrides))
                         for part in (str(path), path.read_bytes())))


def shipped_files() -> list[Path]:
    """kbsite's own page templates: part of what a build reads, as its code is."""
    return sorted(SHIPPED.glob("*" + SUFFIX))


def override_files(overrides: Path | None) -> Iterable[Path]:
    """The project's page templates: part of what a build reads."""
    if overrides is None or not overrides.is_dir():
        return []
    return sorted(overrides.glob("*" + SUFFIX))  # also a piece of its own that an override includes
