"""Shared fixtures: projects built in temporary folders, never in the repository itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted(p.name for p in (REPO / "kb").glob("0*.txt"))


def make_project(root: Path, kb: Path | None = None, *, docs: Path | None = None) -> Path:
    """A project folder like the repository: mkdocs.yml, kb/, docs/, and the package beside them."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(kb or REPO / "kb", root / "kb")
    if docs is not None:
        shutil.copytree(docs, root / "docs")
    else:
        (root / "docs").mkdir()
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
