"""A damaged search index is named by a search and built anew by the next build, never a traceback."""

from __future__ import annotations

import pytest

from kbsite.cli import main
from kbsite.index.integrity import read_record, write_record
from tests.conftest import build_project, make_project


def _segment(root):
    return max((root / ".kbsite" / "index").glob("*.seg"), key=lambda p: p.stat().st_size)


def test_a_record_tells_a_whole_index_from_a_damaged_one(tmp_path, caplog):
    (tmp_path / "a.seg").write_bytes(b"x" * 100)
    write_record(tmp_path, {"kb/a.md": "1"})
    assert read_record(tmp_path, thorough=True)["articles"] == {"kb/a.md": "1"}
    (tmp_path / "a.seg").write_bytes(b"y" * 100)
    assert read_record(tmp_path, thorough=False) is not None  # a search only compares sizes
    assert read_record(tmp_path, thorough=True) is None
    (tmp_path / "a.seg").write_bytes(b"x" * 50)
    assert read_record(tmp_path, thorough=False) is None
    assert "a.seg is 50 bytes, not 100" in caplog.text


@pytest.mark.slow
def test_a_truncated_segment_is_an_error_for_search_and_rebuilt_by_the_next_build(tmp_path, capsys, caplog):
    root = make_project(tmp_path / "p")
    build_project(root)
    segment = _segment(root)
    segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])

    assert main(["--root", str(root), "search", "Pakistan"]) == 1
    err = capsys.readouterr().err
    assert "the search index is damaged" in err and "Traceback" not in err

    build_project(root)  # not --full: the build sees the damage itself
    assert "the search index is damaged" in caplog.text
    assert main(["--root", str(root), "search", "Pakistan", "--json"]) == 0
    assert capsys.readouterr().out.count('"path"') == 5
