import zipfile

from kbsite.publish import Manifest, stage_docs, swap_docs, write_zip

GEN = b"---\nkbsite: generated\n---\n"


def _write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _publish(docs, tmp, pages, manifest):
    stage = tmp / "stage"
    hashes, notes = stage_docs(docs, stage, pages.items(), manifest, tmp / "edited")
    swap_docs(docs, stage, tmp / "trash")
    manifest.save(hashes)
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


def test_hand_edited_generated_page_is_saved_and_reported(tmp_path):
    docs = tmp_path / "docs"
    _publish(docs, tmp_path / "1", {"articles/a.md": GEN + b"a"}, Manifest(tmp_path / "m.json"))
    (docs / "articles/a.md").write_bytes(GEN + b"my edit")
    notes = _publish(docs, tmp_path / "2", {"articles/a.md": GEN + b"a"}, Manifest(tmp_path / "m.json"))
    assert "edited by hand" in notes[0].message
    assert (tmp_path / "2" / "edited" / "articles/a.md").read_bytes() == GEN + b"my edit"


def test_zip_is_reproducible(tmp_path):
    site = tmp_path / "site"
    _write(site / "index.html", b"<html></html>")
    _write(site / "a" / "b.html", b"b")
    first = write_zip(site).read_bytes()
    second = write_zip(site).read_bytes()
    assert first == second
    assert zipfile.ZipFile(site / "offline.zip").namelist() == ["site/a/b.html", "site/index.html"]


def test_generated_pages_from_another_checkout_are_recognised_by_their_marker(tmp_path):
    docs = tmp_path / "docs"
    _write(docs / "articles" / "old.md", GEN + b"from a build elsewhere")
    notes = _publish(docs, tmp_path / "1", {"articles/a.md": GEN + b"a"}, Manifest(tmp_path / "m.json"))
    assert not (docs / "articles/old.md").exists() and notes == []
