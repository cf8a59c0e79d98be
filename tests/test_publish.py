import errno
import os
import zipfile
from pathlib import Path

import pytest

from kbsite import journal
from kbsite.errors import KbError
from kbsite.journal import Journal
from kbsite.publish import Backups, Manifest, publish_moves, stage_docs, write_manifest, write_zip

GEN = b"---\nkbsite: generated\n---\n"


def _write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _publish(docs, tmp, pages, manifest):
    """Stage and swap in the pages only, as a build does (the manifest goes in with them)."""
    stage = tmp / "stage"
    hashes, notes = stage_docs(docs, stage / "docs", pages.items(), manifest, Backups(docs.parent / "state" / "edited"))
    write_manifest(stage / "manifest.json", hashes)
    moves = publish_moves(stage, docs_dir=docs, site_dir=None, index_dir=tmp / "index", manifest=manifest.path)
    Journal(tmp / "journal.json", tmp).publish(moves)
    return notes


def test_person_pages_are_never_touched_and_stale_pages_go(tmp_path):
    docs = tmp_path / "docs"
    _write(docs / "guide.md", b"mine")
    _write(docs / "assets" / "logo.png", b"png")
    manifest = Manifest(tmp_path / "m.json")
    _publish(docs, tmp_path / "1", {"articles/a.md": GEN + b"a", "articles/b.md": GEN + b"b"}, manifest)
    assert (docs / "articles/b.md").exists()
    _publish(docs, tmp_path / "2", {"articles/a.md": GEN + b"a"}, Manifest(tmp_path / "m.json"))
    assert not (docs / "articles/b.md").exists()
    assert (docs / "guide.md").read_bytes() == b"mine"
    assert (docs / "assets/logo.png").read_bytes() == b"png"


def test_unchanged_pages_keep_their_file(tmp_path):
    docs = tmp_path / "docs"
    _publish(docs, tmp_path / "1", {"articles/a.md": GEN + b"a"}, Manifest(tmp_path / "m.json"))
    before = (docs / "articles/a.md").stat()
    _publish(docs, tmp_path / "2", {"articles/a.md": GEN + b"a"}, Manifest(tmp_path / "m.json"))
    after = (docs / "articles/a.md").stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_a_persons_index_md_is_not_overwritten(tmp_path):
    docs = tmp_path / "docs"
    _write(docs / "index.md", b"# My own home page")
    notes = _publish(docs, tmp_path / "1", {"index.md": GEN + b"home"}, Manifest(tmp_path / "m.json"))
    assert (docs / "index.md").read_bytes() == b"# My own home page"
    assert [n.path for n in notes] == ["docs/index.md"]


def test_a_persons_page_inside_a_generated_folder_is_kept(tmp_path):
    docs = tmp_path / "docs"
    _write(docs / "topics" / "notes.md", b"my notes")
    notes = _publish(docs, tmp_path / "1", {"topics/a.md": GEN}, Manifest(tmp_path / "m.json"))
    assert (docs / "topics/notes.md").read_bytes() == b"my notes"
    assert "move it out" in notes[0].message


def _backups(docs, rel):
    stem, _, suffix = rel.rpartition(".")
    return sorted((docs.parent / "state" / "edited").glob(f"{stem}.*.{suffix}"))


def test_hand_edited_generated_page_is_saved_and_reported_and_every_version_is_kept(tmp_path):
    docs = tmp_path / "docs"
    manifest = tmp_path / "m.json"
    _publish(docs, tmp_path / "1", {"articles/a.md": GEN + b"a"}, Manifest(manifest))
    (docs / "articles/a.md").write_bytes(GEN + b"my edit")
    notes = _publish(docs, tmp_path / "2", {"articles/a.md": GEN + b"a"}, Manifest(manifest))
    assert "edited by hand" in notes[0].message
    (docs / "articles/a.md").write_bytes(GEN + b"my second edit")
    notes = _publish(docs, tmp_path / "3", {"articles/a.md": GEN + b"a"}, Manifest(manifest))
    assert "edited by hand" in notes[0].message
    kept = _backups(docs, "articles/a.md")
    assert sorted(p.read_bytes() for p in kept) == [GEN + b"my edit", GEN + b"my second edit"]
    assert kept[-1].name in notes[0].message or kept[0].name in notes[0].message
    assert (docs / "articles/a.md").read_bytes() == GEN + b"a"


def test_a_hand_page_whose_name_a_generated_page_takes_is_kept_with_a_warning(tmp_path):
    docs = tmp_path / "docs"
    manifest = tmp_path / "m.json"
    _publish(docs, tmp_path / "1", {"topics/a.md": GEN + b"a"}, Manifest(manifest))
    _write(docs / "topics" / "my-notes.md", b"# My notes\n\nkbsite: generated (a phrase I quote)\n")
    notes = _publish(docs, tmp_path / "2", {"topics/a.md": GEN + b"a", "topics/my-notes.md": GEN + b"slug"},
                     Manifest(manifest))
    assert (docs / "topics/my-notes.md").read_bytes().startswith(b"# My notes")
    assert [(n.path, n.severity) for n in notes] == [("docs/topics/my-notes.md", "warning")]
    assert "not written by kbsite" in notes[0].message
    # and the next build, which no longer generates that page, does not take it either
    _publish(docs, tmp_path / "3", {"topics/a.md": GEN + b"a"}, Manifest(manifest))
    assert (docs / "topics/my-notes.md").read_bytes().startswith(b"# My notes")


def test_with_a_record_the_marker_does_not_make_a_page_kbsites(tmp_path):
    docs = tmp_path / "docs"
    manifest = tmp_path / "m.json"
    _publish(docs, tmp_path / "1", {"articles/a.md": GEN + b"a"}, Manifest(manifest))
    _write(docs / "articles" / "copied.md", GEN + b"a page I started from a generated one")
    notes = _publish(docs, tmp_path / "2", {"articles/a.md": GEN + b"a"}, Manifest(manifest))
    assert (docs / "articles/copied.md").read_bytes().endswith(b"generated one")
    assert "move it out" in notes[0].message


def test_a_lost_record_does_not_freeze_the_feeds(tmp_path):
    docs = tmp_path / "docs"
    manifest = tmp_path / "m.json"
    _publish(docs, tmp_path / "1", {"feed.xml": b"<rss>old</rss>", "index.md": GEN + b"old"}, Manifest(manifest))
    manifest.unlink()
    notes = _publish(docs, tmp_path / "2", {"feed.xml": b"<rss>new</rss>", "index.md": GEN + b"new"},
                     Manifest(manifest))
    assert (docs / "feed.xml").read_bytes() == b"<rss>new</rss>"
    assert (docs / "index.md").read_bytes() == GEN + b"new"
    assert [p.read_bytes() for p in _backups(docs, "feed.xml")] == [b"<rss>old</rss>"]
    assert "record of the files it wrote was missing" in notes[0].message
    notes = _publish(docs, tmp_path / "3", {"feed.xml": b"<rss>newer</rss>"}, Manifest(manifest))
    assert (docs / "feed.xml").read_bytes() == b"<rss>newer</rss>" and notes == []


def test_a_damaged_record_is_dropped_with_a_warning(tmp_path, caplog):
    docs = tmp_path / "docs"
    manifest = tmp_path / "m.json"
    _publish(docs, tmp_path / "1", {"articles/a.md": GEN + b"a"}, Manifest(manifest))
    manifest.write_bytes(manifest.read_bytes()[:40])
    assert Manifest(manifest).lost
    assert "m.json" in caplog.text and "damaged" in caplog.text
    manifest.write_text('{"format": 1, "sha256": "x", "data": {"articles/a.md": 5}}')
    assert Manifest(manifest).lost


def test_zip_is_reproducible(tmp_path):
    site = tmp_path / "site"
    _write(site / "index.html", b"<html></html>")
    _write(site / "a" / "b.html", b"b")
    beside = write_zip(site, tmp_path / "kb.zip").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb.zip", "site"]  # no partial file is left
    first = write_zip(site, site / "offline.zip").read_bytes()
    second = write_zip(site, site / "offline.zip").read_bytes()
    assert first == second == beside  # inside the site, it leaves itself out
    assert zipfile.ZipFile(site / "offline.zip").namelist() == ["site/a/b.html", "site/index.html"]


def test_without_a_record_generated_pages_are_recognised_by_their_marker(tmp_path):
    docs = tmp_path / "docs"
    _write(docs / "articles" / "old.md", GEN + b"from a build elsewhere")
    _write(docs / "articles" / "mine.md", b"---\ntitle: mine\n---\nkbsite: generated\n")
    notes = _publish(docs, tmp_path / "1", {"articles/a.md": GEN + b"a"}, Manifest(tmp_path / "m.json"))
    assert not (docs / "articles/old.md").exists()
    assert [p.read_bytes() for p in _backups(docs, "articles/old.md")] == [GEN + b"from a build elsewhere"]
    assert (docs / "articles/mine.md").exists()
    assert sorted(n.path for n in notes) == ["docs", "docs/articles/mine.md"]


def test_a_rename_that_fails_midway_puts_everything_back(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    manifest = tmp_path / "m.json"
    _publish(docs, tmp_path / "1", {"articles/a.md": GEN + b"a", "topics/t.md": GEN + b"t"}, Manifest(manifest))
    before = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in sorted(tmp_path.rglob("*"))
              if p.is_file() and "1" not in p.relative_to(tmp_path).parts}
    calls = []

    def rename(src, dst):
        calls.append(src)
        if len(calls) == 3:
            raise OSError(errno.EXDEV, "Invalid cross-device link", str(src))
        os.rename(src, dst)

    monkeypatch.setattr(journal.os, "rename", rename)
    with pytest.raises(KbError, match="on another file system"):
        _publish(docs, tmp_path / "2", {"articles/a.md": GEN + b"A", "topics/t.md": GEN + b"T"}, Manifest(manifest))
    after = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in sorted(tmp_path.rglob("*"))
             if p.is_file() and not {"1", "2"} & set(p.relative_to(tmp_path).parts)}
    assert after == before and not (tmp_path / "2" / "journal.json").exists()


def test_an_interrupted_publish_is_finished_by_the_next_run_and_is_safe_to_replay(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    manifest = tmp_path / "m.json"
    _publish(docs, tmp_path / "1", {"articles/a.md": GEN + b"a"}, Manifest(manifest))

    class Killed(BaseException):
        pass

    def die(step):
        if step == "rename-1":
            raise Killed

    monkeypatch.setattr(journal, "checkpoint", die)
    with pytest.raises(Killed):
        _publish(docs, tmp_path / "2", {"articles/a.md": GEN + b"A", "index.md": GEN + b"home"}, Manifest(manifest))
    assert not (docs / "articles").exists()  # halfway: the old folder is out, the new one not yet in
    monkeypatch.setattr(journal, "checkpoint", lambda step: None)
    assert journal.Journal(tmp_path / "2" / "journal.json", tmp_path / "2").recover()
    assert (docs / "articles/a.md").read_bytes() == GEN + b"A" and (docs / "index.md").exists()
    assert Manifest(manifest).files.keys() == {"articles/a.md", "index.md"}
    assert not journal.Journal(tmp_path / "2" / "journal.json", tmp_path / "2").recover()


def test_ctrl_c_during_the_renames_puts_the_previous_pages_back(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    manifest = tmp_path / "m.json"
    _publish(docs, tmp_path / "1", {"articles/a.md": GEN + b"a"}, Manifest(manifest))

    def interrupt(step):
        if step == "rename-2":
            raise KeyboardInterrupt

    monkeypatch.setattr(journal, "checkpoint", interrupt)
    with pytest.raises(KeyboardInterrupt):
        _publish(docs, tmp_path / "2", {"articles/a.md": GEN + b"A", "index.md": GEN + b"home"}, Manifest(manifest))
    assert (docs / "articles/a.md").read_bytes() == GEN + b"a" and not (docs / "index.md").exists()
    assert Manifest(manifest).files.keys() == {"articles/a.md"}
    assert not (tmp_path / "2" / "journal.json").exists()


def test_a_mkdocs_kbsite_does_not_know_builds_the_site_its_own_plain_way_and_the_same(tmp_path, monkeypatch):
    """kbsite's fast build relies on MkDocs' private functions: any other MkDocs gets `mkdocs build` itself."""
    from kbsite import mkdocs_parallel, publish
    from kbsite.publish import mkdocs_build

    repo = Path(__file__).resolve().parent.parent
    docs = repo / "tests" / "fixtures" / "mkdocs_parallel" / "docs"
    fast_calls = []
    fast = mkdocs_parallel.build_site
    monkeypatch.setattr(mkdocs_parallel, "build_site", lambda *a, **kw: fast_calls.append(1) or fast(*a, **kw))
    options = {"site_url": None, "strict": False, "epoch": 1430000000, "workers": 2, "page_cache": tmp_path / "cache"}
    warnings = mkdocs_build(repo / "mkdocs.yml", docs, tmp_path / "fast", **options)
    assert fast_calls == [1]

    monkeypatch.setattr(publish, "FAST_MKDOCS", ("9.9.",))  # as if this MkDocs were one kbsite does not know
    plain_warnings = mkdocs_build(repo / "mkdocs.yml", docs, tmp_path / "plain", **options)
    assert fast_calls == [1]
    assert plain_warnings == warnings and warnings
    assert _tree(tmp_path / "plain") == _tree(tmp_path / "fast")


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
