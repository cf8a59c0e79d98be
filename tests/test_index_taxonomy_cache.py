"""The terminal search's taxonomy: parsed once, then loaded from the state folder, never stale."""

from __future__ import annotations

import pickle

from kbsite.config import load_settings
from kbsite.index import taxonomy_cache
from kbsite.index.analysis import alias_table
from kbsite.index.taxonomy_cache import PREFIX, search_taxonomy
from kbsite.taxonomy_source import read_taxonomy
from tests.conftest import make_project

EXTRA = "\n- id: zeppelin-works\n  name: Zeppelin Works\n  type: organisation\n"


def _settings(tmp_path):
    settings = load_settings(make_project(tmp_path / "p"))
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    return settings


def _cached(settings) -> list:
    return sorted(settings.state_dir.glob(f"{PREFIX}*.pickle"))


def test_the_cached_taxonomy_is_the_parsed_one(tmp_path):
    settings = _settings(tmp_path)
    parsed = read_taxonomy(settings)[0]
    assert search_taxonomy(settings).taxonomy == parsed
    assert len(_cached(settings)) == 1
    assert search_taxonomy(settings).taxonomy == parsed  # now from the cache


def test_an_edited_taxonomy_is_read_anew_and_the_old_entry_goes(tmp_path):
    settings = _settings(tmp_path)
    before = search_taxonomy(settings).taxonomy
    old = _cached(settings)
    with (settings.kb_dir / "entities.yml").open("a", encoding="utf-8") as f:
        f.write(EXTRA)
    after = search_taxonomy(settings).taxonomy
    assert "zeppelin-works" in {e.id for e in after.entities} - {e.id for e in before.entities}
    assert after == read_taxonomy(settings)[0]
    assert len(_cached(settings)) == 1 and _cached(settings) != old


def test_a_damaged_cache_entry_is_parsed_again(tmp_path):
    settings = _settings(tmp_path)
    parsed = search_taxonomy(settings).taxonomy
    _cached(settings)[0].write_bytes(b"not a pickle")
    assert search_taxonomy(settings).taxonomy == parsed


def test_the_alias_tables_are_kept_per_language_and_equal_the_made_ones(tmp_path):
    settings = _settings(tmp_path)
    parsed = read_taxonomy(settings)[0]
    first = search_taxonomy(settings, ["en"])
    assert first.aliases == alias_table(parsed, ["en"])
    both = search_taxonomy(settings, ["es", "en"])  # a language the file had no table for is added to it
    assert both.aliases == alias_table(parsed, ["en", "es"])
    kept = pickle.loads(_cached(settings)[0].read_bytes())
    assert sorted(kept.aliases) == ["en", "es"]
    assert search_taxonomy(settings, ["es"]).aliases == alias_table(parsed, ["es"])  # only those asked for


def test_an_alias_table_comes_from_the_file_without_reducing_any_alias(tmp_path, monkeypatch):
    settings = _settings(tmp_path)
    made = search_taxonomy(settings, ["en", "ru"])

    def not_again(*_):
        raise AssertionError("the alias table was made again")

    monkeypatch.setattr(taxonomy_cache, "alias_table", not_again)
    assert search_taxonomy(settings, ["en", "ru"]) == made
