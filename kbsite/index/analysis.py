"""How a record's words and a query's words become index terms, for Whoosh and the browser alike.

Every word is reduced with kbsite.textproc.term in the language of the article that holds it, and
the result is indexed in a per-language field (text_<lang>, title_<lang>): "doors" in an English
article and "door" in a Dutch one never meet. A query does not know its language, so each query word
is reduced once per language of the index and looked up in that language's fields.

Entities and topics carry aliases in many languages. An alias key is the space-joined terms of an
alias in one language; a query phrase whose key equals an alias key in any language also matches the
articles tagged with that entity or topic ("Пакистана" -> "пакиста" == key of "Пакистан" in Russian).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kbsite.model import Taxonomy
from kbsite.textproc import term, tokenize

TITLE_BOOST = 2.0  # a word in the title weighs twice a word in the body
ALIAS_SCORE = 0.5  # a match through an entity/topic alias: less than most word matches
# BM25F, in both searches. B weighs how much a long field's matches are discounted: Whoosh's 0.75
# buries a short page that is exactly about the query under long pages that mention it in passing.
BM25_B, BM25_K1 = 0.75, 1.2


@lru_cache(maxsize=200_000)
def index_term(word: str, lang: str) -> str:
    """textproc.term without whitespace, so that a term is always one token of the pre-analysed field.

    Cached: snippets look up every word of every hit, most of them many times.
    """
    return "".join(term(word, lang).split())


def index_terms(text: str, lang: str) -> list[str]:
    return [index_term(t.text, lang) for t in tokenize(text)]


def field(kind: str, lang: str) -> str:
    """The Whoosh field holding one kind ("text" | "title") of words in one language."""
    return f"{kind}_{lang or 'und'}"


def lang_of(record_lang: str | None) -> str:
    return (record_lang or "und").strip().lower() or "und"


def alias_key(phrase: str, lang: str) -> str:
    return " ".join(index_terms(phrase, lang))


@dataclass(frozen=True)
class AliasTarget:
    kind: str  # "entity" | "topic"
    id: str


def alias_phrases(taxonomy: Taxonomy) -> list[tuple[str, AliasTarget]]:
    """Every phrase that names an entity or a topic: names, aliases, topic labels and match terms."""
    out: list[tuple[str, AliasTarget]] = []
    for entity in taxonomy.entities:
        target = AliasTarget("entity", entity.id)
        out.extend((alias, target) for alias in entity.all_aliases())
    for topic in taxonomy.topics:
        target = AliasTarget("topic", topic.id)
        out.extend((label, target) for _, label in sorted(topic.labels.items()))
        out.extend((t, target) for lang in sorted(topic.terms) for t in topic.terms[lang])
    return [(p, t) for p, t in out if p and p.strip()]


def alias_table(taxonomy: Taxonomy, langs: Iterable[str]) -> dict[str, dict[str, tuple[AliasTarget, ...]]]:
    """lang -> alias key -> targets, for every language of the index.

    Each alias is keyed in every index language, not only its own: names are often written the
    same across languages ("Pakistan" in English and Dutch articles) and the query's language is unknown.
    """
    table: dict[str, dict[str, set[AliasTarget]]] = {}
    phrases = alias_phrases(taxonomy)
    for lang in sorted(set(langs)):
        keys = table.setdefault(lang, {})
        for phrase, target in phrases:
            key = alias_key(phrase, lang)
            if key:
                keys.setdefault(key, set()).add(target)
    return {
        lang: {k: tuple(sorted(v, key=lambda t: (t.kind, t.id))) for k, v in sorted(keys.items())}
        for lang, keys in table.items()
    }


def alias_words(taxonomy: Taxonomy) -> set[str]:
    """The single words of all alias phrases: the browser gets their exact terms too."""
    return {t.text for phrase, _ in alias_phrases(taxonomy) for t in tokenize(phrase)}
