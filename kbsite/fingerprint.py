"""Has anything a build reads, or anything it wrote, changed since the last build? If not, there is nothing to do.

A rebuild of an unchanged KB would read every cached article, link them, write every page and run MkDocs,
only to publish the same bytes. Instead the build records two fingerprints when it publishes: one of its
inputs (kb/'s files by size and time, as the analysis cache already trusts them; mkdocs.yml; the person's
own pages in docs/; the theme; kbsite's code; the options) and one of its outputs (every published file by
size and time). When both are the same at the start of the next build, the last build's report is given
again and nothing is touched. A changed, deleted or damaged output, or any changed input, means a build.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from kbsite import kbfiles
from kbsite.cache import article_key, code_digest
from kbsite.config import Settings
from kbsite.emit import templates
from kbsite.model import Diagnostic
from kbsite.paths import OWNED_DIRS, OWNED_FILES, is_owned
from kbsite.statefile import load_json, save_json

RECORD = "fingerprint.json"
THEME_DIR = Path(__file__).resolve().with_name("theme")
_ENV = ("KBSITE_SITE_URL", "SOURCE_DATE_EPOCH")


@dataclass(frozen=True)
class Wanted:
    """The options that change what a build writes (not how fast: --jobs is not here)."""

    site: bool
    index: bool
    offline_zip: str | None  # where the zip goes, or None
    strict: bool


def inputs(settings: Settings, wanted: Wanted) -> str:
    parts: list[bytes | str] = [code_digest(), repr(settings), repr(wanted)]
    parts += [f"{name}={os.environ.get(name)}" for name in _ENV]
    parts += _stats(kbfiles.list_files(settings.kb_dir).files if settings.kb_dir.is_dir() else [], settings.root)
    parts += _stats(_people_pages(settings.docs_dir), settings.root)
    parts += [path.read_bytes() for path in (*templates.shipped_files(), *templates.override_files(settings.overrides))]
    if wanted.site:
        parts.append(_site_inputs(settings))
    else:
        parts += [settings.config_file.read_bytes()]
    return article_key(*parts)


def _site_inputs(settings: Settings) -> str:
    """The MkDocs configuration and theme, as the page cache keys them (loading the configuration resolves
    INHERIT and the theme's folders)."""
    from mkdocs.config import load_config

    from kbsite.page_cache import config_and_theme_digest

    try:
        config = load_config(str(settings.config_file))
    except Exception:  # the build itself reports a configuration MkDocs cannot load
        return f"not loaded {secrets.token_hex(16)}"  # never the same: such a build is never skipped
    return config_and_theme_digest(config, extra_dirs=(str(THEME_DIR),))


def outputs(settings: Settings, wanted: Wanted) -> str:
    docs = [settings.docs_dir / entry for entry in (*OWNED_DIRS, *OWNED_FILES)]
    folders = [*docs, settings.state_dir / "manifest.json"]
    if wanted.site:
        folders.append(settings.site_dir)
    if wanted.index:
        folders.append(settings.index_dir)
    if wanted.offline_zip:
        folders.append(Path(wanted.offline_zip))
    return article_key(*_stats(_files_under(folders), settings.root))


def _stats(paths: Iterable[Path], root: Path) -> Iterator[str]:
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            yield f"{path}:missing"
            continue
        yield f"{os.path.relpath(path, root)}:{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


def _files_under(entries: Iterable[Path]) -> Iterator[Path]:
    for entry in entries:
        if entry.is_file():
            yield entry
        elif entry.is_dir():
            for folder, dirs, names in os.walk(entry):
                dirs.sort()
                yield from (Path(folder, name) for name in sorted(names))
        else:
            yield entry  # a missing output: `missing`


def _people_pages(docs_dir: Path) -> list[Path]:
    if not docs_dir.is_dir():
        return []
    found = []
    for folder, dirs, names in os.walk(docs_dir):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder, name)
            if not is_owned(path.relative_to(docs_dir).as_posix()):
                found.append(path)
    return found


@dataclass
class Last:
    """What the last build published, and the report it gave."""

    inputs: str
    outputs: str
    report: dict


def load(settings: Settings) -> Last | None:
    data = load_json(settings.state_dir / RECORD, "the fingerprint of the last build", _valid)
    return Last(**data) if isinstance(data, dict) else None


def save(settings: Settings, last: Last) -> None:
    save_json(settings.state_dir / RECORD, asdict(last))


def forget(settings: Settings) -> None:
    """Before a build changes anything: if it fails half-way, the next one must not take the old record."""
    (settings.state_dir / RECORD).unlink(missing_ok=True)


def _valid(data: object) -> bool:
    return (isinstance(data, dict) and set(data) == {"inputs", "outputs", "report"}
            and isinstance(data["inputs"], str) and isinstance(data["outputs"], str)
            and isinstance(data["report"], dict))


def report_fields(report, diagnostics: list[Diagnostic]) -> dict:
    """`diagnostics`: those that stay true while nothing changes (not a note that a hand edit was saved)."""
    return {"articles": report.articles, "by_lang": dict(report.by_lang), "topics": report.topics,
            "entities": report.entities, "pages": report.pages, "files": report.files,
            "diagnostics": [asdict(d) for d in diagnostics], "mkdocs_warnings": report.mkdocs_warnings,
            "epoch": report.epoch}


def restore_fields(report, fields: dict) -> None:
    for name in ("articles", "topics", "entities", "pages", "files", "mkdocs_warnings", "epoch"):
        setattr(report, name, fields[name])
    report.by_lang.update(fields["by_lang"])
    report.diagnostics = [Diagnostic(**d) for d in fields["diagnostics"]]
    report.reused = report.articles
