"""Search results for a terminal: numbered lines with bold matches, or a JSON array for scripts.

Titles and snippets come from articles and may hold control characters (an ANSI escape in a title
could rewrite the terminal): they are replaced before anything is printed.
"""

from __future__ import annotations

import json
import re

from kbsite.index.query import Hit, SearchResults

BOLD, RESET = "\x1b[1m", "\x1b[0m"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    return _CONTROL.sub(" ", text)


def format_lines(results: SearchResults, *, color: bool = False) -> list[str]:
    """Lines to print: a count, then per hit its title, where it is, and the snippet."""
    lines: list[str] = []
    if not results.hits:
        lines.append(f"No results for {clean(results.query)!r}.")
    else:
        shown = len(results.hits)
        more = f", showing the first {shown}" if shown < results.total else ""
        lines.append(f"{results.total} result{'s' if results.total != 1 else ''}{more}:")
    if results.suggestion:
        lines.append(f"Did you mean: {clean(results.suggestion)}")
    for n, hit in enumerate(results.hits, 1):
        title = clean(hit.title) or hit.path
        lines.append(f"{n:>2}. {BOLD + title + RESET if color else title}")
        where = " · ".join(x for x in (hit.lang, hit.date, clean(hit.publisher or ""), hit.path) if x)
        lines.append(f"    {where}  (score {hit.score:.2f})")
        snippet = _marked(hit, color)
        if snippet:
            lines.append(f"    {snippet}")
    return lines


def _marked(hit: Hit, color: bool) -> str:
    cleaned = Hit(**{**hit.__dict__, "snippet": clean(hit.snippet)})
    return cleaned.marked(BOLD, RESET) if color else cleaned.marked("[", "]")


def to_json(results: SearchResults) -> str:
    """The --json output: an array of hits, each with title, path, lang, score, url, date, snippet."""
    rows = [
        {
            "title": hit.title,
            "path": hit.path,
            "lang": hit.lang,
            "score": hit.score,
            "url": hit.url,
            "date": hit.date,
            "publisher": hit.publisher,
            "snippet": hit.snippet,
            "highlights": [list(span) for span in hit.highlights],
            "topics": list(hit.topics),
            "entities": list(hit.entities),
        }
        for hit in results.hits
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)
