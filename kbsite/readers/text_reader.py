"""Plain text articles: the first non-empty line is the title, the rest is the body."""

from __future__ import annotations

import re

from kbsite.model import Document
from kbsite.readers.base import cap_html, shorten
from kbsite.sanitize import text_to_html
from kbsite.textproc import sentences

_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")
# Tried only where a run of spaces starts: from every space of a long run, the search would be quadratic.
_TRAILING_SPACE = re.compile(r"(?<![^\S\n])[^\S\n]+\n")
# News headlines stay well under this; a longer first line is the opening paragraph.
HEADLINE_CAP = 120


class TextReader:
    extensions = frozenset({".txt"})

    def read(self, source: str, text: str) -> Document:
        text = _BLANK_LINES.sub("\n\n", _TRAILING_SPACE.sub("\n", text)).strip()
        first, _, rest = text.partition("\n")
        first = " ".join(first.split())
        if len(first) > HEADLINE_CAP:
            # The opening paragraph: its first sentence is the title and the paragraph stays in the body.
            title = shorten(sentences(first)[0][1], HEADLINE_CAP)
            body = text
        else:
            title, body = first, rest.strip()
        html, diagnostics = cap_html(source, text_to_html(body))
        return Document(source=source, title=title, text=body, html=html, diagnostics=diagnostics)
