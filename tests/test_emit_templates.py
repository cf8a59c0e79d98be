"""Page templates: the shipped ones, and the overrides (Material's custom_dir, else overrides/) that replace them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from kbsite.config import load_settings
from kbsite.emit import iter_pages, templates
from kbsite.errors import KbError
from kbsite.mkdocs_hooks import _TEMPLATE
from kbsite.plugin import _input_state
from kbsite.scaffold import new_project
from tests.conftest import build_project, mkdocs_env
from tests.emit_site import EXTENSIONS, make_site

ARTICLE = "example-solar-record"


def _override(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}{templates.SUFFIX}"
    path.write_text(text, encoding="utf-8")
    return path


def _with_line(line: str) -> str:
    """The shipped article template with one more line under the title."""
    shipped = (templates.SHIPPED / "article.md.j2").read_text(encoding="utf-8")
    return shipped.replace("# {{ article.title }}\n", "# {{ article.title }}\n\n" + line + "\n", 1)


def test_an_override_changes_the_article_page_and_follows_its_edits(tmp_path):
    project = tmp_path / "p"
    new_project(project)
    build_project(project, site=False)
    docs = project / "docs"
    article, topics = (docs / "articles" / f"{ARTICLE}.md").read_text("utf-8"), (docs / "topics/index.md").read_bytes()
    state = _input_state(load_settings(project))

    override = _override(project / "overrides", "article", _with_line("Reviewed by {{ article.author or 'nobody' }}."))
    build_project(project, site=False)
    changed = (docs / "articles" / f"{ARTICLE}.md").read_text("utf-8")
    assert "Reviewed by nobody." in changed and changed.replace("Reviewed by nobody.\n\n", "", 1) == article
    assert (docs / "topics/index.md").read_bytes() == topics  # only the page of that template changed
    assert _input_state(load_settings(project)) != state  # `mkdocs serve` rebuilds when an override changes

    override.write_text(_with_line("Checked twice."), encoding="utf-8")
    build_project(project, site=False)
    assert "\nChecked twice.\n" in (docs / "articles" / f"{ARTICLE}.md").read_text("utf-8")

    override.unlink()
    build_project(project, site=False)
    assert (docs / "articles" / f"{ARTICLE}.md").read_text("utf-8") == article


def test_the_overrides_folder_is_materials_custom_dir_when_set(tmp_path):
    project = tmp_path / "p"
    new_project(project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("theme:\n", "theme:\n  custom_dir: my-theme\n", 1), "utf-8")
    _override(project / "overrides", "article", _with_line("Not this one."))
    _override(project / "my-theme", "article", _with_line("From the custom_dir."))
    build_project(project, site=False)
    page = (project / "docs" / "articles" / f"{ARTICLE}.md").read_text("utf-8")
    assert "From the custom_dir." in page and "Not this one" not in page


def test_every_value_an_override_prints_is_escaped(tmp_path):
    """An override that prints the untrusted title, publisher and passages as they are still makes no markup."""
    overrides = tmp_path / "overrides"
    _override(overrides, "article", "---\ntitle: x\n---\n\n# {{ article.title }}\n\n{{ article.publisher }}\n\n"
                                    "{% for e in events %}{{ e.text }} {{ e.date }}\n{% endfor %}")
    pages = dict(iter_pages(make_site(), page_size=2, overrides=overrides))
    body = pages["articles/bb-en.md"].split("---\n", 2)[2]
    soup = BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser")
    assert {tag.name for tag in soup.find_all(True)} <= {"h1", "p"}
    assert "<img src=x onerror=alert(1)>" in soup.get_text() and "<b>Pakistan</b>" in soup.get_text()
    assert pages["topics/policy.md"] == dict(iter_pages(make_site(), page_size=2))["topics/policy.md"]


@pytest.mark.parametrize(("text", "line"), [("line one\n{% if %}\n", 2), ("a\nb\n{{ nothing_here.at_all }}\n", 3)])
def test_a_broken_override_is_an_error_naming_its_file_and_line(tmp_path, text, line):
    overrides = tmp_path / "overrides"
    _override(overrides, "home", text)
    with pytest.raises(KbError, match=rf"home\.md\.j2:{line}: template error"):
        dict(iter_pages(make_site(), overrides=overrides))


def test_the_hooks_file_knows_the_template_suffix():
    assert _TEMPLATE == templates.SUFFIX


@pytest.mark.slow
def test_mkdocs_with_the_plugin_uses_the_override_and_does_not_publish_it(tmp_path):
    project = tmp_path / "p"
    new_project(project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1), "utf-8")
    _override(project / "overrides", "article", _with_line("Made with my template."))
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=mkdocs_env(),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    html = (project / "site" / "articles" / f"{ARTICLE}.html").read_text("utf-8")
    assert "Made with my template." in html
    assert not list((project / "site").rglob(f"*{templates.SUFFIX}"))
