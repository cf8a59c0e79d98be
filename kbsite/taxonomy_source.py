"""The taxonomy files of kb/ read into a Taxonomy: the one step the build and the terminal search share.

Kept apart from the pipeline so that `build_index.py search` imports only this and the index, not the
whole build (half of a search call's start-up).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from kbsite import kbfiles
from kbsite.config import Settings
from kbsite.model import Diagnostic, Taxonomy

TAXONOMY_FILES = ("topics.yml", "entities.yml")


def read_taxonomy(settings: Settings, entities: str | None = None) -> tuple[Taxonomy, str]:
    """The taxonomy and a digest of it: any change to it invalidates every cached analysis.
    `entities`: the text of an entities.yml to use instead of the KB's (the suggested entities)."""
    return parse_taxonomy(*taxonomy_files(settings, entities))


def parse_taxonomy(texts: list[str | None], digest: str, problems: list[Diagnostic]) -> tuple[Taxonomy, str]:
    from kbsite.analyze.taxonomy import load_taxonomy  # the YAML parser: a search reads its cached result instead

    taxonomy = load_taxonomy(texts[0], texts[1])
    if problems:
        taxonomy = replace(taxonomy, diagnostics=(*problems, *taxonomy.diagnostics))
    return taxonomy, digest


def taxonomy_files(settings: Settings, entities: str | None = None) -> tuple[list[str | None], str, list[Diagnostic]]:
    """The texts of the taxonomy files (None for a missing one), their digest, and the files not read."""
    texts: list[str | None] = []
    digest = hashlib.sha256()
    problems: list[Diagnostic] = []
    for name in TAXONOMY_FILES:
        path = settings.kb_dir / name
        data: bytes | None = None
        if name == "entities.yml" and entities is not None:
            data = entities.encode("utf-8")
        elif path.is_file() or path.is_symlink():
            try:
                data = kbfiles.read_bytes(settings.kb_dir, path)
            except OSError as exc:
                problems.append(Diagnostic(name, f"not read: {exc.strerror or exc}", severity="error"))
        digest.update(len(data or b"").to_bytes(8, "big") + (data or b""))
        texts.append(data.decode("utf-8", errors="replace") if data is not None else None)
    return texts, digest.hexdigest(), problems
