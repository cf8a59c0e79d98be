from kbsite.link import link
from kbsite.model import Article, Entity, Event, Mention, Taxonomy, Topic, TopicHit


def _article(source, lang, entities, topics=(), date=None, events=()):
    return Article(
        source=source, title=source, lang=lang, text="", html="", date=date,
        topics=tuple(TopicHit(t, 2.0, ()) for t in topics),
        mentions=tuple(Mention(e, 1, (e,), "") for e in entities),
        events=tuple(Event(d, "") for d in events),
    )


TAXONOMY = Taxonomy(
    topics=(Topic("policy", {"en": "Policy"}), Topic("bes", {"en": "BES"}, parent="policy")),
    entities=tuple(Entity(e, e.title(), "organisation") for e in ["bb", "pk", "in", "nsa", "zz"]),
)


def _site():
    articles = [
        _article("es.txt", "es", ["bb", "pk", "nsa"], ["bes"], events=["--12-30"]),
        _article("nl.txt", "nl", ["bb", "pk", "nsa"], ["bes", "policy"], events=["2015-12-30"]),
        _article("en.txt", "en", ["bb", "pk", "nsa", "zz"], ["policy"], date="2015-12-02", events=["2015-12-30"]),
        _article("other.txt", "en", ["in"], [], date="2020-01-01"),
        _article("ru.txt", "ru", ["bb", "pk", "zz"], [], date="2021-01-01"),
    ]
    return link(articles, TAXONOMY, "KB")


def test_topic_and_entity_pages_list_exactly_their_articles():
    site = _site()
    assert set(site.topic_articles["bes"]) == {"es", "nl"}
    assert set(site.entity_articles["pk"]) == {"es", "nl", "en", "ru"}
    assert site.entity_articles["in"] == ["other"]


def test_same_story_in_other_languages_only():
    site = _site()
    assert set(site.translations["es"]) == {"nl", "en"}  # the same day, with or without its year
    assert set(site.translations["en"]) == {"es", "nl"}
    assert site.translations["ru"] == []  # shares entities with en, but was published years later


def test_related_articles_share_something():
    site = _site()
    assert "other" not in site.related["es"]
    assert site.related["other"] == []


def test_cooccurrence_and_backlinks():
    site = _site()
    assert dict(site.cooccurring["bb"])["pk"] == 4
    assert dict(site.related_topics["bes"])["policy"] == 1
    assert "articles/es.md" in site.backlinks["topics/bes.md"]
    assert "topics/bes.md" in site.backlinks["topics/policy.md"]  # child links to parent
    assert "entities/pk.md" in site.backlinks["articles/en.md"]


def test_link_is_deterministic_whatever_the_input_order():
    site = _site()
    again = link(list(reversed(list(site.articles.values()))), TAXONOMY, "KB")
    assert again == site
