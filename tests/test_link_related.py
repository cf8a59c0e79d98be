"""Related articles from content: what an article is about decides its neighbours, and no article is a hub."""

from __future__ import annotations

from collections import Counter
from random import Random

import numpy as np

from kbsite.analyze.features import minhash, term_counts
from kbsite.link import link
from kbsite.model import Article, Entity, Mention, Taxonomy, Topic, TopicHit
from kbsite.related import MAX_INDEGREE, RELATED, related_lists

SUBJECTS = {
    "business": "market shares profit economy firm bank sales company investors quarter dividend merger",
    "politics": "minister election vote party campaign parliament policy coalition senator ballot reform",
    "sport": "match goal team season coach league players stadium championship striker injury transfer",
    "science": "researchers study cells experiment telescope climate species genome physics laboratory",
}
COMMON = [
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "was", "on", "with", "as", "said", "by", "at",
    "from", "his", "her", "they", "have", "this"
]


def _text(subject: str, seed: int) -> str:
    rng = Random(f"{subject}:{seed}")
    vocabulary = SUBJECTS[subject].split()
    sentences = []
    for _ in range(25):
        words = [rng.choice(vocabulary) if rng.random() < 0.3 else rng.choice(COMMON) for _ in range(12)]
        words += [f"{subject[:3]}{rng.randrange(400)}x"]  # the long tail: rare words of the subject
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def _kb() -> list[Article]:
    return [Article(source=f"{subject}-{i:02d}.txt", title=f"{subject} {i}", lang="en",
                    text=(text := _text(subject, i)), html="", terms=term_counts(text, "en"), minhash=minhash(text))
            for subject in SUBJECTS for i in range(12)]


def test_without_a_taxonomy_related_articles_come_from_content_and_differ():
    site = link(_kb(), Taxonomy(), "KB")
    links = [(slug, other) for slug, others in site.related.items() for other in others]
    assert all(site.related[slug] for slug in site.articles)
    same = sum(slug.split("-")[0] == other.split("-")[0] for slug, other in links)
    assert same / len(links) >= 0.9
    assert len({tuple(others) for others in site.related.values()}) == len(site.articles)
    assert max(Counter(other for _, other in links).values()) <= MAX_INDEGREE
    assert all(len(others) <= RELATED for others in site.related.values())


def test_no_article_is_related_to_more_than_max_indegree_others():
    """Everyone's best match is article 0: it is listed as often as allowed, and the rest go down their lists."""
    n = 3 * MAX_INDEGREE
    rows, cols, cosine = [], [], []
    for i in range(1, n):
        for rank, j in enumerate([0, *((i + k) % n or 1 for k in range(1, RELATED + 2))]):
            rows.append(i)
            cols.append(j)
            cosine.append(0.9 - rank / 100)
    lists = related_lists(n, (np.array(rows), np.array(cols), np.array(cosine)), {})
    indegree = Counter(j for others in lists for j in others)
    assert indegree[0] == MAX_INDEGREE
    assert all(len(lists[i]) == RELATED for i in range(1, n))


def test_an_article_whose_candidates_are_all_full_still_gets_its_best_one():
    n = MAX_INDEGREE + 5
    rows = np.arange(1, n)
    lists = related_lists(n, (rows, np.zeros(n - 1, dtype=int), np.full(n - 1, 0.5)), {})
    assert all(lists[i] == [0] for i in range(1, n))


def test_excluded_articles_take_no_slot():
    rows, cols, cosine = np.array([0, 0, 0]), np.array([1, 2, 3]), np.array([0.9, 0.8, 0.7])
    assert related_lists(4, (rows, cols, cosine), {0: {1}})[0] == [2, 3]


def test_a_name_quoted_in_articles_of_every_subject_does_not_pull_them_together():
    """Each place is named in one article of each subject (as a city turns up in business, politics and sport):
    within a language, sharing it breaks ties between texts alike and does not outweigh their words."""
    places = [f"Place{i}" for i in range(12)]
    articles = []
    for subject in SUBJECTS:
        for i in range(12):
            text = _text(subject, i) + f" In {places[i]}, they said." * 6
            articles.append(Article(source=f"{subject}-{i:02d}.txt", title=f"{subject} {i}", lang="en", text=text,
                                    html="", terms=term_counts(text, "en"), minhash=minhash(text),
                                    mentions=(Mention(places[i].lower(), 6, (places[i],), ""),)))
    taxonomy = Taxonomy(entities=tuple(Entity(p.lower(), p, "place") for p in places))
    site = link(articles, taxonomy, "KB")
    links = [(slug, other) for slug, others in site.related.items() for other in others]
    assert sum(slug.split("-")[0] == other.split("-")[0] for slug, other in links) / len(links) >= 0.9


def test_words_alike_on_another_subject_rank_below_the_article_s_own_subject():
    """Sibling descriptions share their boilerplate whatever their subject ("a plugin for X"): where the KB's
    topics tell the subjects apart, a neighbour on the article's own subject goes first."""
    def article(subject: str, i: int, topics: tuple[TopicHit, ...]) -> Article:
        family = " ".join(f"family{i}word{k}" for k in range(5))
        text = f"{_text(subject, i)} {family}. {family}. {family}."
        return Article(source=f"{subject}-{i:02d}.txt", title=f"{subject} {i}", lang="en", text=text, html="",
                       terms=term_counts(text, "en"), minhash=minhash(text), topics=topics)

    def kb(with_topics: bool) -> list[Article]:
        return [article(s, i, (TopicHit(s, 0.9, ()),) if with_topics else ()) for s in ("business", "sport")
                for i in range(10)]

    taxonomy = Taxonomy(topics=(Topic("business", {"en": "Business"}), Topic("sport", {"en": "Sport"})))
    first = {slug: others[0] for slug, others in link(kb(False), taxonomy, "KB").related.items()}
    assert all(slug.split("-")[1] == other.split("-")[1] for slug, other in first.items())  # words alone: siblings
    first = {slug: others[0] for slug, others in link(kb(True), taxonomy, "KB").related.items()}
    assert all(slug.split("-")[0] == other.split("-")[0] for slug, other in first.items())


SPANISH_COMMON = ["el", "la", "de", "que", "los", "en", "y", "a", "las", "del", "se", "por", "un", "para", "con", "una",
                  "su", "al", "lo", "como"]


def _spanish(seed: int, repeats: int, subject_words: str) -> str:
    rng = Random(seed)
    words = [w for _ in range(repeats) for w in SPANISH_COMMON]
    rng.shuffle(words)
    return " ".join(words) + f". {subject_words}."


def test_a_small_language_s_common_words_do_not_make_its_articles_related():
    """In a KB mostly in English, "el", "la", "de" are in few articles but in every Spanish one: counted among
    the Spanish articles they say nothing, and two Spanish articles are related by what they are about."""
    spanish = {"volcan-a": _spanish(1, 6, "volcán erupción lava"), "volcan-b": _spanish(2, 1, "volcán erupción lava"),
               "huelga-a": _spanish(3, 6, "huelga sindicato salarios"),
               "huelga-b": _spanish(4, 1, "huelga sindicato salarios")}
    articles = _kb() + [Article(source=f"{name}.txt", title=name, lang="es", text=text, html="",
                                terms=term_counts(text, "es"), minhash=minhash(text))
                        for name, text in spanish.items()]
    site = link(articles, Taxonomy(), "KB")
    for slug in ("volcan-a", "volcan-b", "huelga-a", "huelga-b"):
        assert site.related[slug][0].split("-")[0] == slug.split("-")[0], site.related[slug]


def test_an_article_s_subject_is_its_story_s_in_every_language():
    """A telling whose own topics miss its subject (here a short German one, scored business) is related by
    the subject of its story: its English original is clearly about sport."""
    def article(source: str, lang: str, text: str, topics: tuple[TopicHit, ...], mentions: tuple = ()) -> Article:
        return Article(source=source, title=source, lang=lang, text=text, html="", terms=term_counts(text, lang),
                       minhash=minhash(text), topics=topics, mentions=mentions, date="2020-05-01")

    mixed = " ".join(f"{a} {b}" for a, b in zip(_text("business", 99).split(), _text("sport", 99).split(),
                                                 strict=False))
    club = (Mention("fc-nord", 3, ("FC Nord",), ""),)
    articles = [article(f"{s}-{i:02d}.txt", "de", _text(s, i), (TopicHit(s, 0.9, ()),))
                for s in ("business", "sport") for i in range(10)]
    articles += [article("story-de.txt", "de", f"FC Nord 2020 1:3. {mixed}", (TopicHit("business", 0.4, ()),), club),
                 article("story-en.txt", "en", f"FC Nord 2020 1:3. {mixed} {_text('sport', 98)}",
                         (TopicHit("sport", 0.9, ()),), club)]
    taxonomy = Taxonomy(topics=(Topic("business", {"en": "Business"}), Topic("sport", {"en": "Sport"})),
                        entities=(Entity("fc-nord", "FC Nord", "organisation"),))
    site = link(articles, taxonomy, "KB")
    assert site.story["story-de"] == ["story-en"]
    assert [s.split("-")[0] for s in site.related["story-de"]] == ["sport"] * RELATED
