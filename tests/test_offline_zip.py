"""The offline zip: read by zipfile as written, and the same bytes whether its entries were deflated or copied."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import pytest

from kbsite import offline_zip
from kbsite.offline_zip import write_zip


def _site(folder: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return folder


FILES = {"index.html": b"<html>home</html>" * 50, "articles/a.html": b"<p>a</p>" * 80,
         "articles/b.html": b"<p>b</p>" * 80, "assets/caf\u00e9.svg": b"<svg/>", "empty.txt": b""}


def test_zipfile_reads_every_file_back(tmp_path):
    site = _site(tmp_path / "site", FILES)
    target = write_zip(site, site / "offline.zip")
    with zipfile.ZipFile(target) as zf:
        assert zf.testzip() is None
        assert zf.namelist() == sorted(f"site/{rel}" for rel in FILES)
        assert {name.removeprefix("site/"): zf.read(name) for name in zf.namelist()} == FILES
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_rebuild_copies_the_unchanged_entries_and_gives_the_bytes_of_a_fresh_archive(tmp_path, monkeypatch):
    site = _site(tmp_path / "site", FILES)
    record = tmp_path / "record.json"
    last = write_zip(site, tmp_path / "last.zip", record=record)
    (site / "articles" / "a.html").write_bytes(b"<p>a, edited</p>")
    (site / "articles" / "b.html").unlink()
    (site / "articles" / "c.html").write_bytes(b"<p>c</p>")

    deflated = []
    real = zlib.compressobj
    monkeypatch.setattr(offline_zip.zlib, "compressobj", lambda *a: deflated.append(1) or real(*a))
    again = write_zip(site, tmp_path / "again.zip", previous=last, record=record).read_bytes()
    assert len(deflated) == 2  # the edited and the added file; the other three were copied
    monkeypatch.undo()
    assert again == write_zip(site, tmp_path / "fresh.zip").read_bytes()


def test_workers_deflate_the_files_and_the_archive_is_the_same_bytes(tmp_path):
    """Cold and rebuilt from the last archive, several processes give the archive of one."""
    many = {**FILES, **{f"articles/{n:03}.html": f"<p>{n}</p>".encode() * n for n in range(60)}}
    site = _site(tmp_path / "site", many)
    one = write_zip(site, tmp_path / "one.zip").read_bytes()
    record = tmp_path / "record.json"
    last = write_zip(site, tmp_path / "last.zip", record=record, workers=2)
    assert last.read_bytes() == one
    (site / "articles" / "007.html").write_bytes(b"<p>7, edited</p>")
    again = write_zip(site, tmp_path / "again.zip", previous=last, record=record, workers=2).read_bytes()
    assert again == write_zip(site, tmp_path / "fresh.zip").read_bytes() != one


def test_an_archive_changed_since_its_record_is_not_copied_from(tmp_path):
    site = _site(tmp_path / "site", FILES)
    record = tmp_path / "record.json"
    last = write_zip(site, tmp_path / "last.zip", record=record)
    with zipfile.ZipFile(last) as zf:
        first = zf.infolist()[0]
        at = first.header_offset + 30 + len(first.filename.encode())
    data = bytearray(last.read_bytes())
    data[at] ^= 0xFF  # the first entry's compressed bytes, as a disk error or an edit would change them
    last.write_bytes(bytes(data))
    again = write_zip(site, tmp_path / "again.zip", previous=last, record=record).read_bytes()
    assert again == write_zip(site, tmp_path / "fresh.zip").read_bytes()


@pytest.mark.parametrize("limit", [2, 0xFFFF])
def test_past_65535_entries_the_zip64_records_are_written_and_read(tmp_path, monkeypatch, limit):
    monkeypatch.setattr(offline_zip, "ZIP64_ENTRIES", limit)  # as for a site of more files than a ZIP counts
    site = _site(tmp_path / "site", FILES)
    data = write_zip(site, tmp_path / "site.zip").read_bytes()
    assert (b"PK\x06\x06" in data) == (limit == 2)
    with zipfile.ZipFile(tmp_path / "site.zip") as zf:
        assert zf.testzip() is None and len(zf.namelist()) == len(FILES)
