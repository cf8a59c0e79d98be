from __future__ import annotations

import io
import json
import sys

import pytest

from kbsite.cli import main
from kbsite.index.opened import close_all
from tests.conftest import build_project, make_project


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("batch") / "project")
    build_project(root, site=False)
    yield root
    close_all()


def search_json(root, capsys, *args: str) -> str:
    assert main(["--root", str(root), "search", *args]) == 0
    return capsys.readouterr().out


def test_batch_writes_one_json_line_per_query_in_order(project, capsys, tmp_path):
    queries = tmp_path / "queries.txt"
    queries.write_text('pakistan\n\n  "back doors" -rain  \nservrs\nserver privacy\n', encoding="utf-8")
    lines = search_json(project, capsys, "--batch", str(queries), "--limit", "3").splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["query"] for r in rows] == ["pakistan", '"back doors" -rain', "servrs", "server privacy"]
    assert rows[2]["hits"] == [] and rows[2]["suggestion"] == "servers"
    single = json.loads(search_json(project, capsys, "pakistan", "--json", "--limit", "3"))
    assert rows[0]["hits"] == single and rows[0]["total"] == 5
    assert all({"total", "partial_total", "suggestion", "hits"} <= set(r) for r in rows)
    assert all("partial" in hit for r in rows for hit in r["hits"])


def test_batch_reads_standard_input(project, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("\ufeffпакистан\nrain\n".encode())))
    rows = [json.loads(line) for line in search_json(project, capsys, "--batch", "-", "--lang", "ru").splitlines()]
    assert [r["query"] for r in rows] == ["пакистан", "rain"]
    assert rows[0]["hits"] and all(h["lang"] == "ru" for h in rows[0]["hits"])


def test_batch_errors_name_the_file_and_line(project, capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"rain\nbad \xff line\n")
    assert main(["--root", str(project), "search", "--batch", str(bad)]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["query"] == "rain"
    assert f"{bad}, line 2: not UTF-8" in captured.err and "Traceback" not in captured.err
    assert main(["--root", str(project), "search", "--batch", str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt: the query file cannot be read" in capsys.readouterr().err
    assert main(["--root", str(project), "search", "rain", "--batch", str(bad)]) == 1
    assert "a query or --batch FILE" in capsys.readouterr().err
