"""Publish: stage the pages, the index and the site in a temporary folder, then swap them in.

Nothing the user sees changes until everything has been built, so a build that fails or
is killed leaves the last good docs/, site/ and index in place. Only the generator's own
folders are swapped; a page a person wrote is never changed, moved or deleted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kbsite.errors import KbError
from kbsite.model import Diagnostic, Progress, no_progress

log = logging.getLogger(__name__)

OWNED_DIRS = ("articles", "topics", "entities", "tags", "browse", "search", "timeline", "assets/kbsite")
OWNED_FILES = ("index.md", "timeline.md", "feed.xml", "feed.json")
MARKER = b"kbsite: generated"
OFFLINE_ZIP = "offline.zip"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def is_owned(rel: str) -> bool:
    return rel in OWNED_FILES or any(rel.startswith(d + "/") for d in OWNED_DIRS)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def link_or_copy(src: str | Path, dst: str | Path) -> None:
    """Hard links keep an unchanged file's identity and time, so MkDocs and git see no change.

    Also shutil.copytree's copy_function: Whoosh never rewrites a file, it writes new ones,
    so an index copied this way can be updated without touching the live one.
    """
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


class Manifest:
    """What the last build generated in docs/, with hashes, to tell our pages from a person's."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.files: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError, TypeError):
            self.files = {}

    def save(self, files: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"files": dict(sorted(files.items()))}, indent=0), encoding="utf-8")
        os.replace(tmp, self.path)


def stage_docs(
    docs_dir: Path, stage: Path, generated: Iterable[tuple[str, bytes]], manifest: Manifest, backup_dir: Path
) -> tuple[dict[str, str], list[Diagnostic]]:
    """Lay out the next docs/ in `stage`: the person's pages as they are, plus the generated ones.

    Generated files are taken one at a time and written at once. Returns the hashes of the
    generated files actually staged, and what the user should know.
    """
    notes: list[Diagnostic] = []
    hashes: dict[str, str] = {}
    for rel, data in generated:
        if not is_owned(rel):
            raise AssertionError(f"generated page outside the generator's folders: {rel}")
        current = docs_dir / rel
        if rel in OWNED_FILES and current.is_file() and rel not in manifest.files and not _has_marker(current):
            notes.append(Diagnostic(f"{docs_dir.name}/{rel}", "not written by kbsite, so it is left as it is and "
                                    "the generated page of that name is not written", severity="warning"))
            continue
        target = stage / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if current.is_file() and current.stat().st_size == len(data) and current.read_bytes() == data:
            link_or_copy(current, target)
        else:
            target.unlink(missing_ok=True)
            target.write_bytes(data)
        hashes[rel] = _sha(data)
    for rel in _files(docs_dir):
        src = docs_dir / rel
        shown = f"{docs_dir.name}/{rel}"
        if rel in manifest.files and _sha(src.read_bytes()) != manifest.files[rel]:
            kept = backup_dir / rel
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, kept)
            notes.append(Diagnostic(shown, "this generated page was edited by hand; it is rewritten on every build. "
                                           f"Your version is saved in {backup_dir.name}/{rel}: put your own pages "
                                           "outside the generated folders", severity="warning"))
        if rel in hashes or rel in manifest.files or (is_owned(rel) and _has_marker(src)):
            continue  # generated now, or a stale generated page that goes with the swap
        if rel in OWNED_FILES:
            link_or_copy(src, stage / rel)  # a person's page where kbsite would write one: kept, see above
            continue
        if is_owned(rel):
            notes.append(Diagnostic(shown, "a page in a folder kbsite generates; it is kept, but move it out of "
                                           f"{', '.join(OWNED_DIRS)}", severity="warning"))
        link_or_copy(src, stage / rel)
    return hashes, notes


def _has_marker(path: Path) -> bool:
    with path.open("rb") as f:
        return MARKER in f.read(4096)


def swap_docs(docs_dir: Path, stage: Path, trash: Path) -> None:
    """Replace the generator's folders and files in docs/ by the staged ones; nothing else moves."""
    for entry in (*OWNED_DIRS, *OWNED_FILES):
        old, new = docs_dir / entry, stage / entry
        if old.exists():
            (trash / entry).parent.mkdir(parents=True, exist_ok=True)
            os.replace(old, trash / entry)
        if new.exists():
            old.parent.mkdir(parents=True, exist_ok=True)
            os.replace(new, old)


def swap_dir(live: Path, new: Path, trash: Path) -> None:
    trash.mkdir(parents=True, exist_ok=True)
    if live.exists():
        os.replace(live, trash / live.name)
    live.parent.mkdir(parents=True, exist_ok=True)
    os.replace(new, live)


@contextmanager
def staging_area(state_dir: Path) -> Iterator[Path]:
    """A fresh temporary folder next to what it will replace (same disk, so swaps are renames)."""
    tmp_root = state_dir / "tmp"
    if tmp_root.exists():  # left by a killed build; we hold the lock, so nobody else uses it
        shutil.rmtree(tmp_root, onerror=_force_remove)
    stage = tmp_root / f"build-{os.getpid()}"
    stage.mkdir(parents=True)
    try:
        yield stage
    finally:
        shutil.rmtree(tmp_root, onerror=_force_remove)


def _force_remove(func: Callable, path: str, _exc: object) -> None:
    os.chmod(path, stat.S_IWRITE)
    func(path)


def mkdocs_build(config_file: Path, docs_dir: Path, site_dir: Path, *, site_url: str | None, strict: bool,
                 epoch: int, workers: int = 1,
                 progress: Progress = no_progress) -> list[str]:
    """Run MkDocs on the staged pages, a large site in `workers` processes; returns its warnings (fatal with strict)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from kbsite.mkdocs_parallel import build_site

    warnings: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                warnings.append(record.getMessage())

    handler = Collect()
    mk_log = logging.getLogger("mkdocs")
    mk_log.addHandler(handler)
    previous_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(epoch))
    try:
        overrides: dict[str, object] = {"docs_dir": str(docs_dir), "site_dir": str(site_dir), "strict": strict}
        if site_url:
            overrides["site_url"] = site_url
        cfg = load_config(str(config_file), **overrides)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build_site(cfg, workers=workers, progress=progress)
        finally:
            cfg.plugins.on_shutdown()
    except (MkDocsException, SystemExit) as exc:
        raise KbError(f"MkDocs could not build the site: {exc}" + "".join(f"\n  {w}" for w in warnings)) from exc
    finally:
        mk_log.removeHandler(handler)
        if previous_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
    (site_dir / ".nojekyll").write_bytes(b"")
    return warnings


def write_zip(site_dir: Path, name: str = OFFLINE_ZIP, *, progress: Progress = no_progress) -> Path:
    """The whole site in one file for reading offline; fixed times and order, so it is reproducible."""
    target = site_dir / name
    files = _files(site_dir)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for rel in progress(iter(files), len(files)):
            if rel == name:
                continue
            info = zipfile.ZipInfo(f"site/{rel}", date_time=_ZIP_EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, (site_dir / rel).read_bytes())
    return target
