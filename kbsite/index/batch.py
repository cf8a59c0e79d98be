"""`search --batch`: many queries in one call, one JSON line out per query line in, for evaluation and research.

The index and taxonomy are opened once for the whole batch, so a thousand queries cost a thousand searches,
not a thousand interpreter start-ups. Each output line is one JSON object (the query, its counts, its
suggestion and its hits as `--json` writes them), in the order of the input; a blank input line is skipped.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

from kbsite.errors import KbError
from kbsite.index.cli_format import hit_row
from kbsite.index.query import SearchResults


def read_queries(source: BinaryIO, name: str) -> Iterator[str]:
    """The queries of `source`, one a line, as UTF-8; a line that is not UTF-8 is an error naming it."""
    for number, raw in enumerate(source, 1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise KbError(f"{name}, line {number}: not UTF-8 text ({exc.reason}); save the queries as UTF-8") from None
        query = line.strip()
        if query:
            yield query


@contextmanager
def query_lines(path: str, stdin: BinaryIO) -> Iterator[Iterator[str]]:
    """The queries of the file `path`, or of standard input for "-" (left open: it is not ours)."""
    if path == "-":
        yield read_queries(stdin, "standard input")
        return
    try:
        source = Path(path).open("rb")  # noqa: SIM115 (closed below; the open is what may fail)
    except OSError as exc:
        raise KbError(f"{path}: the query file cannot be read ({exc.strerror or exc})") from None
    with source:
        yield read_queries(source, path)


def result_line(results: SearchResults) -> str:
    return json.dumps({
        "query": results.query,
        "total": results.total,
        "partial_total": results.partial_total,
        "suggestion": results.suggestion,
        "hits": [hit_row(hit) for hit in results.hits],
    }, ensure_ascii=False)


def run_batch(queries: Iterable[str], search: Callable[[str], SearchResults], out: TextIO) -> int:
    """Search each query and write its JSON line at once (a long batch shows progress); the count of queries."""
    count = 0
    for query in queries:
        out.write(result_line(search(query)) + "\n")
        out.flush()
        count += 1
    return count
