"""`kbsite new DIR`: a project that builds at once, with `mkdocs build` (the plugin) and with `kbsite build`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from kbsite.cli import main
from tests.conftest import REPO, mkdocs_env
from tests.test_plugin import mkdocs

PAGES = ("articles/example-solar-record.html", "topics/renewable-energy.html", "topics/energy-policy.html",
         "entities/european-union.html", "entities/spain.html", "search/index.html", "index.html")


@pytest.fixture(scope="module")
def env() -> dict[str, str]:
    return mkdocs_env()


def _site_is_whole(project: Path) -> None:
    site = project / "site"
    for page in PAGES:
        assert (site / page).is_file(), page
    article = (site / "articles" / "example-solar-record.html").read_text(encoding="utf-8")
    assert "../topics/renewable-energy.html" in article and "../entities/spain.html" in article
    assert "kb-hsearch" in article  # kbsite's header search, from the theme the plugin brings
    assert (site / "assets" / "kbsite" / "search.js").is_file()
    assert (project / "offline.zip").is_file() and not (site / "offline.zip").exists()  # beside the site
    assert (project / ".kbsite" / "index").is_dir()


def test_new_then_a_plain_mkdocs_build_gives_the_whole_site(tmp_path, env, capsys):
    project = tmp_path / "demo"
    assert main(["new", str(project)]) == 0
    assert "kbsite build" in capsys.readouterr().out
    assert not (project / "kbsite").exists()  # everything comes from the installed package
    done = mkdocs(project, env, "--strict")  # not a single warning, from kbsite or MkDocs
    assert done.returncode == 0, done.stderr
    _site_is_whole(project)


def test_new_then_kbsite_build_gives_the_whole_site(tmp_path, env):
    project = tmp_path / "demo"
    assert main(["new", str(project)]) == 0
    done = subprocess.run([sys.executable, "-m", "kbsite", "build", "--strict", "--quiet", "--jobs", "1"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Problems: 0 error(s), 0 warning(s)" in done.stdout
    _site_is_whole(project)


def test_the_project_has_the_plugin_the_schema_and_the_pages_workflow(tmp_path):
    project = tmp_path / "demo"
    assert main(["new", str(project)]) == 0
    config = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "demo: a knowledge base"
    assert config["theme"]["name"] == "material"
    assert [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]] == ["kbsite"]
    assert (project / "kb" / "README.md").read_bytes() == (REPO / "kb" / "README.md").read_bytes()
    workflow = yaml.safe_load((project / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = [s.get("run", "") for s in workflow["jobs"]["build"]["steps"]]
    assert "pip install -r requirements.txt" in steps and "mkdocs build" in steps
    assert "kbsite" in (project / "requirements.txt").read_text(encoding="utf-8")
    assert "/site/" in (project / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_examples_are_not_the_default_kb(tmp_path):
    project = tmp_path / "demo"
    assert main(["new", str(project)]) == 0
    for name in ("topics.yml", "entities.yml"):
        ours = {e["id"] for e in yaml.safe_load((project / "kb" / name).read_text(encoding="utf-8"))}
        seeds = {e["id"] for e in yaml.safe_load((REPO / "kb" / name).read_text(encoding="utf-8"))}
        assert ours and not ours & seeds


def test_an_empty_folder_is_fine(tmp_path):
    project = tmp_path / "demo"
    project.mkdir()
    assert main(["new", str(project)]) == 0
    assert (project / "mkdocs.yml").is_file()


def test_a_folder_with_anything_in_it_is_refused_and_left_alone(tmp_path, capsys):
    project = tmp_path / "demo"
    project.mkdir()
    (project / "notes.md").write_text("mine", encoding="utf-8")
    assert main(["new", str(project)]) == 1
    err = capsys.readouterr().err
    assert str(project) in err and "not empty" in err and "Traceback" not in err
    assert [p.name for p in project.iterdir()] == ["notes.md"]
    assert (project / "notes.md").read_text(encoding="utf-8") == "mine"


def test_a_file_in_the_way_is_refused(tmp_path, capsys):
    target = tmp_path / "demo"
    target.write_text("mine", encoding="utf-8")
    assert main(["new", str(target)]) == 1
    assert "not a folder" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine"
