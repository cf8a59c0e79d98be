"""The index's own record: which article version each document is, and the size and hash of every file.

Whoosh trusts its files: a segment cut short by a full disk or a crash makes a search fail with
EOFError and an update fail the same way, build after build. The record, written last into a
finished index, tells a whole index from a damaged one before it is used: a build then indexes
everything anew (with a warning) instead of failing until --full, and a search names the problem.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from kbsite.statefile import is_str_map, load_json, save_json

log = logging.getLogger(__name__)

RECORD = "kbsite-index.json"
_SKIPPED = (RECORD,)


class Damaged(Exception):
    """The index's files are not those its record lists."""


def _valid(data: object) -> bool:
    files = data.get("files") if isinstance(data, dict) else None
    return (isinstance(data, dict) and is_str_map(data.get("articles")) and isinstance(files, dict)
            and all(isinstance(v, list) and len(v) == 2 and isinstance(v[0], int) and isinstance(v[1], str)
                    for v in files.values()))


def _sha(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _index_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name not in _SKIPPED
                  and not p.name.endswith("_WRITELOCK"))


def write_record(folder: Path, articles: dict[str, str], known: dict[str, list] | None = None) -> None:
    """Record a finished index; files in `known` (a verified record) are not read again: Whoosh never rewrites one."""
    known = known or {}
    files = {}
    for path in _index_files(folder):
        size = path.stat().st_size
        entry = known.get(path.name)
        files[path.name] = entry if entry and entry[0] == size else [size, _sha(path)]
    target = folder / RECORD
    target.unlink(missing_ok=True)  # may be a hard link to the live one: write a new file, never through the link
    save_json(target, {"articles": articles, "files": files})


def read_record(folder: Path, *, thorough: bool) -> dict | None:
    """The record of a whole index, or None (with a warning if the index or its record is damaged).

    `thorough` hashes every file (a build); otherwise only sizes are compared (a search, which must be quick).
    """
    data = load_json(folder / RECORD, "the search index's record", _valid)
    if data is None:
        return None
    try:
        check(folder, data["files"], thorough=thorough)
    except Damaged as exc:
        log.warning("warning: %s: the search index is damaged (%s); it is built anew", folder, exc)
        return None
    return data


def check_whole(folder: Path) -> dict[str, int]:
    """Quick, for a search: raise Damaged if a file the record lists is missing or not its size.
    Returns the sizes the record lists (none without a record)."""
    data = load_json(folder / RECORD, "the search index's record", _valid)
    if data is None:
        return {}
    check(folder, data["files"], thorough=False)
    return {name: size for name, (size, _) in data["files"].items()}


def check(folder: Path, files: dict[str, list], *, thorough: bool) -> None:
    present = {p.name for p in _index_files(folder)}
    for name, (size, sha) in sorted(files.items()):
        path = folder / name
        if name not in present:
            raise Damaged(f"{name} is missing")
        if path.stat().st_size != size:
            raise Damaged(f"{name} is {path.stat().st_size} bytes, not {size}")
        if thorough and _sha(path) != sha:
            raise Damaged(f"{name} has changed")
