"""Pages the last build rendered, used again when what a page is rendered from is the same.

A page is a function of its template (and the templates it includes), the data handed to it, and kbsite's
code (the filters and globals of the templates). The key of a page hashes all three: the templates and the
code by their bytes, the data by its canonical form (`canonical`). The record keeps, for each key of the last
build, the hash of the page it gave; the page itself is the last build's file in docs/ with that hash
(the manifest says which), read back and checked against the hash. So no copy of docs/ is kept, and a stale
or hand-edited file is never taken: the page is rendered again.

Data that has no canonical form (`canonical`: a lambda, say) makes the page rendered every time: a key must
never leave out something the page shows.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Callable, Mapping
from pathlib import Path

from kbsite.cache import article_key
from kbsite.statefile import is_str_map, load_json, save_json


class Later:
    """A value a template prints, made only when its page is rendered (the article body, whose links cost the
    most to make): `key` hashes everything it is made from, and stands for it in its page's key."""

    __slots__ = ("key", "make")

    def __init__(self, key: str, make: Callable[[], str]) -> None:
        self.key = key
        self.make = make

    def __html__(self) -> str:
        return self.make()

    def __getstate__(self) -> str:
        """What a page's key holds of it (kbsite.emit.rendered.canonical): its key."""
        return self.key


def canonical(*parts: object) -> bytes | None:
    """A form of `parts` that two values share only if a template sees them alike, or None when there is none.

    Pickled without its memo ("fast" mode), so the bytes do not depend on which equal values happen to be one
    object. Pickling names every class (Markup is not str: it prints unescaped) and keeps every field of a
    dataclass; what cannot be pickled (a lambda) has no form."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=5)
    pickler.fast = True
    try:
        pickler.dump(parts)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        return None
    return out.getvalue()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Rendered:
    """This build's pages, by key, and the last build's, to take again.

    `salt`: the hash of the templates and of kbsite's code; `known`: the last build's record (key -> page hash);
    `docs_dir` and `last_files` (the manifest: path -> hash): where the last build's pages are.
    `rendered` and `reused` count the pages: what a test observes.
    """

    def __init__(self, salt: str, known: Mapping[str, str] | None = None, docs_dir: Path | None = None,
                 last_files: Mapping[str, str] | None = None) -> None:
        self.salt = salt
        self.known = dict(known or {})
        self.docs_dir = docs_dir
        self.where = {sha: path for path, sha in sorted((last_files or {}).items())}
        self.made: dict[str, str] = {}
        self.rendered = 0
        self.reused = 0

    def key(self, *parts: object) -> str | None:
        """The key of what `parts` make, or None when they have no canonical form."""
        form = canonical(*parts)
        return None if form is None else article_key(self.salt, form)

    def page(self, name: str, data: dict[str, object], make: Callable[[], str]) -> str:
        """Template `name`'s page with `data`: the last build's, if its key is known and its file still holds it."""
        text, made = self.text(make, name, data)
        if made:
            self.rendered += 1
        else:
            self.reused += 1
        return text

    def text(self, make: Callable[[], str], *parts: object) -> tuple[str, bool]:
        """A generated file that `parts` determine (with kbsite's code): the last build's, if its file still holds
        it, else make(); and whether it was made. For files other than pages (pictures), not counted as pages."""
        key = self.key(*parts)
        text = None if key is None else self._last(key)
        made = text is None
        if text is None:
            text = make()
        if key is not None:
            self.made[key] = _sha(text.encode("utf-8")) if made else self.known[key]  # _last checked the hash
        return text, made

    def _last(self, key: str) -> str | None:
        sha = self.known.get(key)
        path = self.where.get(sha) if sha is not None else None
        if path is None or self.docs_dir is None:
            return None
        try:
            data = (self.docs_dir / path).read_bytes()
        except OSError:
            return None
        return data.decode("utf-8") if _sha(data) == sha else None

    def take(self) -> tuple[dict[str, str], int, int]:
        """What was made since the last `take` (in a worker: what it sends back to `add`)."""
        taken = (self.made, self.rendered, self.reused)
        self.made, self.rendered, self.reused = {}, 0, 0
        return taken

    def add(self, taken: tuple[dict[str, str], int, int]) -> None:
        made, rendered, reused = taken
        self.made.update(made)
        self.rendered += rendered
        self.reused += reused


def load(path: Path, salt: str, docs_dir: Path, last_files: Mapping[str, str]) -> Rendered:
    """The record of the last build at `path` (none, or a damaged one: every page is rendered)."""
    known = load_json(path, "the record of the rendered pages", is_str_map)
    return Rendered(salt, known if isinstance(known, dict) else None, docs_dir, last_files)


def save(path: Path, rendered: Rendered) -> None:
    """This build's pages only: a page no longer made is never looked up again."""
    save_json(path, rendered.made)
