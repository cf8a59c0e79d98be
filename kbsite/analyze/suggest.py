"""Names that recur across articles but are not in entities.yml yet: what `check` proposes to add.

A name is a run of capitalised words ("Marty Beard", "Bank of America"): several words
anywhere, or one word. A sentence capitalises its first word, so that word counts only if it
is capitalised in mid-sentence somewhere too: "Yesterday John Chen" suggests "John Chen", and
"Reuters reported" counts for Reuters once some text says "according to Reuters".
A single word also written in lower case somewhere ("News", "The") is an ordinary word, and
month and weekday names are not names.
Words already matched by an entity are not suggested and split runs, so "BlackBerry CEO
John Chen" suggests "CEO John Chen" when BlackBerry is known.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from kbsite.analyze.dates import CALENDAR_WORDS
from kbsite.analyze.matcher import Matcher
from kbsite.model import Taxonomy
from kbsite.textproc import Token, fold, sentences, tokenize

# Lower-case words that may sit inside a name: "Bank of America", "Casa de Moneda", "Jan van Eyck".
CONNECTORS = frozenset({"of", "de", "del", "la", "van", "der", "den", "von", "da", "di", "du"})
_JOINERS = frozenset(" \t-‐‑")


def _capitalised(token: Token) -> bool:
    return len(token.text) > 1 and token.text[0].isupper()


def _runs(sentence: str, covered: list[bool]) -> list[tuple[list[Token], bool]]:
    """Runs of capitalised words, each with whether it starts the sentence."""
    runs: list[tuple[list[Token], bool]] = []
    run: list[Token] = []
    for i, token in enumerate(tokenize(sentence)):
        joined = bool(run) and set(sentence[run[-1].end:token.start]) <= _JOINERS
        if not covered[i] and (_capitalised(token) or (joined and token.text in CONNECTORS)):
            if run and not joined:
                run = []
            if not run:
                runs.append((run, i == 0))
            run.append(token)
        else:
            run = []
    return runs


def _names(text: str, lang: str, matcher: Matcher) -> Iterable[tuple[list[Token], str, bool]]:
    """Candidate names of one text: their words, the name as written, and whether it starts its sentence."""
    spans = matcher.spans(text, lang)
    for offset, sentence in sentences(text):
        covered = [
            any(s < offset + t.end and offset + t.start < e for s, e, _ in spans) for t in tokenize(sentence)
        ]
        for run, at_start in _runs(sentence, covered):
            while run and run[-1].text in CONNECTORS:
                run.pop()
            if run:
                yield run, sentence, at_start


def suggest_entities(
    texts: Iterable[tuple[str, str, str]], taxonomy: Taxonomy, min_articles: int = 2
) -> list[tuple[str, int]]:
    matcher = Matcher(taxonomy)
    candidates: list[tuple[str, list[Token], str, bool]] = []
    lower_words: set[str] = set()
    mid_sentence: set[str] = set()  # capitalised words seen where capitals mean a name
    for source, text, lang in texts:
        lower_words.update(fold(t.text) for t in tokenize(text) if t.text.islower())
        for run, sentence, at_start in _names(text, lang, matcher):
            mid_sentence.update(fold(t.text) for t in run[1 if at_start else 0:])
            candidates.append((source, run, sentence, at_start))
    ordinary = lower_words | CALENDAR_WORDS
    sources: dict[tuple[str, ...], set[str]] = defaultdict(set)
    forms: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for source, run, sentence, at_start in candidates:
        if at_start and fold(run[0].text) not in mid_sentence:
            run = run[1:]  # "Yesterday John Chen": the first word is capitalised only by its place
        if not run or (len(run) == 1 and fold(run[0].text) in ordinary):
            continue
        key = tuple(fold(t.text) for t in run)
        sources[key].add(source)
        forms[key][sentence[run[0].start:run[-1].end]] += 1
    found = [
        (min(forms[key].items(), key=lambda item: (-item[1], item[0]))[0], len(where))
        for key, where in sources.items()
        if len(where) >= min_articles
    ]
    return sorted(found, key=lambda item: (-item[1], item[0]))
