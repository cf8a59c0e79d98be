"""Writing an export folder: all of it or nothing, and never over a person's files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from kbsite.errors import KbError


def write_export(out: Path, files: dict[str, bytes], *, forbidden: tuple[Path, ...]) -> None:
    """Replace `out` by a folder of exactly `files`, staged beside it and swapped in whole.

    A folder kbsite reads or owns (kb/, docs/, site/, its state) cannot hold an export: kb/ would read
    it back as articles. An existing `out` is replaced only if it holds nothing but export files.
    """
    real = out.resolve()
    for place in forbidden:
        place = place.resolve()
        if real == place or place in real.parents or real in place.parents:
            raise KbError(f"{out}: an export cannot go in or around {place.name}/ (kbsite reads or writes it); "
                          "choose another folder")
    if out.exists():
        if not out.is_dir():
            raise KbError(f"{out}: exists and is not a folder; choose another export folder")
        foreign = sorted(p.name for p in out.iterdir() if p.name not in files)
        if foreign:
            raise KbError(f"{out}: holds files that are not kbsite's export ({', '.join(foreign[:5])}); "
                          "choose another folder, kbsite does not delete them")
    stage = out.parent / f".{out.name}.tmp-{os.getpid()}"
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    try:
        stage.mkdir(parents=True)
        for name, data in sorted(files.items()):
            (stage / name).write_bytes(data)
        if out.exists():
            os.replace(out, old)
        try:
            os.replace(stage, out)
        except OSError:
            if old.exists():
                os.replace(old, out)
            raise
    except OSError as exc:
        raise KbError(f"{out}: the export could not be written ({exc.strerror or exc}); "
                      "any earlier export is left as it was") from exc
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
