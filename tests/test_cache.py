import dataclasses

import pytest

from kbsite.cache import ArticleCache, StatTable, article_from_json, article_key, article_to_json
from kbsite.errors import KbError
from kbsite.model import Article, Body, Diagnostic, Event, Mention, TopicHit


def _article() -> Article:
    return Article(
        source="a.md", title="T", lang="es", text="x", html="<p>x</p>", date="2015-12-30",
        topics=(TopicHit("bes", 2.0, ("s1",)),), mentions=(Mention("pakistan", 3, ("Pakistán",), "p"),),
        events=(Event("2015-12-30", "e"),), tags=("a",), digest="d",
        diagnostics=[Diagnostic("a.md", "m", 3, "warning")],
    )


def test_article_round_trips_through_json():
    article = _article()
    assert article_from_json(article_to_json(article)) == article


def test_cache_put_get_and_prune(tmp_path):
    cache = ArticleCache(tmp_path)
    cache.put("ab" * 32, _article())
    assert cache.get("ab" * 32) == _article()
    assert cache.get("cd" * 32) is None
    cache.prune(set())
    assert cache.get("ab" * 32) is None


def test_an_article_without_its_body_and_the_body_read_back_on_its_own(tmp_path):
    cache = ArticleCache(tmp_path)
    article = dataclasses.replace(_article(), digest="ab" * 32, text="line\none\u2028two", html="<p>a\nb</p>")
    cache.put(article.digest, article)
    light = cache.get(article.digest, body=False)
    assert (light.text, light.html) == ("", "")
    assert dataclasses.replace(light, text=article.text, html=article.html) == article
    assert cache.body(light) == Body("line\none\u2028two", "<p>a\nb</p>")


def test_a_body_gone_from_the_cache_is_an_error_naming_the_file(tmp_path):
    cache = ArticleCache(tmp_path)
    with pytest.raises(KbError, match="ab" * 32 + r".json: the build cache changed or was damaged"):
        cache.body(dataclasses.replace(_article(), digest="ab" * 32))


def test_key_changes_with_any_part():
    assert article_key("a", b"b") != article_key("ab", b"")
    assert article_key("a", b"b") == article_key("a", b"b")


def test_stat_table_rehashes_changed_files(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("one")
    table = StatTable(tmp_path / "stats.json")
    first = table.digest("a.txt", f)
    table.save({"a.txt"})
    f.write_text("two!")
    assert StatTable(tmp_path / "stats.json").digest("a.txt", f) != first


def test_an_entry_cut_short_is_dropped_with_a_warning_and_analysed_again(tmp_path, caplog):
    cache = ArticleCache(tmp_path)
    article = dataclasses.replace(_article(), digest="ab" * 32, text="words " * 100)
    cache.put(article.digest, article)
    path = next(tmp_path.rglob("*.json"))
    path.write_bytes(path.read_bytes()[:-50])  # the head is whole, the text is not
    assert cache.get(article.digest, body=False) is None
    assert not path.exists() and "damaged build cache entry" in caplog.text


def test_a_changed_body_is_an_error_once_then_the_article_is_analysed_again(tmp_path):
    cache = ArticleCache(tmp_path)
    article = dataclasses.replace(_article(), digest="ab" * 32, text="words")
    cache.put(article.digest, article)
    path = next(tmp_path.rglob("*.json"))
    path.write_bytes(path.read_bytes().replace(b"words", b"wordz"))
    light = cache.get(article.digest, body=False)  # the size is right: only the hash tells
    with pytest.raises(KbError, match="was dropped: run the build again"):
        cache.body(light)
    assert cache.get(article.digest, body=False) is None


@pytest.mark.parametrize("content", [b'{"a.txt": 5}', b'{"a.txt": [1, 2', b"\xff", b"[]"])
def test_a_bad_stat_table_is_dropped_with_a_warning(tmp_path, caplog, content):
    f = tmp_path / "a.txt"
    f.write_text("one")
    (tmp_path / "stats.json").write_bytes(content)
    table = StatTable(tmp_path / "stats.json")
    assert table.entries == {}
    assert len(table.digest("a.txt", f)) == 64
    assert "stats.json" in caplog.text and "dropped" in caplog.text
