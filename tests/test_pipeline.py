"""The build with suggested entities: opt-in, only without an entities.yml, cached like any analysis."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_project, make_project

ARTICLES = {
    "a.txt": "Talks in London\n\nThen Tony Blair met officials from the UK and the US. Mr Blair smiled.\n",
    "b.txt": "Talks in Paris\n\nThe US agreed with Tony Blair on the plan for the UK economy.\n",
    "c.txt": "Talks in Rome\n\nMr Blair said the UK would sign. The US did not.\n",
}


def _project(tmp_path: Path, auto_entities: int | None) -> Path:
    kb = tmp_path / "source"
    kb.mkdir()
    for name, text in ARTICLES.items():
        (kb / name).write_text(text, encoding="utf-8")
    root = make_project(tmp_path / "project", kb)
    if auto_entities is not None:
        with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
            config.write(f"\nextra:\n  kb:\n    auto_entities: {auto_entities}\n")
    return root


def test_without_entities_yml_the_best_suggestions_become_entity_pages(tmp_path: Path) -> None:
    root = _project(tmp_path, 2)
    report = build_project(root, site=False)
    assert report.entities == 2
    entities = root / "docs" / "entities"
    assert sorted(p.name for p in entities.glob("*.md")) == ["index.md", "tony-blair.md", "uk.md"]
    page = (root / "docs" / "articles" / "c.md").read_text(encoding="utf-8")
    assert "entities/tony-blair.md" in page  # "Mr Blair" is a mention of Tony Blair
    again = build_project(root, site=False)
    assert (again.analysed, again.reused, again.entities) == (0, 3, 2)


def test_suggested_entities_are_opt_in_and_never_replace_the_users(tmp_path: Path) -> None:
    root = _project(tmp_path, None)
    assert build_project(root, site=False).entities == 0
    (root / "kb" / "entities.yml").write_text("- {id: rome, name: Rome}\n", encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nextra:\n  kb:\n    auto_entities: 2\n")
    assert build_project(root, site=False).entities == 1
    assert not (root / "docs" / "entities" / "uk.md").exists()
