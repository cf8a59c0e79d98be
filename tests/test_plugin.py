"""The MkDocs plugin: `mkdocs build` runs kbsite's pipeline, with options checked by MkDocs' schema."""

from __future__ import annotations

import calendar
import logging
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from kbsite import pipeline
from kbsite.config import load_settings
from kbsite.mkdocs_parallel import _serial_reason
from kbsite.plugin import THEME_DIR, KbsitePlugin
from kbsite.scaffold import new_project
from tests.conftest import REPO, mkdocs_env


@pytest.fixture(scope="module")
def env() -> dict[str, str]:
    """A MkDocs run in a user's project, which finds kbsite as installed (tests/conftest.py)."""
    return mkdocs_env()


def mkdocs(project: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)


def _set_plugins(project: Path, block: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("plugins:")
    config.write_text(text[:start] + block + text[text.index("\n\n", start):], encoding="utf-8")


def _set_plugin(project: Path, options: str) -> None:
    _set_plugins(project, "plugins:\n  - kbsite:\n" + options)


def test_options_are_checked_by_mkdocs_schema(tmp_path, env):
    project = tmp_path / "p"
    new_project(project)
    _set_plugin(project, "      kb_dir: 3\n")
    done = mkdocs(project, env)
    assert done.returncode != 0
    assert "Plugin 'kbsite' option 'kb_dir'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / "docs" / "articles").exists()


def test_options_turn_outputs_off_and_name_the_kb_folder(tmp_path, env):
    project = tmp_path / "p"
    new_project(project)
    (project / "kb").rename(project / "sources")
    _set_plugin(project, "      kb_dir: sources\n      index: false\n      offline_zip: false\n")
    done = mkdocs(project, env)
    assert done.returncode == 0, done.stderr
    assert (project / "site" / "articles" / "example-solar-record.html").is_file()
    assert not (project / "offline.zip").exists() and not (project / "site" / "offline.zip").exists()
    assert "offline.zip" not in (project / "site" / "index.html").read_text(encoding="utf-8")  # nor linked
    assert not (project / ".kbsite" / "index").exists()


def test_a_broken_vocabulary_is_reported_and_fatal_only_when_strict(tmp_path, env):
    project = tmp_path / "p"
    new_project(project)
    topics = project / "kb" / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8") + "- id: orphan\n  labels: {en: Orphan}\n"
                      "  parent: nowhere\n", encoding="utf-8")
    done = mkdocs(project, env)
    assert done.returncode == 0, done.stderr
    assert "topics.yml:" in done.stderr and "nowhere" in done.stderr
    assert (project / "site" / "articles" / "example-solar-record.html").is_file()

    fresh = tmp_path / "strict"
    new_project(fresh)
    (fresh / "kb" / "topics.yml").write_text(topics.read_text(encoding="utf-8"), encoding="utf-8")
    _set_plugin(fresh, "      strict: true\n")
    done = mkdocs(fresh, env)
    assert done.returncode != 0
    assert "topics.yml:" in done.stderr and "Traceback" not in done.stderr
    assert not (fresh / "docs" / "articles").exists()
    assert not (fresh / "site").exists()


def _plugin(project: Path, command: str = "build", **options) -> tuple[KbsitePlugin, object]:
    """The plugin as MkDocs drives it, on the project's configuration (without MkDocs' plugin lookup)."""
    plugin = KbsitePlugin()
    errors, warnings = plugin.load_config(options)
    assert not errors and not warnings
    config = load_config(str(project / "mkdocs.yml"), plugins=[])
    plugin.on_startup(command=command, dirty=False)
    return plugin, plugin.on_config(config)


def test_theme_assets_and_markdown_extensions_come_with_the_plugin(tmp_path):
    project = tmp_path / "p"
    new_project(project)
    config_file = project / "mkdocs.yml"
    config_file.write_text("site_name: Mine\ntheme:\n  name: material\n  custom_dir: overrides\n",
                           encoding="utf-8")
    (project / "overrides").mkdir()
    _, config = _plugin(project)
    dirs = [Path(d).resolve() for d in config.theme.dirs]
    assert dirs[0] == (project / "overrides").resolve()  # the user's overrides win over kbsite's
    assert dirs[1] == THEME_DIR
    assert {"assets/kbsite/search.css", "assets/kbsite/site.css"} <= set(config.extra_css)
    assert "assets/kbsite/search.js" in [str(s) for s in config.extra_javascript]
    assert {"attr_list", "md_in_html", "tables", "toc"} <= set(config.markdown_extensions)


def test_a_project_that_already_points_at_the_theme_gets_it_once(tmp_path):
    from tests.conftest import make_project

    project = make_project(tmp_path / "p")
    _, config = _plugin(project)
    theme_dirs = [d for d in config.theme.dirs if Path(d).resolve() == THEME_DIR]
    assert len(theme_dirs) == 1
    assert config.extra_css.count("assets/kbsite/search.css") == 1


def test_serve_watches_kb_and_runs_the_pipeline_only_when_kb_changed(tmp_path, monkeypatch):
    project = tmp_path / "p"
    new_project(project)
    runs = []
    real_build = pipeline.build

    def counting(settings, options):
        runs.append(options)
        return real_build(settings, options)

    monkeypatch.setattr(pipeline, "build", counting)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1430000000")  # set by the caller: the plugin leaves it
    plugin, config = _plugin(project, command="serve", jobs=1)

    watched = []

    class Server:
        def watch(self, path):
            watched.append(Path(path))

    plugin.on_pre_build(config=config)
    assert len(runs) == 1 and not runs[0].site
    assert (project / "docs" / "articles" / "example-solar-record.md").is_file()
    plugin.on_serve(Server(), config=config, builder=None)
    assert watched == [project / "kb"]
    plugin.on_pre_build(config=config)  # MkDocs saw our own pages change in docs/
    assert len(runs) == 1
    article = project / "kb" / "example-solar-record.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Wind power came second",
                                                                   "Wind power came a close second"),
                       encoding="utf-8")
    plugin.on_pre_build(config=config)
    assert len(runs) == 2
    assert "a close second" in (project / "docs" / "articles" / "example-solar-record.md").read_text("utf-8")
    assert os.environ["SOURCE_DATE_EPOCH"] == "1430000000"


def test_the_site_is_dated_by_its_newest_article_not_by_the_clock(tmp_path, env):
    project = tmp_path / "p"
    new_project(project)
    env = {k: v for k, v in env.items() if k != "SOURCE_DATE_EPOCH"}
    done = mkdocs(project, env)
    assert done.returncode == 0, done.stderr
    header = (project / "site" / "sitemap.xml.gz").read_bytes()[:8]  # MkDocs stamps the build time in it
    assert int.from_bytes(header[4:8], "little") == calendar.timegm((2024, 6, 3, 0, 0, 0))


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_a_missing_kb_folder_is_a_warning_and_a_bad_page_size_an_error(tmp_path):
    project = tmp_path / "p"
    new_project(project)
    records = Records()
    logging.getLogger("mkdocs").addHandler(records)
    try:
        _plugin(project, kb_dir="articles")
    finally:
        logging.getLogger("mkdocs").removeHandler(records)
    assert any(m.startswith("kbsite: articles: no such folder") for m in records.messages), records.messages
    with pytest.raises(PluginError, match="page_size must be a positive whole number, not 0"):
        _plugin(project, page_size=0)


def test_kbsite_build_keeps_building_mkdocs_pages_in_parallel_with_the_plugin(tmp_path):
    project = tmp_path / "p"
    new_project(project)
    plugin, config = _plugin(project)
    config.plugins["kbsite"] = plugin
    assert _serial_reason(config, workers=2, chunk=0) is None


@pytest.mark.parametrize("plugins", [
    "plugins:\n  - search\n  - kbsite:\n      kb_dir: sources\n      page_size: 7\n",
    "plugins:\n  kbsite:\n    kb_dir: sources\n    page_size: 7\n",
])
def test_kbsite_build_follows_the_plugin_options(tmp_path, plugins):
    project = tmp_path / "p"
    new_project(project)
    _set_plugins(project, plugins)
    settings = load_settings(project)
    assert settings.kb_dir == project / "sources"
    assert settings.page_size == 7


def test_without_the_plugin_extra_kb_still_counts(tmp_path):
    from tests.conftest import make_project

    project = make_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "extra:\n  kb:\n    kb_dir: elsewhere\n",
                      encoding="utf-8")
    assert load_settings(project).kb_dir == project / "elsewhere"


def test_each_page_says_its_own_language_without_the_hooks_file(tmp_path):
    project = tmp_path / "p"
    new_project(project)
    plugin, config = _plugin(project)
    page = SimpleNamespace(meta={"lang": "ru"})
    html = '<!doctype html><html lang="en" class="no-js">'
    assert plugin.on_post_page(html, page=page, config=config) == '<!doctype html><html lang="ru" class="no-js">'


def test_the_plugin_adds_the_assets_the_repositorys_own_site_lists():
    from kbsite.config import _LenientLoader
    from kbsite.plugin import EXTRA_CSS, EXTRA_JS

    raw = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_LenientLoader)
    assert tuple(raw["extra_javascript"]) == EXTRA_JS and tuple(raw["extra_css"]) == EXTRA_CSS


def test_a_zip_asked_inside_the_site_is_written_there_and_linked(tmp_path, env):
    project = tmp_path / "p"
    new_project(project)
    _set_plugin(project, "      offline_zip: site/downloads/kb.zip\n      feeds: false\n")
    done = mkdocs(project, env)
    assert done.returncode == 0, done.stderr
    assert (project / "site" / "downloads" / "kb.zip").is_file() and not (project / "offline.zip").exists()
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="downloads/kb.zip"' in home and "feed.xml" not in home
    assert not (project / "docs" / "feed.xml").exists()
