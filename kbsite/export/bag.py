"""A deposit package: the KB, its vocabulary, the export and the built site as one BagIt bag.

BagIt (RFC 8493) is what archives and data repositories take in: every file with its SHA-256,
checkable years later with any BagIt tool. The bag's date is the KB's own (its newest article),
not the day it was made, so the same KB gives the same bag.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import bagit

from kbsite.errors import KbError


def make_bag(target: Path, files: dict[str, Path], *, date: str | None, title: str) -> Path:
    """Copy each file (path in the bag -> the file) into `target`/data and bag it.

    The caller lists the files, so what goes in is what kbsite would read (no link out of kb/)."""
    if target.exists():
        raise KbError(f"{target}: already exists; remove it or choose another --bag folder")
    target.mkdir(parents=True)
    for name, source in sorted(files.items()):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / name)
    info = {"External-Description": f"{title}: articles, vocabulary, export and site, made by kbsite"}
    if date:
        info["Bagging-Date"] = date
    try:
        bagit.make_bag(str(target), bag_info=info, checksums=["sha256"], processes=1)
    except (bagit.BagError, OSError) as exc:
        raise KbError(f"{target}: could not make the bag: {exc}") from exc
    return target


def verify_bag(folder: Path) -> list[str]:
    """What is wrong with a bag (missing, extra or changed files); empty when it is whole."""
    try:
        bag = bagit.Bag(str(folder))
        bag.validate(processes=1)
    except bagit.BagValidationError as exc:
        return [str(d) for d in exc.details] or [str(exc)]
    except bagit.BagError as exc:
        return [str(exc)]
    return []
