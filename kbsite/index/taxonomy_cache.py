"""The taxonomy as the terminal search reads it: parsed once, then loaded from a cache keyed by its bytes.

A search call needs the taxonomy's alias table (every name and alias of every entity and topic, reduced in
every language of the index) and, for --topic and --entity, the taxonomy itself. Parsing entities.yml with
its line numbers (pure-Python YAML) and reducing ~16,000 aliases for four languages cost a search call more
than opening the index and answering the query, every time. Both are kept in the state folder under the digest
of the taxonomy files' bytes and of kbsite's code, so they can never be stale: any edit to either is a new
key, and the old file is removed. A language the file has no table for yet (an index that gained one) is
added to it. A state folder that cannot be written only costs the work again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kbsite.cache import code_digest
from kbsite.config import Settings
from kbsite.index.analysis import AliasTarget, alias_table
from kbsite.model import Taxonomy
from kbsite.taxonomy_source import parse_taxonomy, taxonomy_files

logger = logging.getLogger(__name__)

PREFIX = "search-taxonomy-"
AliasTable = dict[str, dict[str, tuple[AliasTarget, ...]]]  # lang -> alias key -> targets


@dataclass(frozen=True)
class SearchTaxonomy:
    taxonomy: Taxonomy
    aliases: AliasTable = field(default_factory=dict)  # kbsite.index.analysis.alias_table, per language


def search_taxonomy(settings: Settings, langs: Iterable[str] = ()) -> SearchTaxonomy:
    """The taxonomy, and its alias table in each of `langs` (the index's languages)."""
    texts, digest, problems = taxonomy_files(settings)
    key = hashlib.sha256(f"{digest}\0{code_digest()}".encode()).hexdigest()[:24]
    path = settings.state_dir / f"{PREFIX}{key}.pickle"
    wanted = sorted(set(langs))
    found = _load(path)
    stale = found is None
    if found is None:
        found = SearchTaxonomy(parse_taxonomy(texts, digest, problems)[0])
    missing = [lang for lang in wanted if lang not in found.aliases]
    if missing or stale:
        found = SearchTaxonomy(found.taxonomy, {**found.aliases, **alias_table(found.taxonomy, missing)})
        _save(path, found)
    return SearchTaxonomy(found.taxonomy, {lang: found.aliases[lang] for lang in wanted})


def _load(path: Path) -> SearchTaxonomy | None:
    try:
        found = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError):
        return None
    return found if isinstance(found, SearchTaxonomy) and isinstance(found.taxonomy, Taxonomy) else None


def _save(path: Path, found: SearchTaxonomy) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(path)
        for old in path.parent.glob(f"{PREFIX}*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        logger.debug("taxonomy not cached in %s: %s", path.parent, exc)
