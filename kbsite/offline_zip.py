"""The offline zip: the whole site in one reproducible file, rebuilt from the last one.

Deflating every file of a site takes seconds at 2,000 articles and minutes at 50,000, yet a rebuild after
one edit changes a few dozen files. Python's zipfile cannot copy an entry's compressed bytes from one
archive into another, so the archive is written here, in the plain ZIP format that zipfile and every
unzip read (with ZIP64 records past 65,535 files or 4 GiB): each file is deflated, unless the last
archive holds the same bytes under the same name, whose compressed bytes are then copied. Same site,
same archive, byte for byte, whichever way each entry was made.

Which bytes the last archive holds is known from a record beside the cache (each name's SHA-256 and where
its entry lies), kept only for the archive of that size and time: an archive changed since is not used.
"""

from __future__ import annotations

import hashlib
import os
import struct
import zlib
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from kbsite.errors import KbError
from kbsite.model import Progress, no_progress
from kbsite.statefile import load_json, save_json
from kbsite.workers import imap

ARC_PREFIX = "site/"
_DOS_DATE, _DOS_TIME = (0 << 9) | (1 << 5) | 1, 0  # 1980-01-01 00:00, the earliest a ZIP can say
_MODE = 0o100644 << 16  # a regular file, rw-r--r--
_MAX16, _MAX32 = 0xFFFF, 0xFFFFFFFF
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_END64 = struct.Struct("<4sQ2H2L4Q")
_LOCATOR64 = struct.Struct("<4sLQL")
ZIP64_ENTRIES = _MAX16  # more entries than this need the ZIP64 end records


@dataclass(frozen=True)
class _Entry:
    name: bytes
    flags: int
    crc: int
    size: int
    compressed: int
    offset: int


def write_zip(site_dir: Path, target: Path, *, previous: Path | None = None, record: Path | None = None,
              progress: Progress = no_progress, workers: int = 1) -> Path:
    """Every file of `site_dir` (but the archive itself) as site/<path>, in path order, into `target`.

    With `record`: the archive `previous` (the last build's) lends its compressed bytes where it holds the same
    file, and the record is rewritten for the new archive. The files are read and deflated by `workers`
    processes (kbsite.workers), the archive written by this one: the same bytes either way."""
    files = [rel for rel in _files(site_dir) if site_dir / rel != target]
    known_entries = _previous(previous, record)
    kept: dict[str, list] = {}
    entries: list[_Entry] = []
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    reading = previous.open("rb") if known_entries is not None and previous is not None else nullcontext()
    bodies = imap("compressing the offline zip", partial(_deflated, site_dir, known_entries or {}), files,
                  workers=workers)
    with tmp.open("wb") as out, reading as old:
        for rel, (sha, crc, size, body) in zip(files, progress(bodies, len(files)), strict=True):
            name = (ARC_PREFIX + rel).encode("utf-8")
            flags = 0 if name.isascii() else 0x800  # the name is UTF-8
            if body is None:
                _, _, _, compressed, data_at = known_entries[rel]  # type: ignore[index]
                old.seek(data_at)
                body = old.read(compressed)
            if size > _MAX32 or len(body) > _MAX32:
                raise KbError(f"{site_dir / rel}: over 4 GiB, too large for the offline zip; turn it off")
            entry = _Entry(name, flags, crc, size, len(body), out.tell())
            out.write(_LOCAL.pack(b"PK\x03\x04", 20, 0, flags, 8, _DOS_TIME, _DOS_DATE, crc, len(body), size,
                                  len(name), 0) + name)
            kept[rel] = [sha, crc, size, len(body), out.tell()]
            out.write(body)
            entries.append(entry)
        _central_directory(out, entries)
    os.replace(tmp, target)
    if record is not None:
        st = target.stat()
        save_json(record, {"zip": [st.st_size, st.st_mtime_ns], "entries": kept})
    return target


def _deflated(site_dir: Path, known_entries: dict[str, list], rel: str) -> tuple[str, int, int, bytes | None]:
    """A file's SHA-256, CRC-32, size and deflated bytes; no bytes when the last archive holds the same file."""
    data = (site_dir / rel).read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    known = known_entries.get(rel)
    if known is not None and known[0] == sha:
        return sha, known[1], known[2], None
    deflate = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return sha, zlib.crc32(data), len(data), deflate.compress(data) + deflate.flush()


def _central_directory(out, entries: list[_Entry]) -> None:
    start = out.tell()
    for e in entries:
        extra = b""
        offset = e.offset
        if offset > _MAX32:
            extra, offset = struct.pack("<2HQ", 1, 8, e.offset), _MAX32
        version = 45 if extra else 20
        out.write(_CENTRAL.pack(b"PK\x01\x02", version, 3, version, 0, e.flags, 8, _DOS_TIME, _DOS_DATE, e.crc,
                                e.compressed, e.size, len(e.name), len(extra), 0, 0, 0, _MODE, offset)
                  + e.name + extra)
    end = out.tell()
    size = end - start
    count = len(entries)
    if count > ZIP64_ENTRIES or start > _MAX32 or size > _MAX32:
        out.write(_END64.pack(b"PK\x06\x06", _END64.size - 12, 45, 45, 0, 0, count, count, size, start))
        out.write(_LOCATOR64.pack(b"PK\x06\x07", 0, end, 1))
        count, size, start = min(count, _MAX16), min(size, _MAX32), min(start, _MAX32)
    out.write(_END.pack(b"PK\x05\x06", 0, 0, count, count, size, start, 0))


def _previous(target: Path | None, record: Path | None) -> dict[str, list] | None:
    """The last archive's entries, if the record is of the archive that is there now."""
    if record is None or target is None or not target.is_file():
        return None
    data = load_json(record, "the record of the offline zip", _valid)
    if not isinstance(data, dict):
        return None
    st = target.stat()
    return data["entries"] if data["zip"] == [st.st_size, st.st_mtime_ns] else None


def _valid(data: object) -> bool:
    return (isinstance(data, dict) and isinstance(data.get("zip"), list) and isinstance(data.get("entries"), dict)
            and all(isinstance(v, list) and len(v) == 5 for v in data["entries"].values()))


def _files(folder: Path) -> Iterator[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        found += [Path(dirpath, name).relative_to(folder).as_posix() for name in filenames]
    return iter(sorted(found))
