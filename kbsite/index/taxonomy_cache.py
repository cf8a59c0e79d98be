"""The taxonomy as the terminal search reads it: parsed once, then loaded from a cache keyed by its bytes.

Parsing entities.yml with its line numbers (pure-Python YAML) took most of a search call's CPU: 1,000
entities cost more than opening the index and answering the query. The parsed taxonomy is kept in the state
folder under the digest of the taxonomy files' bytes and of kbsite's code, so it can never be stale: any
edit to either is a new key, and the old file is removed. A state folder that cannot be written only
costs the parse again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from pathlib import Path

from kbsite.cache import code_digest
from kbsite.config import Settings
from kbsite.model import Taxonomy
from kbsite.taxonomy_source import parse_taxonomy, taxonomy_files

logger = logging.getLogger(__name__)

PREFIX = "search-taxonomy-"


def search_taxonomy(settings: Settings) -> Taxonomy:
    texts, digest, problems = taxonomy_files(settings)
    key = hashlib.sha256(f"{digest}\0{code_digest()}".encode()).hexdigest()[:24]
    path = settings.state_dir / f"{PREFIX}{key}.pickle"
    try:
        found = pickle.loads(path.read_bytes())
        if isinstance(found, Taxonomy):
            return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError):
        pass
    taxonomy, _ = parse_taxonomy(texts, digest, problems)
    _save(path, taxonomy)
    return taxonomy


def _save(path: Path, taxonomy: Taxonomy) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(pickle.dumps(taxonomy, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(path)
        for old in path.parent.glob(f"{PREFIX}*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        logger.debug("taxonomy not cached in %s: %s", path.parent, exc)
