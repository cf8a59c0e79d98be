"""`kbsite serve`: a writer edits an article or the vocabulary in kb/ and the served pages change, without a restart."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from kbsite.serve import plugins_with_kbsite
from tests.conftest import make_project

ARTICLE = """---
title: Serving notes
lang: en
date: 2015-12-01
---
BlackBerry said on Monday that it would leave Pakistan. The {word} version of this article, from Zorbland.
"""
ENTITY = "\n- id: zorbland\n  name: Zorbland\n  type: place\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what: str, check: Callable[[], object], proc: subprocess.Popen, log: Path, seconds: float = 180):
    """check() until it gives something true; fails, with the server's output, on a timeout or if it ended."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            pytest.fail(f"the server ended ({proc.returncode}) before {what}:\n{log.read_text()[-3000:]}")
        got = check()
        if got:
            return got
        time.sleep(0.3)
    pytest.fail(f"no {what} after {seconds} s:\n{log.read_text()[-3000:]}")


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def page_of(docs: Path, word: str, kind: str = "articles") -> str | None:
    """The page of a kind (relative to docs/) whose Markdown holds `word`, once it is written."""
    for page in sorted((docs / kind).glob("*.md")) if (docs / kind).is_dir() else ():
        if word in page.read_text(encoding="utf-8"):
            return page.relative_to(docs).with_suffix(".html").as_posix()
    return None


@pytest.mark.parametrize("with_plugin", [False, True], ids=["kbsite-build-project", "plugin-project"])
def test_an_edit_in_kb_shows_on_the_served_page(tmp_path, with_plugin):
    root = make_project(tmp_path / "project")
    if with_plugin:
        config = root / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("plugins: []", "plugins:\n  - kbsite"),
                          encoding="utf-8")
    article = root / "kb" / "serving-notes.md"
    article.write_text(ARTICLE.format(word="first"), encoding="utf-8")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "kbsite", "serve", "--jobs", "1", "--dev-addr",
                                 f"127.0.0.1:{port}"], cwd=root, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        page = wait_for("article page", lambda: page_of(root / "docs", "first version"), proc, log)
        url = f"http://127.0.0.1:{port}/{page}"
        html = wait_for("served page", lambda: fetch(url), proc, log)
        assert "The first version of this article" in html
        assert "livereload" in html  # MkDocs' script, which reloads the browser after a rebuild
        assert html.count('type="application/ld+json"') == 1  # the head once, though both hooks and plugin add it

        article.write_text(ARTICLE.format(word="second"), encoding="utf-8")
        wait_for("change on the served page", lambda: "The second version" in (fetch(url) or ""), proc, log)
        assert "The first version" not in fetch(url)

        with (root / "kb" / "entities.yml").open("a", encoding="utf-8") as vocabulary:  # a new entity it names
            vocabulary.write(ENTITY)
        entity = wait_for("entity page", lambda: page_of(root / "docs", "Zorbland", "entities"), proc, log)
        assert "Serving notes" in wait_for("served entity page", lambda: fetch(f"http://127.0.0.1:{port}/{entity}"),
                                           proc, log)
        wait_for("link to the entity", lambda: Path(entity).stem in (fetch(url) or ""), proc, log)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C, as a writer stops it
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    assert fetch(url) is None  # stopped


def test_the_plugin_joins_the_projects_own_plugins_with_the_command_lines_options():
    assert list(plugins_with_kbsite(None, {}).items()) == [("search", None), ("kbsite", {})]
    assert plugins_with_kbsite([], {"jobs": 2}) == {"kbsite": {"jobs": 2}}
    listed = ["search", {"kbsite": {"kb_dir": "sources", "jobs": 4}}, "tags"]
    assert list(plugins_with_kbsite(listed, {"jobs": 1}).items()) == [
        ("search", None), ("kbsite", {"kb_dir": "sources", "jobs": 1}), ("tags", None)]
    assert plugins_with_kbsite({"tags": {"x": 1}}, {"strict": True}) == {"tags": {"x": 1}, "kbsite": {"strict": True}}
