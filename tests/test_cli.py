"""The command line: exit codes as `--help` documents them, and errors as messages, never tracebacks."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from kbsite import cli
from kbsite.config import load_settings
from kbsite.pipeline import BuildReport
from tests.conftest import REPO, build_project, make_project


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("cli") / "p")
    build_project(root, site=False)
    return root


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("option", "value", "said"), [
    ("--lang", "xx", 'Error: --lang "xx": no article in the index is in that language; the languages in the index '
                     "are: en, es, nl, ru"),
    ("--topic", "nope", 'Error: --topic "nope" is no topic id or label in topics.yml;'),
    ("--since", "2015-13-45", 'Error: --since "2015-13-45" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD'),
    ("--entity", "Pakistn", 'Error: --entity "Pakistn" is no entity id, name or alias in entities.yml; did you mean '
                            "pakistan?"),
])
def test_a_search_filter_that_names_nothing_exits_2_with_a_message(project, capsys, option, value, said):
    code, out, err = _run(capsys, "--root", str(project), "search", "BlackBerry", option, value)
    assert code == 2
    assert out == ""
    assert err.startswith(said) and "Traceback" not in err


def test_an_entity_given_by_its_name_filters_like_its_id(project, capsys):
    by_id = _run(capsys, "--root", str(project), "search", "BlackBerry", "--entity", "pakistan", "--json")
    by_name = _run(capsys, "--root", str(project), "search", "BlackBerry", "--entity", "Pakistán", "--json")
    assert by_id == by_name and by_id[0] == 0 and '"path"' in by_id[1]


def test_the_summary_says_where_the_outputs_are_and_names_only_those_made(tmp_path, capsys):
    root = make_project(tmp_path / "p")
    settings = load_settings(root)
    cli._summary(settings, BuildReport(), site=True)
    out = capsys.readouterr().out
    assert "  Offline: offline.zip (the whole site in one file" in out
    assert "Index: .kbsite/index/" in out and "search \"your words\"" in out
    cli._summary(replace(settings, outputs=settings.outputs.without("index", "offline_zip")), BuildReport(), site=True)
    out = capsys.readouterr().out
    assert "Offline:" not in out and "Index:" not in out and "Search:" not in out


def test_exit_codes_are_documented_in_help(capsys):
    for command in ([], ["check"], ["build"], ["search"]):
        with pytest.raises(SystemExit):
            cli.main([*command, "--help"])
        out = capsys.readouterr().out
        assert "exit codes:" in out and "  2    the command line is wrong" in out


def test_a_closed_pipe_is_no_traceback(project, monkeypatch, capfd):
    """`kbsite search x | head -1`: the reader closed the pipe; that is the end, not an error."""
    def closed(*_):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(cli, "_search", closed)
    assert cli.main(["--root", str(project), "search", "blackberry"]) == 0


def test_a_search_call_imports_only_what_search_needs(project):
    """Most of a terminal search's time is start-up: the build's libraries must not load for a query."""
    script = ("import sys\nfrom kbsite.cli import main\n"
              f"code = main(['--root', {str(project)!r}, 'search', 'blackberry', '--json'])\n"
              "sys.stderr.write(' '.join(sorted(sys.modules)))\nsys.exit(code)")
    for _ in range(2):  # the first call parses the taxonomy, as the first after an edit of it does
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=False)
    assert done.returncode == 0, done.stderr
    assert 'BlackBerry' in done.stdout
    loaded = {name.split(".")[0] for name in done.stderr.split()} | set(done.stderr.split())
    heavy = {"mkdocs", "sklearn", "scipy", "numpy", "dateparser", "datasketch", "jinja2", "markdown",
             "kbsite.pipeline", "kbsite.emit", "kbsite.analyze.features", "kbsite.analyze.dates",
             # what Whoosh and its cached_property import for downloads and coroutines (kbsite.index.lean_whoosh)
             "asyncio", "urllib.request", "http.client", "email", "ssl",
             "difflib",  # only for the message of a filter that names nothing
             # the taxonomy's YAML parser: its result is cached (kbsite.index.taxonomy_cache)
             "kbsite.analyze.taxonomy", "kbsite.analyze.yaml_entries"}
    assert not heavy & loaded, sorted(heavy & loaded)
