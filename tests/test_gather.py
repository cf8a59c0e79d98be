"""Per-file failures while gathering: one file that cannot be read is one error naming it; the rest is built.

Tests run as root, for whom chmod 000 changes nothing: the read itself is made to fail instead.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from kbsite import kbfiles
from kbsite.analyze.matcher import Matcher
from kbsite.gather import discover, process
from kbsite.model import Taxonomy
from tests.conftest import build_project, make_project

TAXONOMY = Taxonomy(topics=(), entities=())


def _failing(names: dict[str, int]):
    """kbfiles.read_bytes, failing with the given errno for the files named."""
    real = kbfiles.read_bytes

    def read_bytes(kb_dir: Path, path: Path | str) -> bytes:
        code = names.get(Path(path).name)
        if code is not None:
            raise OSError(code, os.strerror(code), str(path))
        return real(kb_dir, path)

    return read_bytes


@pytest.fixture
def kb(tmp_path) -> Path:
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "a.txt").write_text("Alpha title\n\nThe first article.\n", encoding="utf-8")
    (kb / "b.txt").write_text("Beta title\n\nThe second article.\n", encoding="utf-8")
    (kb / "b.txt.meta.yml").write_text("publisher: Beta Daily\n", encoding="utf-8")
    return kb


@pytest.mark.parametrize("code", [errno.EACCES, errno.EIO])
def test_an_article_that_cannot_be_read_is_one_error_naming_it(kb, monkeypatch, code):
    monkeypatch.setattr(kbfiles, "read_bytes", _failing({"a.txt": code}))
    jobs, _ = discover(kb)
    results = [process(job, TAXONOMY, Matcher(TAXONOMY)) for job in jobs]
    (article_a, problems_a), (article_b, problems_b) = results
    assert article_a is None
    assert [str(d) for d in problems_a] == [f"a.txt: error: could not read the file: {os.strerror(code)}"]
    assert article_b is not None and article_b.title == "Beta title" and problems_b == []


def test_a_sidecar_that_cannot_be_read_is_named_and_its_article_still_read(kb, monkeypatch):
    monkeypatch.setattr(kbfiles, "read_bytes", _failing({"b.txt.meta.yml": errno.EIO}))
    jobs, _ = discover(kb)
    article, problems = process(jobs[1], TAXONOMY, Matcher(TAXONOMY))
    assert problems == []
    assert article is not None and article.publisher is None
    assert [str(d) for d in article.diagnostics] == [
        "b.txt.meta.yml: error: could not read the file: Input/output error; the article was read without it"]


def test_a_build_with_unreadable_files_reports_them_and_builds_the_rest(tmp_path, kb, monkeypatch):
    root = make_project(tmp_path / "p", kb)
    monkeypatch.setattr(kbfiles, "read_bytes", _failing({"a.txt": errno.EIO, "topics.yml": errno.EACCES}))
    (root / "kb" / "topics.yml").write_text("- id: t\n  label: T\n", encoding="utf-8")
    report = build_project(root, site=False)
    assert report.articles == 1
    assert {str(d) for d in report.diagnostics} >= {"a.txt: error: could not read the file: Input/output error",
                                                     "topics.yml: error: not read: Permission denied"}
    assert (root / "docs" / "articles" / "b.md").is_file()
    assert not (root / "docs" / "articles" / "a.md").exists()


def test_a_cache_the_workers_cannot_write_is_one_clear_error_and_nothing_is_published(tmp_path, kb, monkeypatch):
    from kbsite.cache import ArticleCache
    from kbsite.errors import KbError

    for i in range(6):  # enough for two workers
        (kb / f"more{i}.txt").write_text(f"More {i}\n\nAnother article.\n", encoding="utf-8")
    root = make_project(tmp_path / "p", kb)

    def full(self, key, article):
        raise OSError(errno.ENOSPC, "No space left on device", str(self.folder / key))

    monkeypatch.setattr(ArticleCache, "put", full)
    with pytest.raises(KbError, match=r"the disk is full; nothing was published"):
        build_project(root, site=False, workers=2)
    assert not (root / "docs" / "articles").exists()
