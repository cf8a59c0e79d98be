"""Shared fixtures: projects built in temporary folders, never in the repository itself.

A test project is a user's project: it names kbsite in mkdocs.yml's `plugins:` and reaches the package
as installed, by its name, never through a path into this checkout. When this checkout is not installed,
its distribution metadata (the `kbsite` command and the MkDocs plugin, read from pyproject.toml) is
written to a temporary folder put on the path, as `pip install` would, for this process and its children.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import shutil
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest

from kbsite.paths import is_owned

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted(p.name for p in (REPO / "kb").glob("0*.txt"))
# The repository's mkdocs.yml reaches the theme and the hooks by path; a project names the plugin.
_BY_PATH = ("  custom_dir: kbsite/theme\n", "hooks:\n  - kbsite/mkdocs_hooks.py\n")


def distribution_metadata(folder: Path) -> Path:
    """kbsite's .dist-info in `folder`, with the entry points pyproject.toml declares; returns `folder`."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    info = folder / "kbsite-0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: kbsite\nVersion: 0\n", encoding="utf-8")
    groups = {"console_scripts": project["scripts"], **project["entry-points"]}
    (info / "entry_points.txt").write_text(
        "".join(f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in names.items()) + "\n"
                for group, names in groups.items()), encoding="utf-8")
    return folder


def pytest_configure(config) -> None:
    if importlib.metadata.entry_points(group="mkdocs.plugins", name="kbsite"):
        return  # installed
    folder = distribution_metadata(Path(tempfile.mkdtemp(prefix="kbsite-metadata-")))
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    sys.path.append(str(folder))
    importlib.invalidate_caches()
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), str(folder), os.environ.get("PYTHONPATH"))
                                               if p)


def mkdocs_env() -> dict[str, str]:
    """The environment of a `mkdocs` command run in a test project."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def project_config(text: str) -> str:
    """The repository's mkdocs.yml as a user's project has it: the kbsite plugin instead of paths into kbsite/."""
    for part in _BY_PATH:
        assert part in text, f"mkdocs.yml no longer has {part!r}: update tests/conftest.py"
        text = text.replace(part, "")
    assert "\nplugins: []\n" in text, "mkdocs.yml no longer has `plugins: []`: update tests/conftest.py"
    return text.replace("\nplugins: []\n", "\nplugins:\n  - kbsite\n")


def make_project(root: Path, kb: Path | None = None, *, docs: Path | None = None) -> Path:
    """A project folder like the repository's: mkdocs.yml (with the plugin), kb/, docs/."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(project_config((REPO / "mkdocs.yml").read_text(encoding="utf-8")),
                                     encoding="utf-8")
    shutil.copytree(kb or REPO / "kb", root / "kb")
    (root / "docs").mkdir()
    if docs is not None:  # the pages a person wrote, not what a build of the repository generated there
        for path in sorted(docs.rglob("*")):
            rel = path.relative_to(docs).as_posix()
            if path.is_file() and not is_owned(rel):
                (root / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, root / "docs" / rel)
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
