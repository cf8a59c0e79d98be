from __future__ import annotations

from kbsite.analyze import analyse
from kbsite.analyze.matcher import Matcher
from kbsite.analyze.taxonomy import load_taxonomy
from kbsite.model import Diagnostic, Document, Mention, TopicHit

TAXONOMY = load_taxonomy(
    """
- id: privacy
  labels: {en: Privacy}
  terms: {en: [privacy]}
- id: policy
  labels: {en: Policy}
  min_score: 3
""",
    """
- id: nsa
  name: NSA
- id: bes
  name: BES
""",
)
MATCHER = Matcher(TAXONOMY)


def _doc(text: str, title: str = "A title", **meta: object) -> Document:
    return Document("news/a.md", title, text, "<p>x</p>", dict(meta))


def test_metadata_is_carried_over_and_declared_language_wins():
    doc = _doc("Privacy matters, said the NSA on 30 December.", lang="en", date="2015-12-02", publisher="Pub",
               author="Ann", url="https://example.org/a", summary="Short.", tags=["x", "y"])
    article = analyse(doc, TAXONOMY, MATCHER)
    assert (article.lang, article.date, article.publisher, article.author, article.url, article.summary,
            article.tags) == ("en", "2015-12-02", "Pub", "Ann", "https://example.org/a", "Short.", ("x", "y"))
    assert (article.text, article.html, article.digest) == (doc.text, doc.html, "")
    assert [h.topic for h in article.topics] == ["privacy"]
    assert [m.entity for m in article.mentions] == ["nsa"]
    assert [e.date for e in article.events] == ["2015-12-30"]


def test_title_counts_when_the_text_does_not_repeat_it():
    article = analyse(_doc("Nothing to see in this body text at all.", title="The NSA and privacy"), TAXONOMY,
                      MATCHER)
    assert [m.entity for m in article.mentions] == ["nsa"]
    assert article.text == "Nothing to see in this body text at all."


def test_declared_topics_and_entities_are_added_and_unknown_ones_reported():
    doc = _doc("Nothing here is about anything in particular, really.", lang="en",
               topics=["policy", "ghosts"], entities=["bes", "gchq"])
    article = analyse(doc, TAXONOMY, MATCHER)
    assert article.topics == (TopicHit("policy", 3.0, (), declared=True),)
    assert article.mentions == (Mention("bes", 0, (), ""),)
    assert article.diagnostics == [
        Diagnostic("news/a.md", 'unknown topic "ghosts" in metadata; add it to topics.yml or fix the id', None,
                   "warning"),
        Diagnostic("news/a.md", 'unknown entity "gchq" in metadata; add it to entities.yml or fix the id', None,
                   "warning"),
    ]


def test_bad_metadata_date_is_reported_and_dropped():
    article = analyse(_doc("Some text that is long enough to say something.", lang="en", date="soon"), TAXONOMY,
                      MATCHER)
    assert article.date is None
    assert article.diagnostics == [Diagnostic(
        "news/a.md", 'date "soon" in metadata is not a date; write it as YYYY-MM-DD', None, "warning")]


def test_reader_diagnostics_are_kept():
    doc = _doc("Text long enough to be detected as English by the model.")
    doc.diagnostics.append(Diagnostic("news/a.md", "odd", 1, "note"))
    assert analyse(doc, TAXONOMY, MATCHER).diagnostics == doc.diagnostics


def test_a_publisher_that_is_an_entity_belongs_to_its_articles():
    taxonomy = load_taxonomy(None, "- id: cnn\n  name: CNNMoney\n  type: organisation\n  aliases: {'*': [CNN Money]}\n")
    article = analyse(_doc("Nothing about the publisher here.", publisher="cnn money"), taxonomy, Matcher(taxonomy))
    assert article.mentions == (Mention("cnn", 0, (), ""),)
    other = analyse(_doc("Nothing here.", publisher="Reuters"), taxonomy, Matcher(taxonomy))
    assert other.mentions == ()
