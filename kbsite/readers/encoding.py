"""Bytes to text for files saved by any common tool, and a clear refusal for files that are not text.

UTF-8 is tried first because a wrong guess is only possible when it fails. Western European
legacy text is read as cp1252 rather than Latin-1: Word and old CMSes wrote curly quotes
at 0x91-0x94, which Latin-1 turns into invisible control characters.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

from charset_normalizer import from_bytes

from kbsite.errors import ReadError
from kbsite.model import Diagnostic

log = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Unicode category Cc, less \t \n \v \f \r
# Above this share of control characters (and this many) a file is binary, not text with a few stray bytes.
_MAX_CONTROL_RATIO = 0.01
_MAX_STRAY_CONTROLS = 8
_MAX_NON_ASCII_LETTERS = 0.3  # cp1252 text in a Western language has far fewer accented letters than this
_SAMPLE = 100_000  # characters looked at to tell a script apart
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_LINE_BREAKS = re.compile(r"\r\n?")

EMPTY = "the file is empty: add some text or remove it"
BINARY = "the file holds binary data, not text: remove it or save it as plain text"
UNKNOWN_ENCODING = "the file's text encoding could not be recognised: save it as UTF-8"


def decode(source: str, data: bytes, *, html: bool = False) -> tuple[str, list[Diagnostic]]:
    """The file's text with \\n line endings, in NFC; raises ReadError when there is no text to read.

    `html` lets a <meta charset> declaration decide before any guessing.
    """
    if not data.strip():
        raise ReadError(Diagnostic(source, EMPTY))
    text, encoding, guessed = _decode(source, data, html)
    diagnostics: list[Diagnostic] = []
    if guessed:
        diagnostics.append(Diagnostic(
            source, f"the file is not UTF-8; it was read as {encoding}: save it as UTF-8 if the text looks wrong",
            severity="warning",
        ))
    cleaned, controls = _CONTROLS.subn("", text)
    if "\0" in text or controls > max(_MAX_STRAY_CONTROLS, len(text) * _MAX_CONTROL_RATIO):
        raise ReadError(Diagnostic(source, BINARY))
    if controls:
        text = cleaned
        diagnostics.append(Diagnostic(
            source, f"{controls} control character(s) were removed from the text: check the file for damage",
            severity="warning",
        ))
    text = unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", text))
    if not text.strip():
        raise ReadError(Diagnostic(source, EMPTY))
    return text, diagnostics


def _decode(source: str, data: bytes, html: bool) -> tuple[str, str, bool]:
    """(text, encoding name, whether the encoding was a guess)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(source, data, encoding), encoding, False
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(source, data, utf16), utf16, True
    if b"\0" in data:
        raise ReadError(Diagnostic(source, BINARY))
    declared = _declared_charset(data) if html else None
    if declared:
        try:
            return data.decode(declared), declared, False
        except UnicodeDecodeError:
            log.debug("%s: declared charset %s does not fit the bytes", source, declared)
    western = _western(data)
    if western is not None:
        return western, "cp1252", True
    best = from_bytes(data).best()
    if best is None:
        raise ReadError(Diagnostic(source, UNKNOWN_ENCODING))
    return str(best), best.encoding, True


def _strict(source: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(Diagnostic(source, UNKNOWN_ENCODING)) from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text in a Latin script has a NUL in every other byte; binary data rarely has that rhythm."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    if odd_nuls > half * 0.4 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.4 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


def _declared_charset(data: bytes) -> str | None:
    match = _HTML_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _western(data: bytes) -> str | None:
    """cp1252 text when the bytes read as a Western European language, else None (Cyrillic, Greek...)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text[:_SAMPLE] if c.isalpha()]
    if not letters:
        return text
    non_ascii = sum(1 for c in letters if not c.isascii())
    return text if non_ascii <= len(letters) * _MAX_NON_ASCII_LETTERS else None
