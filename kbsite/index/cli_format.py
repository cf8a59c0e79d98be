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
    full = sum(not hit.partial for hit in results.hits)
    if not results.hits:
        lines.append(f"No results for {clean(results.query)!r}.")
    elif not results.total:
        lines.append(f"No article matches all of {clean(results.query)!r}; "
                     f"{_count(results.partial_total, 'partial match', 'partial matches')}:")
    else:
        more = f", showing the first {full}" if full < results.total else ""
        lines.append(f"{_count(results.total, 'result', 'results')}{more}:")
    if results.suggestion:
        lines.append(f"Did you mean: {clean(results.suggestion)}")
    for n, hit in enumerate(results.hits, 1):
        if hit.partial and n == full + 1:
            lines.append(f"--- partial matches: not every word ({results.partial_total}) ---")
        title = clean(hit.title) or hit.path
        lines.append(f"{n:>2}. {BOLD + title + RESET if color else title}")
        where = " · ".join(x for x in (hit.lang, hit.date, clean(hit.publisher or ""), hit.path) if x)
        lines.append(f"    {where}  (score {hit.score:.2f})")
        snippet = _marked(hit, color)
        if snippet:
            lines.append(f"    {snippet}")
    return lines


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _marked(hit: Hit, color: bool) -> str:
    cleaned = Hit(**{**hit.__dict__, "snippet": clean(hit.snippet)})
    return cleaned.marked(BOLD, RESET) if color else cleaned.marked("[", "]")


def to_json(results: SearchResults) -> str:
    """The --json output: an array of hits, each with title, path, lang, score, url, date, snippet, and
    partial (true for a hit that matches only some of the query's words, listed after all full matches)."""
    return json.dumps([hit_row(hit) for hit in results.hits], ensure_ascii=False, indent=2)


def hit_row(hit: Hit) -> dict[str, object]:
    """One hit as --json and --batch write it."""
    return {
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
        "partial": hit.partial,
    }
