"""Publishing as one step: the renames that swap a build in are written down before the first one.

A build is staged completely beside what it replaces; then the list of renames (each live entry to
the trash, each staged one to its live place) is saved as a journal, and only then carried out.
A kill, a power cut or Ctrl-C can stop the renames anywhere: the next kbsite command finds the
journal and finishes them, so the site, the pages, the index and the manifest that describes them
are always of one build. Each rename's target is new (fresh trash, or a live place emptied by an
earlier rename), so "the target exists" is exactly "this rename was done", and replaying is safe.
"""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path

from kbsite.errors import BuildLocked, KbError
from kbsite.lock import BuildLock
from kbsite.statefile import load_json, save_json, sync_folder

JOURNAL = "publish.json"  # in the state folder

log = logging.getLogger(__name__)

Move = tuple[Path, Path]


def checkpoint(step: str) -> None:
    """Called at every step boundary of publishing; the fault-injection test replaces it to kill the build there."""


def _valid(data: object) -> bool:
    return (isinstance(data, dict) and isinstance(data.get("moves"), list)
            and all(isinstance(m, list) and len(m) == 2 and all(isinstance(p, str) for p in m)
                    for m in data["moves"]))


class Journal:
    """The journal of one project: `path` names it; paths in it are relative to `root` (the project may move)."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path = path
        self.root = root

    def publish(self, moves: list[Move]) -> None:
        """Carry out `moves` as one step: all of them, or (on an error) none."""
        checkpoint("journal")
        save_json(self.path, {"moves": [[os.path.relpath(p, self.root) for p in m] for m in moves]})
        checkpoint("rename-0")
        try:
            self._forward(moves)
        except (OSError, KeyboardInterrupt) as exc:  # Ctrl-C too: the previous build is put back
            self._backward(moves)
            self.path.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise KbError(_explain(exc)) from exc
            raise
        self.path.unlink()
        sync_folder(self.path.parent)
        checkpoint("done")

    def recover(self) -> bool:
        """Finish a publish that was interrupted; True if there was one. Call it holding the build lock."""
        data = load_json(self.path, "the journal of an interrupted publish", _valid)
        if data is None:
            self.path.unlink(missing_ok=True)
            return False
        moves = [(self.root / a, self.root / b) for a, b in data["moves"]]
        pending = [(src, dst) for src, dst in moves if not os.path.lexists(dst)]
        try:
            if all(os.path.lexists(src) for src, _ in pending):
                self._forward(moves)
                log.warning("warning: the last build was interrupted while it published; its publishing is now "
                            "finished")
            else:  # the staged build is gone (its folder was deleted): put the previous one back
                self._backward(moves)
                log.warning("warning: the last build was interrupted while it published and its staged files are "
                            "gone; the previous build is kept")
        except OSError as exc:
            raise KbError(f"{exc.filename or self.path}: the last build was interrupted while it published, and "
                          f"finishing that failed ({exc.strerror or exc}); fix that, then run the build again "
                          f"(the renames left to do are in {self.path})") from exc
        self.path.unlink()
        sync_folder(self.path.parent)
        return True

    def _forward(self, moves: list[Move]) -> None:
        for i, (src, dst) in enumerate(moves):
            if os.path.lexists(dst) or not os.path.lexists(src):
                continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.rename(src, dst)
            sync_folder(dst.parent)
            checkpoint(f"rename-{i + 1}")

    @staticmethod
    def _backward(moves: list[Move]) -> None:
        for src, dst in reversed(moves):
            if os.path.lexists(dst) and not os.path.lexists(src):
                src.parent.mkdir(parents=True, exist_ok=True)
                os.rename(dst, src)


def _explain(exc: OSError) -> str:
    where = exc.filename or "?"
    if exc.errno == errno.EXDEV:
        return (f"{where}: on another file system than the staged build, so it cannot be swapped in at once; "
                "keep docs/, site/ and .kbsite/ on one file system. Nothing was changed")
    return f"{where}: could not be replaced ({exc.strerror or exc}). Nothing was changed"


def recover(state_dir: Path, root: Path) -> None:
    """Finish a publish a killed build left halfway, unless a build is running (it does that itself).
    Here, not in the pipeline, so that a terminal search can call it without importing the whole build."""
    journal = Journal(state_dir / JOURNAL, root)
    if not journal.path.exists():
        return
    try:
        with BuildLock(state_dir):
            journal.recover()
    except BuildLocked:
        pass
