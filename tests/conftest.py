"""Shared fixtures: projects built in temporary folders, never in the repository itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kbsite.publish import is_owned

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted(p.name for p in (REPO / "kb").glob("0*.txt"))


def make_project(root: Path, kb: Path | None = None, *, docs: Path | None = None) -> Path:
    """A project folder like the repository: mkdocs.yml, kb/, docs/, and the package beside them."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(kb or REPO / "kb", root / "kb")
    (root / "docs").mkdir()
    if docs is not None:  # the pages a person wrote, not what a build of the repository generated there
        for path in sorted(docs.rglob("*")):
            rel = path.relative_to(docs).as_posix()
            if path.is_file() and not is_owned(rel):
                (root / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, root / "docs" / rel)
    (root / "kbsite").symlink_to(REPO / "kbsite")
    return root


def build_project(root: Path, **options):
    from kbsite.config import load_settings
    from kbsite.pipeline import BuildOptions, build

    return build(load_settings(root), BuildOptions(**{"workers": 1, **options}))


@pytest.fixture(scope="session")
def default_site(tmp_path_factory) -> Path:
    """The default KB, built once (strict) with the repository's own docs/ pages."""
    root = make_project(tmp_path_factory.mktemp("default") / "project", docs=REPO / "docs")
    build_project(root, strict=True)
    return root
