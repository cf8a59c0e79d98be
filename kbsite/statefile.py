"""kbsite's own state files (manifest, stat table, index record, publish journal): checksummed JSON.

A state file is only ever a shortcut or a record: one that is damaged (truncated by a full disk or
a crash, edited, from another version) must never stop a build. It is written atomically and
durably, and read back only when its checksum and shape are right; otherwise it is dropped, with a
warning naming it, and the build rebuilds what it stood for.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

FORMAT = 1


def _canonical(data: object) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def save_json(path: Path, data: object) -> None:
    """Write `data` with its checksum; the old file is replaced only by a complete, synced new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = _canonical(data)
    envelope = {"format": FORMAT, "sha256": hashlib.sha256(body).hexdigest(), "data": data}
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write_durably(tmp, json.dumps(envelope, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    os.replace(tmp, path)
    sync_folder(path.parent)


def load_json(path: Path, what: str, valid: Callable[[object], bool]) -> object | None:
    """The data saved at `path`, or None when there is none or it is damaged (then with a warning)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return _dropped(path, what, exc.strerror or str(exc))
    try:
        envelope = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _dropped(path, what, "not complete JSON")
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT or "data" not in envelope:
        return _dropped(path, what, "not in the format this version writes")
    data = envelope["data"]
    if hashlib.sha256(_canonical(data)).hexdigest() != envelope.get("sha256"):
        return _dropped(path, what, "its checksum does not match")
    if not valid(data):
        return _dropped(path, what, "unexpected content")
    return data


def _dropped(path: Path, what: str, reason: str) -> None:
    log.warning("warning: %s: %s is damaged (%s); it is dropped and rebuilt", path, what, reason)
    return None


def write_durably(path: Path, data: bytes) -> None:
    with path.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def sync_folder(folder: Path) -> None:
    """A rename is durable once its folder is synced; not every file system lets a folder be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def is_str_map(data: object) -> bool:
    return isinstance(data, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in data.items())
