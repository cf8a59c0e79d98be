"""The passage shown under a search hit: the window of text with the most query words, and where they are.

Spans are character offsets into the snippet, so each front end marks them its own way
(ANSI bold in a terminal, <mark> in a browser, brackets in plain text and JSON).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection

from kbsite.index.analysis import index_term
from kbsite.textproc import token_offsets

WIDTH = 220  # characters of text around the matches
LEAD = 40  # characters kept before the first match of the window


def make_snippet(
    text: str, lang: str, wanted: Collection[str], width: int = WIDTH
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The best window of `text` for the index terms in `wanted`, and the spans of those words in it.

    The best window starts at a matched word and holds the most distinct wanted terms (the first such, on a
    tie). Each distinct word of the text is reduced once, and the windows slide over the matches: a hit's
    whole stored text is read for every result shown.
    """
    found, spans = token_offsets(text)
    ends = [end for _, end in spans]
    terms = _wanted_words(found, lang, wanted)
    matches = [i for i, w in enumerate(found) if w in terms]
    if matches:
        best, best_count = 0, -1
        counts: dict[str, int] = {}
        k = 0  # matches[i:k] are the window of matches[i]: those ending within width - LEAD of its start
        for i, first in enumerate(matches):
            k = max(k, i)
            limit = spans[first][0] + width - LEAD
            while k < len(matches) and ends[matches[k]] <= limit:
                t = terms[found[matches[k]]]
                counts[t] = counts.get(t, 0) + 1
                k += 1
            if len(counts) > best_count:
                best, best_count = i, len(counts)
            if k > i:
                t = terms[found[first]]
                counts[t] -= 1
                if not counts[t]:
                    del counts[t]
        start = _word_start(spans, ends, max(0, spans[matches[best]][0] - LEAD))
    else:
        start = 0
    end = _word_end(ends, min(len(text), start + width))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    body = text[start:end]
    snippet = prefix + " ".join(body.split()) + suffix
    found, spans = token_offsets(snippet)
    terms = _wanted_words(found, lang, wanted)
    return snippet, tuple(span for w, span in zip(found, spans, strict=True) if w in terms)


def _wanted_words(found: list[str], lang: str, wanted: Collection[str]) -> dict[str, str]:
    """Word as written -> its index term, for the distinct words of `found` whose term is wanted."""
    if not wanted:
        return {}
    terms = {w: index_term(w, lang) for w in set(found)}
    return {w: t for w, t in terms.items() if t in wanted}


def mark(snippet: str, spans: tuple[tuple[int, int], ...], before: str, after: str) -> str:
    out, pos = [], 0
    for start, end in spans:
        out += [snippet[pos:start], before, snippet[start:end], after]
        pos = end
    out.append(snippet[pos:])
    return "".join(out)


def _word_start(spans: list[tuple[int, int]], ends: list[int], pos: int) -> int:
    """Move `pos` forward to the start of the word it falls in, so no word is cut at the front."""
    i = bisect_right(ends, pos)
    if i < len(spans):
        start = spans[i][0]
        return start if start < pos else pos
    return pos


def _word_end(ends: list[int], pos: int) -> int:
    """The end of the last word that ends by `pos` (or `pos` itself, if none does)."""
    i = bisect_right(ends, pos)
    last = ends[i - 1] if i else 0
    return last if last else pos
