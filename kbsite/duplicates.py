"""Articles that carry the same text, byte for byte or nearly (another headline, spacing, a sentence changed).

An archive gathered from several feeds holds the same story more than once; shown as unrelated pages they
waste a reader's time and the related lists' slots. Each article's MinHash signature (computed once, in its
cached analysis) estimates how many word shingles two texts share; locality-sensitive hashing (datasketch)
proposes the pairs worth comparing, so no pair of articles is compared unless their signatures agree in a band.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from datasketch import MinHashLSH

from kbsite.analyze.features import PERMUTATIONS, parse_minhash
from kbsite.model import Diagnostic

# Shingles shared, estimated: a 400-word text with one sentence rewritten keeps ~0.9, two unrelated
# texts on one subject share ~0; bands of the LSH are tuned a little lower so they miss few such pairs.
SAME_TEXT = 0.75
LSH_THRESHOLD = 0.6


def duplicate_groups(signatures: Iterable[tuple[str, str]]) -> list[list[str]]:
    """(key, packed signature) -> groups of keys whose texts are (nearly) the same, each sorted, by first key.

    Pairs are joined transitively: a group is every text reachable through near-identical pairs.
    """
    parsed = {key: sig for key, packed in sorted(signatures) if (sig := parse_minhash(packed)) is not None}
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=PERMUTATIONS)
    parent = {key: key for key in parsed}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for key, sig in parsed.items():
        for other in sorted(lsh.query(sig)):
            if sig.jaccard(parsed[other]) >= SAME_TEXT:
                a, b = sorted((root(key), root(other)))
                parent[b] = a
        lsh.insert(key, sig)
    groups: dict[str, list[str]] = {}
    for key in parsed:
        groups.setdefault(root(key), []).append(key)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)


def duplicate_notes(groups: list[list[str]]) -> list[Diagnostic]:
    """One note per group, on its first file, naming the others: the user decides which to keep."""
    return [
        Diagnostic(first, "the same text (or nearly) as " + ", ".join(others) + "; shown as one story", None, "note")
        for first, *others in groups
    ]


def source_groups(duplicates: Mapping[str, list[str]], source_of: Mapping[str, str]) -> list[list[str]]:
    """A site's duplicates (slug -> the other slugs) as groups of the files under kb/, for duplicate_notes."""
    groups = {tuple(sorted(source_of[s] for s in [slug, *others])) for slug, others in duplicates.items() if others}
    return sorted(list(g) for g in groups)
