"""One build at a time per project, with a lock the kernel drops when a build dies.

An flock is released when its process ends however it ends, so a killed build never
leaves a stale lock behind. The lock is taken on the project folder itself, which no
clean-up removes: deleting .kbsite/ while a build runs cannot let a second build in.
The file .kbsite/build.lock only says who holds it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from types import TracebackType

from kbsite.errors import BuildLocked


class BuildLock:
    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / "build.lock"
        self.folder = state_dir.parent
        self._fd: int | None = None

    def __enter__(self) -> BuildLock:
        fd = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            try:
                holder = self.path.read_text(encoding="utf-8").strip()
            except (OSError, ValueError):
                holder = ""
            raise BuildLocked(
                f"another kbsite build is running in this project (pid {holder or 'unknown'}); wait for it to "
                f"finish (the lock is {self.path})"
            ) from None
        self._fd = fd
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(str(os.getpid()), encoding="utf-8")
        except BaseException:
            self._release()
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                self.path.write_text("", encoding="utf-8")
            self._release()

    def _release(self) -> None:
        assert self._fd is not None
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None
