"""The built HTML of each documentation page, kept between builds and keyed by everything that reaches it.

MkDocs renders every page on every build. A page's HTML is a function of its Markdown, the site's
configuration, the theme's templates, the navigation (Material writes the whole nav, with every nav
page's title, into every page), kbsite's own code (its hooks change the HTML), and which of the pages it
links to exist. The first five make the page's key; the last is recorded while the page is built (the
paths it looked up and what they were) and checked against the current files before the HTML is used
again. So an entry can be stale only if one of these inputs escaped the key; the tests compare
incremental builds with clean ones to make sure none does.

An entry also keeps what the rest of the build needs from the page: its log records (a reused page
warns as a built one does) and its anchors and links to anchors, for MkDocs' check of anchor links.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from kbsite.cache import article_key, code_digest

FORMAT = 1
_ENV_TAG = re.compile(rb"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*)")
_INHERIT = re.compile(rb"^INHERIT:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", re.MULTILINE)

Record = tuple[str, int, str, str, str | None]  # logger name, level, level name, message, exception text


@dataclass
class Entry:
    """One page as it was built: None for html means MkDocs wrote nothing (an empty page)."""

    html: bytes | None
    looked_up: dict[str, list | None]  # path -> [url, excluded] of the file found there, or None
    reads: list[Record] = field(default_factory=list)
    builds: list[Record] = field(default_factory=list)
    anchors: list[str] | None = None
    links: dict[str, dict[str, str]] | None = None


def to_record(record: logging.LogRecord) -> Record:
    return (record.name, record.levelno, record.levelname, record.getMessage(), record.exc_text)


def from_record(record: Record) -> logging.LogRecord:
    name, levelno, levelname, msg, exc_text = record
    return logging.makeLogRecord({"name": name, "levelno": levelno, "levelname": levelname, "msg": msg,
                                  "args": None, "exc_text": exc_text})


class PageCache:
    """Entries on disk, one file each: a JSON line, then the HTML; checked against its hash when read."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> Entry | None:
        try:
            with self._path(key).open("rb") as file:
                head = json.loads(file.readline())
                html = file.read()
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            self._drop(key)
            return None
        if not isinstance(head, dict) or head.get("format") != FORMAT or head.get("sha256") != _sha(html):
            self._drop(key)
            return None
        self.used.add(key)
        return Entry(html if head["written"] else None, head["looked_up"],
                     [tuple(r) for r in head["reads"]], [tuple(r) for r in head["builds"]],
                     head["anchors"], head["links"])

    def put(self, key: str, entry: Entry) -> None:
        html = entry.html or b""
        head = {"format": FORMAT, "sha256": _sha(html), "written": entry.html is not None,
                "looked_up": entry.looked_up, "reads": entry.reads, "builds": entry.builds,
                "anchors": entry.anchors, "links": entry.links}
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{key}.{os.getpid()}.tmp")
        tmp.write_bytes(json.dumps(head, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n" + html)
        os.replace(tmp, path)

    def _drop(self, key: str) -> None:
        with suppress(OSError):
            self._path(key).unlink()

    def prune(self, keep: Iterable[str]) -> None:
        """Entries of pages that are gone or changed would never be read again."""
        wanted = set(keep)
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*"):
            if path.name not in wanted:
                with suppress(OSError):
                    path.unlink()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_LOOKED_UP: weakref.WeakKeyDictionary[Callable, dict[str, list | None]] = weakref.WeakKeyDictionary()


def looked_up_now(paths: Iterable[str], find: Callable) -> dict[str, list | None]:
    """What each path names in the current files, as recorded when a page was built.

    Each path is looked up once for a given `find` (one build's files, installed by Lookups, which do not change
    while the pages are checked and built): thousands of pages link the same few thousand pages."""
    try:
        known = _LOOKED_UP.setdefault(find, {})
    except TypeError:  # not weakly referable: nothing to remember it by
        known = {}
    found = {}
    for path in paths:
        if path not in known:
            file = find(path)
            known[path] = None if file is None else [file.url, bool(file.inclusion.is_excluded())]
        found[path] = known[path]
    return found


class Lookups:
    """The paths each page looked up among the site's files while it was read and built."""

    def __init__(self) -> None:
        self.seen: dict[str, set[str]] = {}
        self._current: set[str] | None = None

    def install(self, files) -> None:
        """Wraps this one Files object's lookup, which is how a page's links find their targets."""
        original = files.get_file_from_path

        def get_file_from_path(path: str):
            if self._current is not None:
                self._current.add(path)
            return original(path)

        files.get_file_from_path = get_file_from_path

    @contextmanager
    def of(self, src_uri: str) -> Iterator[None]:
        self._current = self.seen.setdefault(src_uri, set())
        try:
            yield
        finally:
            self._current = None


@dataclass
class Reuse:
    """The page cache of one build: `reuse` off still fills it (a full build prepares the next one)."""

    cache: PageCache
    reuse: bool
    site: str = ""
    keys: dict[str, str] = field(default_factory=dict)
    lookups: Lookups = field(default_factory=Lookups)


@contextmanager
def looking_up(reuse: Reuse | None, src_uri: str) -> Iterator[None]:
    """The files a page looks up while it is read or built, recorded when there is a cache to fill."""
    if reuse is None:
        yield
    else:
        with reuse.lookups.of(src_uri):
            yield


def site_digest(config, nav, *, epoch: str | None) -> str:
    """What reaches every page: the configuration, theme, nav, kbsite's code and the versions that render them."""
    parts = [f"format{FORMAT}", code_digest(), config_and_theme_digest(config), _nav_digest(nav),
             str(config.site_url or ""), str(logging.getLogger("mkdocs").getEffectiveLevel())]
    if _templates_read_build_date(tuple(config.theme.dirs)):
        parts.append(f"epoch:{epoch}")
    return article_key(*parts)


def config_and_theme_digest(config, extra_dirs: Iterable[str] = ()) -> str:
    """The MkDocs configuration as written, the theme's files and the versions of what renders them."""
    return article_key(_versions(), _config_digest(config), _theme_digest([*config.theme.dirs, *extra_dirs]))


def page_key(site: str, src_uri: str, markdown: bytes, in_nav: bool, excluded: bool) -> str:
    return article_key(site, src_uri, markdown, str(in_nav), str(excluded))


def _versions() -> str:
    versions = []
    for dist in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2"):
        try:
            versions.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist}=none")
    return ";".join(versions)


def _config_digest(config) -> str:
    """The configuration file as written, the one it INHERITs, and the environment variables it reads (!ENV)."""
    path = Path(config.config_file_path) if config.config_file_path else None
    parts: list[bytes | str] = []
    seen: set[Path] = set()
    while path is not None and path.is_file() and path not in seen:
        seen.add(path)
        data = path.read_bytes()
        parts += [str(path), data]
        parts += [f"{name}={os.environ.get(name.decode())}" for name in _ENV_TAG.findall(data)]
        inherit = _INHERIT.search(data)
        path = (path.parent / inherit.group(1).decode().strip()).resolve() if inherit else None
    return article_key(*parts)


def _theme_digest(dirs: Iterable[str]) -> str:
    """Every file of the theme by content, but an installed theme by its version (its 14,000 icons would cost
    seconds to read)."""
    parts: list[bytes | str] = []
    for folder in dirs:
        parts.append(folder)
        installed = _installed_version(folder)
        if installed is not None:
            parts.append(installed)
            continue
        for path in _walk(folder):
            parts.append(os.path.relpath(path, folder))
            with open(path, "rb") as file:
                parts.append(file.read())
    return article_key(*parts)


def _installed_version(folder: str) -> str | None:
    """The version of the installed MkDocs theme a folder belongs to; None for any other folder (read whole)."""
    parts = Path(folder).parts
    for where in ("site-packages", "dist-packages"):
        if where in parts and parts.index(where) + 1 < len(parts):
            return _theme_versions().get(parts[parts.index(where) + 1])
    return None


@cache
def _theme_versions() -> Mapping[str, str]:
    """Top-level package -> its distribution and version, for every installed MkDocs theme."""
    found: dict[str, str] = {"mkdocs": f"mkdocs={metadata.version('mkdocs')}"}
    for entry in metadata.entry_points(group="mkdocs.themes"):
        if entry.dist is not None:
            found.setdefault(entry.value.split(".")[0].split(":")[0], f"{entry.dist.name}={entry.dist.version}")
    return found


def _walk(folder: str) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        found += [os.path.join(dirpath, name) for name in sorted(filenames)]
    return found


@cache
def _templates_read_build_date(dirs: tuple[str, ...]) -> bool:
    """Only a template that names build_date_utc puts the build time (SOURCE_DATE_EPOCH) in a page."""
    for folder in dirs:
        for path in _walk(folder):
            if f"{os.sep}.icons{os.sep}" in path or not path.endswith((".html", ".xml", ".j2", ".jinja", ".txt")):
                continue
            with suppress(OSError), open(path, "rb") as file:
                if b"build_date" in file.read():
                    return True
    return False


def _nav_digest(nav) -> str:
    """The nav as a page shows it: titles, URLs and nesting; the active page is the page's own key."""
    def walk(items) -> Iterator[str]:
        for item in items:
            yield f"{type(item).__name__}\0{item.title}\0{getattr(item, 'url', '')}\0"
            yield from walk(getattr(item, "children", None) or ())
            yield "\1"
    return article_key(*walk(nav.items))


def anchors_out(page) -> tuple[list[str] | None, dict[str, dict[str, str]] | None]:
    anchors = page.present_anchor_ids
    links = page.links_to_anchors
    return (None if anchors is None else sorted(anchors),
            None if links is None else {f.src_uri: dict(to) for f, to in links.items()})


def anchors_in(page, entry: Entry, files: Mapping) -> None:
    page.present_anchor_ids = None if entry.anchors is None else set(entry.anchors)
    if entry.links is not None:
        page.links_to_anchors = {files.get_file_from_path(uri): to for uri, to in entry.links.items()}
