"""The incremental-build cache: analysed articles keyed by the hash of all that made them.

A key covers the file's bytes, its sidecar, the taxonomy and kbsite's own code, so an
entry can never be stale: change any of them and the article is analysed again.
The file stat table lets an unchanged file skip even being read.

An entry is three lines of JSON: the article without its text and HTML, then the text, then the HTML.
A build holds only the first line of every article and reads the others back one article at a time,
where a page or an index needs them: a KB's memory is then its metadata, not its words.
The first line also holds the size and hash of the other two, so an entry cut short (a full disk, a
crash) or changed is found when it is read: it is dropped, with a warning, and its article analysed again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import asdict
from functools import cache
from pathlib import Path

from kbsite.errors import KbError
from kbsite.model import Article, Body, Diagnostic, Event, Mention, TopicHit
from kbsite.statefile import load_json, save_json

FORMAT = 3
CHECK = "_body"  # in an entry's first line: [size in bytes, sha256] of the rest

log = logging.getLogger(__name__)


@cache
def code_digest() -> str:
    """Hash of kbsite's own sources (as loaded by this process): a new version of the analysis invalidates the cache."""
    h = hashlib.sha256(f"format{FORMAT}".encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def article_key(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


class Damaged(ValueError):
    """A cache entry that is not what was written."""


def article_to_json(article: Article) -> str:
    """Three lines: JSON escapes every line break inside a string."""
    data = asdict(article)
    rest = "\n".join(json.dumps(data.pop(name), ensure_ascii=False) for name in ("text", "html")).encode("utf-8")
    data[CHECK] = [len(rest), hashlib.sha256(rest).hexdigest()]
    return json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n" + rest.decode("utf-8")


def _head(line: str) -> tuple[dict, int, str]:
    """The first line's data, and the size and hash the rest must have."""
    data = json.loads(line)
    size, sha = data.pop(CHECK)
    return data, size, sha


def _checked_body(rest: bytes, size: int, sha: str) -> tuple[str, str]:
    if len(rest) != size or hashlib.sha256(rest).hexdigest() != sha:
        raise Damaged("its text does not match its checksum")
    return _body(rest.decode("utf-8"))


def article_from_json(text: str, *, body: bool = True) -> Article:
    """The article, with its text and HTML, or with them empty (`body=False`: only the first line is parsed)."""
    head, _, rest = text.partition("\n")
    data, size, sha = _head(head)
    data["text"], data["html"] = _checked_body(rest.encode("utf-8"), size, sha) if body else ("", "")
    return _article(data)


def _article(data: dict) -> Article:
    data["topics"] = tuple(
        TopicHit(d["topic"], d["score"], tuple(d["evidence"]), d.get("declared", False), tuple(d.get("cues", ())))
        for d in data["topics"]
    )
    data["mentions"] = tuple(
        Mention(d["entity"], d["count"], tuple(d["forms"]), d["passage"]) for d in data["mentions"]
    )
    data["events"] = tuple(Event(**d) for d in data["events"])
    data["tags"] = tuple(data["tags"])
    data["diagnostics"] = [Diagnostic(**d) for d in data["diagnostics"]]
    return Article(**data)


def _body(lines: str) -> tuple[str, str]:
    text, html = lines.split("\n")
    return json.loads(text), json.loads(html)


class ArticleCache:
    """Analysed articles on disk, one JSON file each, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / "articles" / key[:2] / f"{key}.json"

    def get(self, key: str, *, body: bool = True) -> Article | None:
        """The article, or None if it is not here or damaged; without its body only the first line is read.

        Without the body, the entry's size still tells whether the rest was cut short.
        """
        path = self._path(key)
        try:
            with path.open("rb") as entry:
                line = entry.readline()
                data, size, sha = _head(line.rstrip(b"\n").decode("utf-8"))
                if body:
                    data["text"], data["html"] = _checked_body(entry.read(), size, sha)
                elif os.fstat(entry.fileno()).st_size != len(line) + size:
                    raise Damaged("it is cut short")
                else:
                    data["text"], data["html"] = "", ""
                return _article(data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            self._drop(path, exc)
            return None

    def body(self, article: Article) -> Body:
        """The text and HTML of an article that this cache holds (by its digest, the key it was put under)."""
        path = self._path(article.digest)
        try:
            with path.open("rb") as entry:
                _, size, sha = _head(entry.readline().rstrip(b"\n").decode("utf-8"))
                return Body(*_checked_body(entry.read(), size, sha))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            self._drop(path, exc)
            raise KbError(f"{path}: the build cache changed or was damaged while the build ran ({exc}); the entry "
                          "was dropped: run the build again") from exc

    @staticmethod
    def _drop(path: Path, exc: Exception) -> None:
        """A damaged entry goes, so the next build analyses its article again instead of failing on it forever."""
        if path.exists():
            log.warning("warning: %s: a damaged build cache entry (%s) was dropped; its article is analysed again",
                        path, exc)
            path.unlink(missing_ok=True)

    def put(self, key: str, article: Article) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(article_to_json(article), encoding="utf-8")
        os.replace(tmp, path)

    def prune(self, keep: set[str]) -> None:
        """Drop entries no current article uses, so the cache does not grow forever."""
        root = self.folder / "articles"
        if not root.is_dir():
            return
        for path in root.glob("*/*.json"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)


class StatTable:
    """source -> (size, mtime_ns, sha256 of bytes): skip reading files that did not change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        data = load_json(path, "the table of file sizes and times", _valid_stats)
        self.entries: dict[str, list] = data if isinstance(data, dict) else {}

    def digest(self, source: str, file: Path) -> str:
        st = file.stat()
        known = self.entries.get(source)
        if known and known[0] == st.st_size and known[1] == st.st_mtime_ns:
            return known[2]
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        self.entries[source] = [st.st_size, st.st_mtime_ns, digest]
        return digest

    def save(self, sources: set[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        save_json(self.path, {s: v for s, v in sorted(self.entries.items()) if s in sources})


def _valid_stats(data: object) -> bool:
    return isinstance(data, dict) and all(
        isinstance(v, list) and len(v) == 3 and isinstance(v[0], int) and isinstance(v[1], int)
        and isinstance(v[2], str) for v in data.values())
