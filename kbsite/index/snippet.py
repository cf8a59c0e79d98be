"""The passage shown under a search hit: the window of text with the most query words, and where they are.

Spans are character offsets into the snippet, so each front end marks them its own way
(ANSI bold in a terminal, <mark> in a browser, brackets in plain text and JSON).
"""

from __future__ import annotations

from collections.abc import Collection

from kbsite.index.analysis import index_term
from kbsite.textproc import tokenize

WIDTH = 220  # characters of text around the matches
LEAD = 40  # characters kept before the first match of the window


def make_snippet(
    text: str, lang: str, wanted: Collection[str], width: int = WIDTH
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The best window of `text` for the index terms in `wanted`, and the spans of those words in it."""
    tokens = list(tokenize(text))
    matches = [t for t in tokens if index_term(t.text, lang) in wanted] if wanted else []
    if matches:
        best, best_count = 0, -1
        for i, first in enumerate(matches):
            found = {index_term(m.text, lang) for m in matches[i:] if m.end <= first.start + width - LEAD}
            if len(found) > best_count:
                best, best_count = i, len(found)
        start = _word_start(tokens, max(0, matches[best].start - LEAD))
    else:
        start = 0
    end = _word_end(tokens, min(len(text), start + width))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    body = text[start:end]
    snippet = prefix + " ".join(body.split()) + suffix
    spans = _spans(snippet, lang, wanted)
    return snippet, spans


def mark(snippet: str, spans: tuple[tuple[int, int], ...], before: str, after: str) -> str:
    out, pos = [], 0
    for start, end in spans:
        out += [snippet[pos:start], before, snippet[start:end], after]
        pos = end
    out.append(snippet[pos:])
    return "".join(out)


def _spans(snippet: str, lang: str, wanted: Collection[str]) -> tuple[tuple[int, int], ...]:
    return tuple((t.start, t.end) for t in tokenize(snippet) if index_term(t.text, lang) in wanted)


def _word_start(tokens: list, pos: int) -> int:
    """Move `pos` forward to the start of the word it falls in, so no word is cut at the front."""
    for t in tokens:
        if t.end > pos:
            return t.start if t.start < pos else pos
    return pos


def _word_end(tokens: list, pos: int) -> int:
    last = 0
    for t in tokens:
        if t.end > pos:
            break
        last = t.end
    return last if last else pos
