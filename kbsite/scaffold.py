"""`kbsite new DIR`: a project that builds at once, as `mkdocs new` gives one for MkDocs.

The files come from kbsite/project_template/, shipped with the package, so an installed kbsite
needs no checkout of this repository. Dot-files are stored there without their dot (build tools
and archives tend to drop hidden files); they get it back here.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a module of Python 3.11 on; only the annotations name it
    from importlib.resources.abc import Traversable

from kbsite import __version__
from kbsite.errors import KbError

DOTTED = ("gitignore", "github/")  # stored without the leading dot
TEMPLATED = ("mkdocs.yml", "requirements.txt")  # $site_name and $version filled in


def new_project(target: Path) -> list[Path]:
    """Write the project into `target`, which must be new or empty: nothing a user has is overwritten."""
    if target.exists() and not target.is_dir():
        raise KbError(f"{target}: not a folder; `kbsite new` needs a new or empty folder")
    if target.is_dir() and any(target.iterdir()):
        raise KbError(f"{target}: not empty; `kbsite new` writes only into a new or empty folder, "
                      "so that nothing there is overwritten")
    values = {"site_name": json.dumps(f"{target.resolve().name}: a knowledge base", ensure_ascii=False),
              "version": __version__}
    written = []
    for rel, source in sorted(_template_files(files("kbsite") / "project_template", "")):
        data = source.read_bytes()
        if rel in TEMPLATED:
            data = Template(data.decode("utf-8")).substitute(values).encode("utf-8")
        path = target / _dotted(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def _template_files(folder: Traversable, prefix: str) -> list[tuple[str, Traversable]]:
    found = []
    for entry in folder.iterdir():
        rel = prefix + entry.name
        if entry.is_dir():
            found += _template_files(entry, rel + "/")
        else:
            found.append((rel, entry))
    return found


def _dotted(rel: str) -> str:
    return "." + rel if rel.startswith(DOTTED) else rel
