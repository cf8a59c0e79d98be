"""What every reader shares: the interface, the title fallback and the cap on page size."""

from __future__ import annotations

import posixpath
import re
from typing import Protocol

from kbsite.model import Diagnostic, Document
from kbsite.sanitize import MAX_NESTING, clean_html, limit_nesting

# A page over this many characters of HTML makes browsers and MkDocs' search crawl; search keeps the whole text.
PAGE_HTML_CAP = 2_000_000
TITLE_CAP = 200

_SEPARATORS = re.compile(r"[_\-\s]+")


class Reader(Protocol):
    """One input format. `read` gets decoded text and never raises: problems become diagnostics."""

    extensions: frozenset[str]

    def read(self, source: str, text: str) -> Document: ...


def title_from_filename(source: str) -> str:
    stem = posixpath.basename(source).split(".", 1)[0]
    return " ".join(_SEPARATORS.sub(" ", stem).split()) or stem


def shorten(text: str, limit: int = TITLE_CAP) -> str:
    """At most `limit` characters, cut between words."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-") + "…"


def _too_long(source: str, size: int) -> Diagnostic:
    return Diagnostic(
        source,
        f"the article is too long to show in full ({size / 1e6:.1f} MB): its page shows the first "
        f"{PAGE_HTML_CAP / 1e6:.0f} MB; search covers all of it",
        severity="warning",
    )


NOTICE = "<p><em>This article is too long to show in full here; search covers all of it.</em></p>"


def too_deep(source: str) -> Diagnostic:
    return Diagnostic(source, f"parts of the article are nested more than {MAX_NESTING} levels deep (quotes, lists "
                              "or tags): the deeper levels are shown flat", severity="warning")


def cap_html(source: str, html: str, size: int | None = None) -> tuple[str, list[Diagnostic]]:
    """The page HTML cut to PAGE_HTML_CAP at a paragraph end, with its tags closed again, and no deeper
    than MAX_NESTING.

    `size` is the whole article's size when `html` is already only its beginning.
    """
    html, flattened = limit_nesting(html)
    diagnostics = [too_deep(source)] if flattened else []
    if len(html) <= PAGE_HTML_CAP and size is None:
        return html, diagnostics
    size = size or len(html)
    if len(html) > PAGE_HTML_CAP:
        end = html.rfind("</p>", 0, PAGE_HTML_CAP)
        html = clean_html(html[: end + 4] if end > PAGE_HTML_CAP // 2 else html[:PAGE_HTML_CAP])
    return html + "\n" + NOTICE, [*diagnostics, _too_long(source, size)]
