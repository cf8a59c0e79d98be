"""The one way untrusted strings enter a generated page: escaped for Markdown AND HTML.

Article text, titles and taxonomy strings may be hostile. Python-Markdown passes raw
HTML through and MkDocs' templates do not autoescape `page.meta.title`, so every
such string is escaped here, and every link target is built here from our own paths
or from an http(s) URL checked here.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import quote, urlsplit

import yaml

# Python-Markdown's ESCAPED_CHARS with the tables extension; escaping any other
# character would leave a visible backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_LANG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
# Characters kept as they are in an external URL; everything else is percent-encoded
# so that no quote, bracket or parenthesis can end the Markdown link early.
_URL_SAFE = "/:?#&=%+,;@!$~._-"


def plain(value: object) -> str:
    """One line of text: control characters and runs of whitespace become one space."""
    return " ".join(_CONTROL.sub(" ", str(value)).split())


def text(value: object) -> str:
    """Inline Markdown that renders as exactly `value`, with no markup of its own."""
    escaped = html.escape(plain(value), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def html_text(value: object) -> str:
    """Text for places MkDocs puts into HTML unescaped (the front-matter title)."""
    return html.escape(plain(value), quote=True)


def lang_code(lang: str | None) -> str | None:
    """A language tag safe for a lang attribute, or None (also for "und")."""
    if not lang or not _LANG.match(lang) or lang.lower() == "und":
        return None
    return lang


def lang_attr(lang: str | None) -> str:
    """attr_list suffix that marks a link or paragraph as written in `lang`."""
    code = lang_code(lang)
    return f'{{: lang="{code}" }}' if code else ""


def front_matter(title: str, **extra: str) -> str:
    data = {"title": html_text(title), **extra, "kbsite": "generated"}
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=float("inf"))
    return f"---\n{dumped}---\n"


def relative(from_page: str, to_page: str) -> str:
    """Relative, percent-encoded link between two normalised docs/ paths (posixpath.relpath is slow)."""
    folder, target = from_page.split("/")[:-1], to_page.split("/")
    common = 0
    while common < len(folder) and common < len(target) - 1 and folder[common] == target[common]:
        common += 1
    return "../" * (len(folder) - common) + _quoted_path("/".join(target[common:]))


@lru_cache(maxsize=1 << 16)
def _quoted_path(path: str) -> str:
    """Percent-encoded, each target once: a build links the same pages from thousands of others."""
    return quote(path, safe="/-._~")


def safe_url(url: str | None) -> str | None:
    """An http(s) URL made safe to put inside a Markdown link, or None."""
    if not url:
        return None
    candidate = plain(url)
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(candidate, safe=_URL_SAFE)
