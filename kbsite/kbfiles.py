"""The one way files under kb/ are listed and read: nothing outside the KB folder ever gets in.

A symbolic link in kb/ may point anywhere on the machine (`kb/x.txt -> /etc/passwd`), and what is
read from kb/ is published. So a file or folder is used only if its real path, every link resolved,
stays inside the real path of the KB folder; anything else is skipped with a warning naming it.
The check is made when the tree is listed and again when a file is opened, since a link can be
swapped between the two.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from kbsite.model import Diagnostic


class OutsideKb(OSError):
    """A path under kb/ whose real location is elsewhere."""


@dataclass
class Listing:
    files: list[Path] = field(default_factory=list)  # regular files, by their path under kb/, sorted
    notes: list[Diagnostic] = field(default_factory=list)


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def list_files(kb_dir: Path) -> Listing:
    """Every regular file under `kb_dir` whose real path stays inside it; hidden names are left out.

    Links to folders inside the KB are followed once each (a loop of links is not followed twice);
    what cannot be used (a link that leaves the KB or leads nowhere, a FIFO or device, a folder that
    cannot be read) gets a note naming it.
    """
    listing = Listing()
    root = os.path.realpath(kb_dir)
    seen_dirs = {root}

    def rel(path: str) -> str:
        return Path(path).relative_to(kb_dir).as_posix()

    def walk_error(exc: OSError) -> None:
        where = rel(exc.filename) if exc.filename else str(kb_dir)
        listing.notes.append(Diagnostic(where, f"folder skipped: it cannot be read ({exc.strerror or exc})",
                                        severity="warning"))

    for folder, dirs, names in os.walk(kb_dir, followlinks=True, onerror=walk_error):
        kept = []
        for name in sorted(dirs):
            path = os.path.join(folder, name)
            if name.startswith("."):
                continue
            real = os.path.realpath(path)
            if not _inside(real, root):
                listing.notes.append(_outside(rel(path), real, "folder"))
            elif real not in seen_dirs:
                seen_dirs.add(real)
                kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            note = _unusable(path, rel(path), root)
            if note is None:
                listing.files.append(Path(path))
            else:
                listing.notes.append(note)
    listing.files.sort()
    return listing


def _unusable(path: str, shown: str, root: str) -> Diagnostic | None:
    real = os.path.realpath(path)
    if not _inside(real, root):
        return _outside(shown, real, "file")
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if os.path.islink(path):
            return Diagnostic(shown, "skipped: a symbolic link to a file that does not exist", severity="warning")
        return Diagnostic(shown, f"skipped: it cannot be read ({exc.strerror or exc})", severity="warning")
    if not stat.S_ISREG(mode):
        return Diagnostic(shown, "skipped: not a regular file (a pipe, socket or device)", severity="warning")
    return None


def _outside(shown: str, real: str, kind: str) -> Diagnostic:
    return Diagnostic(shown, f"{kind} skipped: it is a link to {real}, outside the KB folder; only files inside "
                             "the KB folder are published", severity="warning")


def read_bytes(kb_dir: Path, path: Path | str) -> bytes:
    """The bytes of a file under kb/; OutsideKb when its real path is elsewhere, checked again once it is open."""
    root = os.path.realpath(kb_dir)
    real = os.path.realpath(path)
    if not _inside(real, root):
        raise OutsideKb(f"it is a link to {real}, outside the KB folder; only files inside the KB folder are read")
    fd = os.open(real, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as f:
        opened = f"/proc/self/fd/{fd}"
        if os.path.islink(opened) and not _inside(os.readlink(opened), root):
            raise OutsideKb("it was replaced by a link to a place outside the KB folder while the build ran")
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        return f.read()
