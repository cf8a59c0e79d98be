"""Publish: stage the pages, the index and the site in a temporary folder, then swap them in.

Nothing the user sees changes until everything has been built, so a build that fails or
is killed leaves the last good docs/, site/ and index in place. Only the generator's own
folders are swapped; a page a person wrote is never changed, moved or deleted.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath

from kbsite.errors import KbError
from kbsite.journal import Move
from kbsite.mkdocs_hooks import apply_outputs
from kbsite.model import Diagnostic, Progress, no_progress
from kbsite.outputs import Outputs
from kbsite.paths import OWNED_DIRS, OWNED_FILES, is_owned
from kbsite.statefile import is_str_map, load_json, save_json

log = logging.getLogger(__name__)

MARKER = b"kbsite: generated"  # the front matter line of every generated page
STAGED_ZIP = "offline.zip"  # a zip beside the site, staged


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
    """What the last build generated in docs/, with hashes: the files kbsite owns, and nothing else.

    `lost` says there is no valid record (a first build, or a deleted or damaged file): kbsite then
    recognises its pages by their mark, and keeps a copy of anything it replaces.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        data = load_json(path, "the record of the pages kbsite generated", is_str_map)
        self.lost = data is None
        self.files: dict[str, str] = data if isinstance(data, dict) else {}


def write_manifest(path: Path, files: dict[str, str]) -> None:
    save_json(path, dict(sorted(files.items())))


class Backups:
    """Copies of generated files a person changed, one per distinct version, named by its hash.

    A version saved once is never overwritten by a later one, and saving the same version twice
    costs nothing.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def keep(self, rel: str, data: bytes) -> Path:
        name = PurePosixPath(rel)
        target = self.folder / name.parent / f"{name.stem}.{_sha(data)[:12]}{name.suffix}"
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
        return target

    def shown(self, path: Path) -> str:
        """As the user finds it from the project folder: .kbsite/edited/..."""
        return PurePosixPath(self.folder.parent.name, path.relative_to(self.folder.parent).as_posix()).as_posix()


def looks_generated(rel: str, data: bytes) -> bool:
    """Without a record: a page is kbsite's if its front matter says so; any other file in kbsite's folders is."""
    if not rel.endswith(".md"):
        return True
    if not data.startswith(b"---\n"):
        return False
    header = data[4:].split(b"\n---\n", 1)[0]
    return MARKER in header.split(b"\n")


def stage_docs(
    docs_dir: Path, stage: Path, generated: Iterable[tuple[str, bytes]], manifest: Manifest, backups: Backups
) -> tuple[dict[str, str], list[Diagnostic]]:
    """Lay out the next docs/ in `stage`: the person's pages as they are, plus the generated ones.

    kbsite owns exactly the files of its manifest. It never overwrites or removes another file:
    a generated page whose name is taken by a person's page is not written (with a warning), and a
    generated file a person edited is saved in `backups` before it is replaced. Generated files are
    taken one at a time and written at once. Returns the hashes of the generated files staged, and
    what the user should know.
    """
    notes: list[Diagnostic] = []
    hashes: dict[str, str] = {}
    replaced: list[str] = []  # without a record: files taken as kbsite's whose previous version was saved

    def shown(rel: str) -> str:
        return f"{docs_dir.name}/{rel}"

    def owned(rel: str, data: bytes) -> bool:
        return rel in manifest.files or (manifest.lost and is_owned(rel) and looks_generated(rel, data))

    def save_if_changed(rel: str, data: bytes) -> None:
        if rel in manifest.files:
            if _sha(data) != manifest.files[rel]:
                kept = backups.keep(rel, data)
                notes.append(Diagnostic(shown(rel), "this generated page was edited by hand; it is rewritten on "
                                                    f"every build. Your version is saved in {backups.shown(kept)}: "
                                                    "put your own pages outside the generated folders",
                                        severity="warning"))
        else:
            backups.keep(rel, data)
            replaced.append(rel)

    for rel, data in generated:
        if not is_owned(rel):
            raise AssertionError(f"generated page outside the generator's folders: {rel}")
        current = docs_dir / rel
        target = stage / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if current.is_file() and not current.is_symlink():
            old = current.read_bytes()
            if old == data:
                link_or_copy(current, target)
                hashes[rel] = _sha(data)
                continue
            if not owned(rel, old):
                notes.append(Diagnostic(shown(rel), "not written by kbsite, so it is kept as it is and the "
                                                    "generated page of that name is not written: rename your page",
                                        severity="warning"))
                link_or_copy(current, target)
                continue
            save_if_changed(rel, old)
        elif os.path.lexists(current) or os.path.lexists(target):
            notes.append(Diagnostic(shown(rel), "not a file kbsite wrote, so it is kept as it is and the generated "
                                                "file of that name is not written", severity="warning"))
            continue
        target.write_bytes(data)
        hashes[rel] = _sha(data)
    for rel in _files(docs_dir):
        if rel in hashes or os.path.lexists(stage / rel):
            continue
        src = docs_dir / rel
        if not is_owned(rel):
            link_or_copy(src, stage / rel)  # a person's page: MkDocs builds the site from the stage
            continue
        data = src.read_bytes()
        if owned(rel, data):
            save_if_changed(rel, data)  # a stale generated file: it goes with the swap
            continue
        notes.append(Diagnostic(shown(rel), "a page kbsite did not write, in a folder it generates; it is kept, "
                                            f"but move it out of {', '.join(OWNED_DIRS)}", severity="warning"))
        link_or_copy(src, stage / rel)
    if replaced:
        notes.append(Diagnostic(
            docs_dir.name, f"kbsite's record of the files it wrote was missing or damaged: "
            f"{len(replaced)} file(s) in its folders that it takes as its own were replaced or removed (first: "
            f"{shown(replaced[0])}); their previous versions are saved in {backups.shown(backups.folder)}/",
            severity="warning"))
    return hashes, notes


def publish_moves(stage: Path, *, docs_dir: Path, site_dir: Path | None, index_dir: Path | None,
                  manifest: Path, zip_file: Path | None = None) -> list[Move]:
    """The renames that swap the staged build in: each live entry to the trash, then the staged one in
    (`zip_file`: the offline zip's place beside the site; it is staged as stage/offline.zip).

    Only entries that exist now are listed, which is what makes replaying the journal safe.
    """
    trash = stage / "trash"
    pairs = [(docs_dir / entry, stage / "docs" / entry, trash / "docs" / entry) for entry in (*OWNED_DIRS,
                                                                                               *OWNED_FILES)]
    if index_dir is not None:
        pairs.append((index_dir, stage / "index", trash / "index"))
    if site_dir is not None:
        pairs.append((site_dir, stage / "site", trash / "site"))
    if zip_file is not None:
        pairs.append((zip_file, stage / STAGED_ZIP, trash / STAGED_ZIP))
    pairs.append((manifest, stage / "manifest.json", trash / "manifest.json"))
    moves: list[Move] = []
    for live, new, old in pairs:
        if os.path.lexists(live):
            moves.append((live, old))
        if os.path.lexists(new):
            moves.append((new, live))
    return moves


def preflight(*, docs_dir: Path, site_dir: Path | None, state_dir: Path, zip_file: Path | None = None) -> None:
    """Before anything is staged: can the build be swapped in whole? A clear error naming the folder if not.

    The swap is renames: they need every folder involved to be writable and on the staging area's disk.
    """
    state_dir.mkdir(parents=True, exist_ok=True)
    docs_dir.mkdir(parents=True, exist_ok=True)
    device = state_dir.stat().st_dev
    live = [docs_dir / entry for entry in (*OWNED_DIRS, *OWNED_FILES)] + [state_dir / "index"]
    if site_dir is not None:
        live.append(site_dir)
    if zip_file is not None:  # beside the site: its folder may be new
        zip_file.parent.mkdir(parents=True, exist_ok=True)
        live.append(zip_file)
    # a rename needs to write in the folder it leaves and the one it enters, and in a folder it moves
    folders = {state_dir, docs_dir, *(p.parent for p in live if p.parent.is_dir()), *(p for p in live if p.is_dir())}
    for folder in sorted(folders):
        _writable(folder)
        if folder.stat().st_dev != device:
            raise KbError(f"{folder}: on another file system than {state_dir}, where the build is staged, so it "
                          "cannot be swapped in at once; keep docs/, site/ and .kbsite/ on one file system. "
                          "Nothing was changed")
    if site_dir is not None and site_dir.is_dir():
        need = _size(site_dir)
        free = shutil.disk_usage(state_dir).free
        if free < need:
            raise KbError(f"{state_dir}: {free // 2**20} MB free on its disk, and the last site ({site_dir}) "
                          f"took {need // 2**20} MB; free some space and build again. Nothing was changed")


def _writable(folder: Path) -> None:
    probe = folder / f".kbsite-probe-{os.getpid()}"
    try:
        probe.mkdir()
        probe.rmdir()
    except OSError as exc:
        raise KbError(f"{folder}: kbsite cannot write here ({exc.strerror or exc}), so it cannot publish the "
                      "build; make it writable and build again. Nothing was changed") from exc


def _size(folder: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            with suppress(OSError):
                total += os.lstat(os.path.join(dirpath, name)).st_size
    return total


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


# The MkDocs versions whose private functions kbsite.mkdocs_parallel was written against.
FAST_MKDOCS = ("1.6.",)


def mkdocs_build(config_file: Path, docs_dir: Path, site_dir: Path, *, site_url: str | None, strict: bool,
                 epoch: int, workers: int = 1, outputs: Outputs | None = None, page_cache: Path | None = None,
                 reuse: bool = True, progress: Progress = no_progress) -> list[str]:
    """Run MkDocs on the staged pages; returns its warnings (fatal with strict). The one way kbsite publishes.

    With a MkDocs that kbsite.mkdocs_parallel knows, a large site is built in `workers` processes and the pages
    of `page_cache` whose inputs did not change are taken from it (`reuse` off: all built, the cache refilled).
    Any other MkDocs gets its own plain build, the same as `mkdocs build`. `outputs`: those of this build, which
    the nav and the header follow."""
    import mkdocs
    from mkdocs.commands.build import build as plain_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    build_site = None
    if mkdocs.__version__.startswith(FAST_MKDOCS):
        try:
            from kbsite.mkdocs_parallel import build_site
        except ImportError as exc:  # a MkDocs that says 1.6 but moved a private function
            log.info("MkDocs builds the site on its own: %s", exc)
    else:
        log.info("MkDocs %s builds the site on its own (kbsite's parallel and incremental build knows %s)",
                 mkdocs.__version__, ", ".join(f"{v}x" for v in FAST_MKDOCS))

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
        if outputs is not None:
            apply_outputs(cfg, outputs)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            if build_site is None:
                plain_build(cfg)
            else:
                from kbsite.page_cache import PageCache

                build_site(cfg, workers=workers, progress=progress, reuse=reuse,
                           cache=None if page_cache is None else PageCache(page_cache))
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


def write_zip(site_dir: Path, target: Path, *, previous: Path | None = None, record: Path | None = None,
              progress: Progress = no_progress, workers: int = 1) -> Path:
    """The whole site in one file for reading offline (a zip inside the site leaves itself out); fixed times
    and order, so it is reproducible. With `record`, the last build's archive `previous` lends the compressed
    bytes of the files that did not change. Written under another name and renamed when complete, so a reader
    never finds half a zip. `workers`: the processes that read and deflate the files."""
    from kbsite import offline_zip

    target.parent.mkdir(parents=True, exist_ok=True)
    return offline_zip.write_zip(site_dir, target, previous=previous, record=record, progress=progress,
                                 workers=workers)
