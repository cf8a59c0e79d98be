"""The "read" stage: one file's bytes in, a Document out, whatever the format.

One reader per format, chosen by file extension (as Pelican does). Metadata comes in layers:
what a reader detects < the file's front matter < a sidecar `<file>.meta.yml` next to it.
"""

from __future__ import annotations

import posixpath

from kbsite.errors import ReadError
from kbsite.model import Diagnostic, Document
from kbsite.readers import frontmatter
from kbsite.readers.base import Reader, shorten, title_from_filename
from kbsite.readers.encoding import EMPTY, decode
from kbsite.readers.html_reader import HtmlReader
from kbsite.readers.markdown_reader import MarkdownReader
from kbsite.readers.text_reader import TextReader
from kbsite.sanitize import strip_bidi

__all__ = ["SIDECAR_SUFFIX", "SUPPORTED_EXTENSIONS", "Reader", "parse_sidecar", "read_document", "reader_for"]

READERS: tuple[Reader, ...] = (TextReader(), MarkdownReader(), HtmlReader())
_BY_EXTENSION = {ext: reader for reader in READERS for ext in reader.extensions}
SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(_BY_EXTENSION)
SIDECAR_SUFFIX = ".meta.yml"


def reader_for(filename: str) -> Reader | None:
    return _BY_EXTENSION.get(posixpath.splitext(filename)[1].lower())


def read_document(source: str, data: bytes, sidecar: dict[str, object] | None = None) -> Document:
    """The Document for one file; ReadError only when the file holds nothing that can be read.

    `sidecar` is parse_sidecar's metadata for this file; it overrides the file's own.
    """
    reader = reader_for(source)
    if reader is None:
        extension = posixpath.splitext(source)[1] or "(none)"
        supported = ", ".join(sorted(SUPPORTED_EXTENSIONS))
        raise ReadError(Diagnostic(source, f"files of type {extension} cannot be read: use one of {supported}"))
    text, diagnostics = decode(source, data, html=isinstance(reader, HtmlReader))
    document = reader.read(source, text)
    document.diagnostics[:0] = diagnostics
    if sidecar:
        layered = dict(sidecar)
        document.title = str(layered.pop("title", "") or document.title)
        document.meta = {**document.meta, **layered}
    document.title = shorten(" ".join(strip_bidi(document.title).split()))
    if not document.title:
        document.title = strip_bidi(title_from_filename(source))
        document.diagnostics.append(Diagnostic(
            source, f"no title found: the file name '{document.title}' is used; add a title to the file",
            severity="warning",
        ))
    return document


def parse_sidecar(source: str, data: bytes) -> tuple[dict[str, object], list[Diagnostic]]:
    """Metadata from a sidecar file (`kb/foo.txt.meta.yml` describes `kb/foo.txt`), normalised like front matter."""
    try:
        text, diagnostics = decode(source, data)
    except ReadError as exc:
        if exc.diagnostic.message == EMPTY:  # an empty sidecar says nothing, which is fine
            return {}, []
        return {}, [exc.diagnostic]
    meta, found = frontmatter.parse(source, text, first_line=1, label="metadata file")
    return meta, diagnostics + found
