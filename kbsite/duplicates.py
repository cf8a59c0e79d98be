"""Articles that carry the same text, byte for byte or nearly (another headline, spacing, a sentence changed).

An archive gathered from several feeds holds the same story more than once; shown as unrelated pages they
waste a reader's time and the related lists' slots. Each article's MinHash signature (computed once, in its
cached analysis) estimates how many word shingles two texts share; locality-sensitive hashing (datasketch)
proposes the pairs worth comparing, so no pair of articles is compared unless their signatures agree in a band.

A copy differs from its original by a headline, a sentence or two: in a long text that leaves most shingles
shared (SAME_TEXT), but in a description of eighty words one sentence of its own (the `-data` package that
repeats the main package's text) takes a third of them. So two texts are also copies when the shingles only
one of them holds, estimated from the Jaccard similarity and the texts' lengths, are at most FEW_CHANGED
(a sentence or two), as long as they still share NEARLY of their shingles. Two long texts of one template
(the manual pages of `iso-8859-1` and `iso-8859-15`) differ by far more than that and stay apart.

A copy tells of the same thing; one text written over for another thing is not a copy however alike: the
description of `axiom` said again of `fricas`. What gives it away is a swap of names: each text repeats,
as often as its LEADING commonest words, a word the other never uses (what a short description names most
is what it is about). A word of its own repeated less often (the `-gtk` and `-web` flavours of one
package) or a sentence of its own added on one side only (the `-data` package) leaves a copy a copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from datasketch import MinHashLSH

from kbsite.analyze.features import MAX_TERMS, PERMUTATIONS, parse_counts, parse_minhash
from kbsite.model import Diagnostic

# Shingles shared, estimated: a 400-word text with one sentence rewritten keeps ~0.9, two unrelated
# texts on one subject share ~0; bands of the LSH are tuned a little lower so they miss few such pairs.
# Below SAME_TEXT only a sentence or two changed (FEW_CHANGED) make a copy: two 800-word manual pages of
# one template (`iso-8859-1`, `iso-8859-15`) share 0.8-0.89 of their shingles and differ by 100-200.
SAME_TEXT = 0.9
NEARLY = 0.6
FEW_CHANGED = 60  # shingles only one of two texts holds (each changed word takes up to three): some 20 words
LSH_THRESHOLD = 0.45
LEADING = 3  # a name swapped is said as often as a text's third commonest word


@dataclass(frozen=True)
class Text:
    """What duplicate detection knows of a text without reading it again."""

    signature: str  # features.minhash
    words: int  # how many words it has (for a long text, a lower bound)
    terms: str = ""  # features.term_counts, read only for a pair alike enough to be copies


def text_of(terms: str, signature: str) -> Text:
    """An article's Text from its term counts (features.term_counts) and signature."""
    return Text(signature, sum(int(item.rpartition(":")[2]) for item in terms.split()), terms)


def _repeats_what_the_other_lacks(mine: dict[str, int], theirs: dict[str, int]) -> bool:
    """A term among the commonest of one text (at least twice) that the other never uses. A term left out of
    the other's counts for being rare there (term_counts keeps the commonest MAX_TERMS) is no sign."""
    floor = min(theirs.values()) if len(theirs) >= MAX_TERMS else 0
    counts = sorted(mine.values(), reverse=True)
    least = max(2, floor + 1, counts[min(LEADING, len(counts)) - 1] if counts else 2)
    return any(n >= least and term not in theirs for term, n in mine.items())


def _renamed(a: Text, b: Text) -> bool:
    """Each text repeats a word the other never uses: one text written over for another thing."""
    mine, theirs = parse_counts(a.terms), parse_counts(b.terms)
    return _repeats_what_the_other_lacks(mine, theirs) and _repeats_what_the_other_lacks(theirs, mine)


def _copies(jaccard: float, words: tuple[int, int]) -> bool:
    if jaccard >= SAME_TEXT:
        return True
    shingles = sum(max(n - 2, 1) for n in words)
    return jaccard >= NEARLY and shingles * (1 - jaccard) / (1 + jaccard) <= FEW_CHANGED


def duplicate_groups(texts: Iterable[tuple[str, Text]]) -> list[list[str]]:
    """(key, text) -> groups of keys whose texts are (nearly) the same, each sorted, by first key.

    Pairs are joined transitively: a group is every text reachable through near-identical pairs.
    """
    texts = dict(texts)
    parsed = {key: sig for key in sorted(texts) if (sig := parse_minhash(texts[key].signature)) is not None}
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=PERMUTATIONS)
    parent = {key: key for key in parsed}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for key, sig in parsed.items():
        for other in sorted(lsh.query(sig)):
            if (_copies(sig.jaccard(parsed[other]), (texts[key].words, texts[other].words))
                    and not _renamed(texts[key], texts[other])):
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
