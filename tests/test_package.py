"""kbsite as a package: the wheel has the command, the MkDocs plugin and the data files, and runs installed."""

from __future__ import annotations

import configparser
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kbsite
from kbsite.cli import main
from tests.conftest import REPO, tomllib

PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", r.strip(), maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def test_the_package_needs_what_requirements_txt_pins():
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    pinned = [line.split("#")[0] for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()]
    pinned = [line for line in pinned if line.strip() and not line.startswith("-")]
    assert _names(declared) == _names(pinned)
    assert not [d for d in declared if "==" in d]  # exact pins stay in requirements.txt


def test_version_is_one_string(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"kbsite {kbsite.__version__}"
    assert re.fullmatch(r"\d+\.\d+\.\d+", kbsite.__version__)


def test_the_repository_entry_point_is_the_same_command():
    done = subprocess.run([sys.executable, "build_index.py", "--help"], cwd=REPO, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0
    assert done.stdout.startswith("usage: kbsite ")


def _build_backend_ready() -> None:
    """The wheel is built with the build backend installed here (no isolation, so nothing is fetched);
    it must be one pyproject.toml accepts."""
    from packaging.requirements import Requirement

    requires = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    for requirement in map(Requirement, requires):
        try:
            version = importlib.metadata.version(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            pytest.fail(f"the build backend {requirement} is not installed (requirements-dev.txt pins it)")
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{requirement.name} {version} is installed, pyproject.toml's build backend is {requirement}: install "
            "requirements-dev.txt")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel built from a copy of the sources (the build writes into the tree), installed into a folder."""
    _build_backend_ready()
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    shutil.copytree(REPO / "kbsite", src / "kbsite", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([*PIP, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(work / "dist"),
                    str(src)], check=True, timeout=300)
    wheels = list((work / "dist").glob("kbsite-*.whl"))
    assert len(wheels) == 1
    target = work / "target"
    subprocess.run([*PIP, "install", "--no-deps", "--target", str(target), str(wheels[0])], check=True, timeout=300)
    return target


def _run(args: list[str], target: Path, cwd: Path) -> subprocess.CompletedProcess:
    """Run from outside the repository, so `kbsite` can only be the installed one (the venv gives the rest)."""
    env = {**os.environ, "PYTHONPATH": str(target)}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_the_wheel_has_the_command_the_plugin_and_the_data(installed):
    info = next(installed.glob("kbsite-*.dist-info"))
    assert info.name == f"kbsite-{kbsite.__version__}.dist-info"
    entry_points = configparser.ConfigParser()
    entry_points.read(info / "entry_points.txt")
    assert entry_points["console_scripts"]["kbsite"] == "kbsite.cli:main"
    assert entry_points["mkdocs.plugins"]["kbsite"] == "kbsite.plugin:KbsitePlugin"
    for source in [*sorted((REPO / "kbsite" / "theme").rglob("*")), *sorted((REPO / "kbsite" / "templates").rglob("*")),
                   *sorted((REPO / "kbsite" / "project_template").rglob("*"))]:
        if source.is_file():
            rel = source.relative_to(REPO)
            assert (installed / rel).read_bytes() == source.read_bytes(), rel
    assert (installed / "bin" / "kbsite").is_file()


@pytest.mark.slow
def test_the_installed_package_runs(installed, tmp_path):
    done = _run([sys.executable, "-c", "import kbsite; print(kbsite.__file__)"], installed, tmp_path)
    assert Path(done.stdout.strip()).is_relative_to(installed)
    done = _run([sys.executable, "-m", "kbsite", "--version"], installed, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"kbsite {kbsite.__version__}"
    done = _run([str(installed / "bin" / "kbsite"), "--version"], installed, tmp_path)
    assert done.stdout.strip() == f"kbsite {kbsite.__version__}"
    done = _run([sys.executable, "-m", "kbsite", "new", "demo"], installed, tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "demo" / ".github" / "workflows" / "pages.yml").is_file()
    assert (tmp_path / "demo" / "kb" / "README.md").read_bytes() == (REPO / "kb" / "README.md").read_bytes()


@pytest.mark.parametrize(("entry", "command"), [(["build_index.py"], "python build_index.py"),
                                                (["-m", "kbsite"], "kbsite")])
def test_messages_suggest_the_command_the_user_ran(tmp_path, entry, command):
    from kbsite.scaffold import new_project

    new_project(tmp_path / "p")
    script = [str(REPO / entry[0])] if entry[0].endswith(".py") else entry
    done = subprocess.run([sys.executable, *script, "--root", str(tmp_path / "p"), "search", "solar"], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"run `{command} build` first" in done.stderr
