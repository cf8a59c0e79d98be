import json

import pytest

from kbsite.statefile import is_str_map, load_json, save_json


def test_saved_data_reads_back_and_leaves_no_temporary_file(tmp_path):
    save_json(tmp_path / "s.json", {"a": "1"})
    assert load_json(tmp_path / "s.json", "a test file", is_str_map) == {"a": "1"}
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


def test_a_missing_file_is_none_without_a_warning(tmp_path, caplog):
    assert load_json(tmp_path / "s.json", "a test file", is_str_map) is None
    assert caplog.text == ""


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],  # cut short
    lambda raw: raw.replace(b'"1"', b'"2"'),  # changed: the checksum no longer matches
    lambda raw: json.dumps({"a": "1"}).encode(),  # an older format, without a checksum
    lambda raw: b"\xff\xfe",
])
def test_a_damaged_file_is_none_with_a_warning_naming_it(tmp_path, caplog, damage):
    path = tmp_path / "s.json"
    save_json(path, {"a": "1"})
    path.write_bytes(damage(path.read_bytes()))
    assert load_json(path, "a test file", is_str_map) is None
    assert f"{path}: a test file is damaged" in caplog.text


def test_data_of_the_wrong_shape_is_dropped(tmp_path, caplog):
    save_json(tmp_path / "s.json", {"a": 1})
    assert load_json(tmp_path / "s.json", "a test file", is_str_map) is None
    assert "unexpected content" in caplog.text
