"""The command line: entity suggestions written as a file (`check --suggest-entities`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbsite.analyze.taxonomy import load_taxonomy
from kbsite.cli import main
from tests.conftest import make_project

ARTICLES = {
    "a.txt": "Talks in London\n\nThen Tony Blair met officials from the UK and the US. Mr Blair smiled.\n",
    "b.txt": "Talks in Paris\n\nThe US agreed with Tony Blair on the plan for the UK economy.\n",
    "c.txt": "Talks in Rome\n\nMr Blair said the UK would sign. The US did not.\n",
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    kb = tmp_path / "source"
    kb.mkdir()
    for name, text in ARTICLES.items():
        (kb / name).write_text(text, encoding="utf-8")
    return make_project(tmp_path / "project", kb)


def _check(project: Path, *options: str) -> int:
    return main(["--root", str(project), "check", "--jobs", "1", *options])


def test_check_writes_suggested_entities_ready_to_use(project: Path, capsys) -> None:
    target = project / "suggested.yml"
    assert _check(project, "--suggest-entities", str(target)) == 0
    assert f"Wrote {target}: 3 suggested entities." in capsys.readouterr().out
    taxonomy = load_taxonomy(None, target.read_text(encoding="utf-8"))
    assert taxonomy.diagnostics == ()
    entities = {e.name: e for e in taxonomy.entities}
    assert set(entities) == {"Tony Blair", "UK", "US"}
    assert entities["Tony Blair"].type == "person"
    assert "Blair" in str(entities["Tony Blair"].aliases)


def test_check_never_replaces_a_file_unless_told(project: Path, capsys) -> None:
    target = project / "kb" / "entities.yml"
    target.write_text("- {id: mine, name: Mine}\n", encoding="utf-8")
    assert _check(project, "--suggest-entities", str(target)) == 1
    assert "exists and was left as it is" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "- {id: mine, name: Mine}\n"
    assert _check(project, "--suggest-entities", str(target), "--force") == 0
    assert f"Replaced {target}" in capsys.readouterr().out
    assert "name: Tony Blair" in target.read_text(encoding="utf-8")
