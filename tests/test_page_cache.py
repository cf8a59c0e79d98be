"""The page cache: an entry comes back as it was put, or not at all."""

from __future__ import annotations

import logging

from kbsite.page_cache import Entry, PageCache, from_record, to_record


def _entry(html: bytes | None = b"<html>page</html>") -> Entry:
    record = to_record(logging.makeLogRecord({"name": "mkdocs.structure.pages", "levelno": logging.WARNING,
                                              "levelname": "WARNING", "msg": "a link to %s", "args": ("x.md",)}))
    return Entry(html, {"x.md": None, "y.md": ["y.html", False]}, [record], [], ["top"], {"y.md": {"a": "y.md#a"}})


def test_an_entry_comes_back_as_it_was_put(tmp_path):
    cache = PageCache(tmp_path)
    cache.put("ab" * 32, _entry())
    cache.put("cd" * 32, _entry(None))  # MkDocs wrote nothing for an empty page
    assert cache.get("ab" * 32) == _entry()
    assert cache.get("cd" * 32).html is None
    assert from_record(cache.get("ab" * 32).reads[0]).getMessage() == "a link to x.md"
    assert cache.get("ef" * 32) is None


def test_a_damaged_entry_is_dropped(tmp_path):
    cache = PageCache(tmp_path)
    cache.put("ab" * 32, _entry())
    path = tmp_path / "ab" / ("ab" * 32)
    path.write_bytes(path.read_bytes()[:-3] + b"XYZ")
    assert cache.get("ab" * 32) is None
    assert not path.exists()


def test_prune_keeps_only_the_pages_of_this_build(tmp_path):
    cache = PageCache(tmp_path)
    for key in ("ab" * 32, "cd" * 32):
        cache.put(key, _entry())
    cache.prune(["cd" * 32])
    assert cache.get("ab" * 32) is None and cache.get("cd" * 32) is not None


def test_the_files_a_page_looked_up_are_each_looked_up_once_for_all_pages():
    """Thousands of cached pages link the same pages: checking them costs one lookup per page linked."""
    from types import SimpleNamespace

    from kbsite.page_cache import looked_up_now

    asked: list[str] = []
    page = SimpleNamespace(url="a/", inclusion=SimpleNamespace(is_excluded=lambda: False))

    def find(path):
        asked.append(path)
        return page if path == "a.md" else None

    assert looked_up_now(["a.md", "b.md"], find) == {"a.md": ["a/", False], "b.md": None}
    assert looked_up_now(["b.md", "a.md"], find) == {"b.md": None, "a.md": ["a/", False]}
    assert asked == ["a.md", "b.md"]

    def other(path):  # another build's files: looked up anew
        asked.append(path)
        return None

    assert looked_up_now(["a.md"], other) == {"a.md": None} and asked[-1] == "a.md" and len(asked) == 3
