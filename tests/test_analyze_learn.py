from __future__ import annotations

from pathlib import Path
from random import Random

import pytest
import yaml

from kbsite.analyze import analyse
from kbsite.analyze.learn import KEYWORDS, learn_topics
from kbsite.analyze.matcher import Matcher
from kbsite.analyze.taxonomy import load_taxonomy
from kbsite.model import Article, Document
from kbsite.textproc import term

# Three subjects with words of their own; each topic's keywords are a few of them, as a user would list them.
SUBJECTS = {
    "sport": "match goal coach league striker season champion injury stadium referee team cup tournament "
             "defender keeper penalty victory athlete medal race",
    "business": "market profit bank investor economy shares firm sales revenue growth quarter earnings "
                "inflation merger retail exports dividend analysts stock chief",
    "tech": "software computer internet device users mobile chip network online digital phone broadband "
            "program website gadget laptop screen hackers virus data",
}
KEYWORDS_OF = {"sport": ["match", "goal", "coach"], "business": ["market", "profit", "bank"],
               "tech": ["software", "computer", "internet"]}
COMMON = ("the a of to and in said on for it was with he as at by that from his is has have will but be "
          "year new also people after more last first two time would about this over they which been were "
          "could other its who when only than some made there week just told because while")


def _topics_yml(extra: str = "") -> str:
    return "".join(
        f"- id: {t}\n  labels: {{en: {t.title()}}}\n  terms: {{en: [{', '.join(words)}]}}\n"
        for t, words in KEYWORDS_OF.items()
    ) + extra


TAXONOMY = load_taxonomy(_topics_yml(), "")
MATCHER = Matcher(TAXONOMY)


def _text(rng: Random, subject: str, words: int, keywords: bool) -> str:
    banned = set() if keywords else {w for ws in KEYWORDS_OF.values() for w in ws}
    own = [w for w in SUBJECTS[subject].split() if w not in banned]
    others = [w for s, ws in SUBJECTS.items() if s != subject for w in ws.split() if w not in banned]
    common = COMMON.split()
    sentences = []
    while words > 0:
        n = rng.randint(8, 16)
        picked = [rng.choice(own) if (r := rng.random()) < 0.3 else rng.choice(others) if r < 0.36
                  else rng.choice(common) for _ in range(n)]
        sentences.append(" ".join(picked).capitalize() + ".")
        words -= n
    return " ".join(sentences)


def _article(name: str, text: str, meta: dict[str, object] | None = None, taxonomy=TAXONOMY,
             matcher=MATCHER) -> Article:
    return analyse(Document(name, text.split(".")[0], text, "", {"lang": "en", **(meta or {})}), taxonomy,
                   matcher)


def _corpus(size: int = 90, seed: int = 1) -> tuple[list[Article], dict[str, str]]:
    """Single-subject articles of 60 to 600 words, a few of them without any keyword."""
    rng = Random(seed)
    articles, truth = [], {}
    for i in range(size):
        subject = sorted(SUBJECTS)[i % 3]
        name = f"{i:03d}.txt"
        articles.append(_article(name, _text(rng, subject, rng.randint(60, 600), keywords=i % 10 != 0)))
        truth[name] = subject
    return articles, truth


@pytest.fixture(scope="module")
def learned():
    articles, truth = _corpus()
    return learn_topics(articles, TAXONOMY), articles, truth


def test_an_article_without_any_keyword_gets_its_topic(learned):
    after, before, truth = learned
    silent = [(b, a) for b, a in zip(before, after, strict=True) if b.source.endswith("0.txt")]
    assert silent and all(not b.topics for b, _ in silent)
    assert all(a.topics and a.topics[0].topic == truth[a.source] for _, a in silent)
    for _, article in silent:  # what its page looks for in its sentences: words of its subject
        own = {term(w, "en") for w in SUBJECTS[truth[article.source]].split()}
        cues = article.topics[0].cues
        assert len(cues) >= 3 and sum(c in own for c in cues) >= 0.8 * len(cues)


def test_single_subject_articles_keep_one_or_two_topics_and_the_first_is_right(learned):
    after, before, truth = learned
    assert sum(len(a.topics) for a in before) / len(before) > 1.5  # counting collects the others' words
    assert all(1 <= len(a.topics) <= 2 for a in after)
    assert sum(a.topics[0].topic == truth[a.source] for a in after) >= 0.97 * len(after)


def test_topics_are_ranked_by_score(learned):
    after, _, _ = learned
    for article in after:
        scores = [h.score for h in article.topics]
        assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)


def test_keyword_evidence_is_kept_with_the_learned_topic(learned):
    after, before, _ = learned
    for b, a in zip(before, after, strict=True):
        found = {h.topic: h.evidence for h in b.topics}
        assert all(h.evidence == found.get(h.topic, ()) for h in a.topics)


def test_the_same_articles_give_the_same_topics_in_any_order(learned):
    after, before, _ = learned
    again = learn_topics(list(reversed(before)), TAXONOMY)
    assert {a.source: a.topics for a in again} == {a.source: a.topics for a in after}
    assert learn_topics(before, TAXONOMY) == after


def test_keywords_mode_keeps_the_counted_topics(learned):
    _, before, _ = learned
    assert learn_topics(before, TAXONOMY, KEYWORDS) == before


def test_a_small_kb_keeps_every_keyword_match():
    articles, _ = _corpus(size=12)
    assert learn_topics(articles, TAXONOMY) != articles
    for b, a in zip(articles, learn_topics(articles, TAXONOMY), strict=True):
        assert {h.topic for h in a.topics} == {h.topic for h in b.topics}


def test_a_declared_topic_is_kept_whatever_the_model_says():
    articles, _ = _corpus()
    rng = Random(7)
    declared = _article("zz.txt", _text(rng, "sport", 300, keywords=True), {"topics": ["business"]})
    out = learn_topics([*articles, declared], TAXONOMY)[-1]
    assert out.topics[0].topic in ("sport", "business") and {"sport", "business"} <= {h.topic for h in out.topics}
    assert next(h for h in out.topics if h.topic == "business").declared


def test_a_topic_too_rare_to_learn_keeps_its_keyword_matches():
    taxonomy = load_taxonomy(_topics_yml("- id: chess\n  labels: {en: Chess}\n  terms: {en: [checkmate]}\n"), "")
    matcher = Matcher(taxonomy)
    rng = Random(3)
    articles = [_article(f"{i:03d}.txt", _text(rng, sorted(SUBJECTS)[i % 3], 200, keywords=True), taxonomy=taxonomy,
                         matcher=matcher) for i in range(60)]
    articles.append(_article("chess.txt", "Checkmate in two. " + _text(rng, "sport", 200, keywords=True),
                             taxonomy=taxonomy, matcher=matcher))
    out = learn_topics(articles, taxonomy)[-1]
    assert "chess" in {h.topic for h in out.topics}


def test_languages_are_learned_apart_and_a_rare_one_keeps_its_matches():
    articles, _ = _corpus()
    taxonomy = load_taxonomy(_topics_yml().replace("{en: [match", "{nl: [wedstrijd], en: [match"), "")
    matcher = Matcher(taxonomy)
    dutch = _article("nl.txt", "De wedstrijd was spannend en de wedstrijd eindigde laat.", {"lang": "nl"},
                     taxonomy=taxonomy, matcher=matcher)
    out = learn_topics([*articles, dutch], taxonomy)[-1]
    assert [(h.topic, h.score) for h in out.topics] == [("sport", 1.0)]


def test_the_seed_kb_keeps_its_three_required_topics_on_all_five_articles():
    kb = Path(__file__).parent.parent / "kb"
    taxonomy = load_taxonomy((kb / "topics.yml").read_text(encoding="utf-8"),
                             (kb / "entities.yml").read_text(encoding="utf-8"))
    matcher = Matcher(taxonomy)
    articles = []
    for path in sorted(kb.glob("*.txt")):
        meta = yaml.safe_load(path.with_name(path.name + ".meta.yml").read_text(encoding="utf-8"))
        meta["date"] = str(meta["date"]) if "date" in meta else None
        articles.append(analyse(Document(path.name, meta.pop("title"), path.read_text(encoding="utf-8"), "", meta),
                                taxonomy, matcher))
    learned = learn_topics(articles, taxonomy)
    assert len(learned) == 5
    for before, after in zip(articles, learned, strict=True):
        assert {"encryption-policy", "bes", "government-demands"} <= {h.topic for h in after.topics}
        assert {h.topic for h in after.topics} == {h.topic for h in before.topics}


def test_where_the_other_words_say_nothing_of_the_topics_the_keyword_matches_stand():
    """Articles of random words with a few keywords (the benchmark's synthetic KBs): a model of their words
    would be noise, so learning steps aside and counting decides."""
    rng = Random(5)
    pool = [f"{a}{b}{c}{d}" for a in "bcdfgklmnprst" for b in "aeiou" for c in "bdgklmnprstvz" for d in "aeo"]
    articles, truth = [], {}
    for i in range(120):
        subject = sorted(SUBJECTS)[i % 3]
        other = sorted(SUBJECTS)[(i + 1 + i // 3 % 2) % 3]
        words = rng.choices(pool, k=400) + [rng.choice(KEYWORDS_OF[subject]) for _ in range(3)]
        words.append(rng.choice(KEYWORDS_OF[other]))
        rng.shuffle(words)
        articles.append(_article(f"{i:03d}.txt", " ".join(words) + "."))
        truth[articles[-1].source] = subject
    after = learn_topics(articles, TAXONOMY)
    assert all(a.topics[0].topic == truth[a.source] for a in after)
    assert all({h.topic for h in a.topics} == {h.topic for h in b.topics} for a, b in zip(after, articles, strict=True))


def test_an_entity_named_again_and_again_is_one_match_not_the_article_s_subject():
    """A topic's entity counts once per article however often it is named: an organisation quoted in articles
    of every subject must not outweigh the terms that tell them apart (keywords mode keeps every mention)."""
    taxonomy = load_taxonomy(_topics_yml().replace("terms: {en: [market", "entities: [acme]\n  terms: {en: [market"),
                             "- id: acme\n  name: Acme Holdings\n")
    matcher = Matcher(taxonomy)
    rng = Random(9)
    pool = [f"{a}{b}{c}{d}" for a in "bcdfgklmnprst" for b in "aeiou" for c in "bdgklmnprstvz" for d in "aeo"]
    articles, truth = [], {}
    for i in range(90):
        subject = sorted(SUBJECTS)[i % 3]
        words = rng.choices(pool, k=300) + [rng.choice(KEYWORDS_OF[subject]) for _ in range(3)]
        words += ["Acme Holdings"] * (4 if i % 2 else 0)
        rng.shuffle(words)
        articles.append(_article(f"{i:03d}.txt", " ".join(words) + ".", taxonomy=taxonomy, matcher=matcher))
        truth[articles[-1].source] = subject
    assert any(a.topics and max(a.topics, key=lambda h: h.score).topic != truth[a.source] for a in articles)
    after = learn_topics(articles, taxonomy)
    assert all(a.topics[0].topic == truth[a.source] for a in after)
    assert learn_topics(articles, taxonomy, KEYWORDS) == articles


def test_the_headline_s_keywords_outweigh_passing_mentions_in_the_text():
    """A headline names what an article is mainly about; a text also mentions what it is not about."""
    articles, _ = _corpus(size=12)
    text = ("Profit at the bank rose again. The club's coach watched the match and a late goal, then spoke to "
            "analysts about the quarter. The coach left after the match.")
    story = analyse(Document("zz.txt", "Profit at the bank rose again", text, "", {"lang": "en"}), TAXONOMY, MATCHER)
    assert max(story.topics, key=lambda h: h.score).topic == "sport"  # counted, the text's mentions win
    out = learn_topics([*articles, story], TAXONOMY)[-1]
    assert [h.topic for h in out.topics][:2] == ["business", "sport"]
