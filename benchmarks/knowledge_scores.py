"""Scores of a linked Site against a labelled corpus: what a reader of the article pages would find right.

Everything is read from the Site the pages are written from, as the pages show it: an article page
lists its topics in the order of `Article.topics`, its "Also published as" from `Site.story` (every other
telling, same language included) and `Site.translations`, and its "Related articles" from `Site.related`.
A `Site.duplicates` (slug -> slugs, or a list of groups of slugs) is read too, so copies shown as one
story count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping

from benchmarks.knowledge_labels import CorpusLabels
from kbsite.model import Article, Site

Ranked = Mapping[str, tuple[list[str], str | None]]  # source -> (topics as listed, highest-scoring topic)


def share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def kbsite_topics(site: Site) -> dict[str, tuple[list[str], str | None]]:
    """Per source: the topics its page lists, in their order, and the one of highest score (first listed on a tie)."""
    found: dict[str, tuple[list[str], str | None]] = {}
    for article in site.articles.values():
        hits = [hit for hit in article.topics if hit.topic in site.topics]
        best = max(hits, key=lambda h: h.score).topic if hits else None  # max keeps the first of equal scores
        found[article.source] = ([hit.topic for hit in hits], best)
    return found


def topic_scores(ranked: Ranked, labels: CorpusLabels, langs: Mapping[str, str]) -> dict[str, object]:
    """First topic right (as listed, and by score), share with a topic, topics per article; the highest-scoring
    topic also per language (`langs`: source -> language) and per subject. For articles of several subjects
    (the synthetic corpus), also the first topic among them and the share of listed topics among them."""
    labelled = {source: label for source, label in labels.articles.items() if label.subject is not None}
    total = len(labelled)
    first = best = first_among = right_listed = with_topic = count = 0
    by_lang: dict[str, Counter[str]] = defaultdict(Counter)
    by_subject: dict[str, Counter[str]] = defaultdict(Counter)
    for source, label in labelled.items():
        listed, top = ranked.get(source, ([], None))
        lang = langs.get(source, "missing")
        right = bool(listed) and listed[0] == label.subject
        first += right
        best += top == label.subject
        first_among += bool(listed) and listed[0] in label.all_subjects()
        right_listed += sum(topic in label.all_subjects() for topic in listed)
        with_topic += bool(listed)
        count += len(listed)
        by_lang[lang]["articles"] += 1
        by_lang[lang]["best"] += top == label.subject
        by_subject[label.subject]["articles"] += 1
        by_subject[label.subject]["best"] += top == label.subject
    return {
        "first_topic_right": share(first, total),
        "best_topic_right": share(best, total),
        "first_topic_among_subjects": share(first_among, total),
        "listed_topics_right": share(right_listed, count),
        "with_topic": share(with_topic, total),
        "topics_per_article": share(count, total),
        "best_topic_right_by_lang": {lang: share(c["best"], c["articles"]) for lang, c in sorted(by_lang.items())},
        "best_topic_right_by_subject": {subject: share(c["best"], c["articles"])
                                        for subject, c in sorted(by_subject.items())},
    }


def related_scores(related: Mapping[str, list[str]], site: Site, labels: CorpusLabels) -> dict[str, object]:
    """`related`: slug -> related slugs, as a page lists them."""
    source = {slug: a.source for slug, a in site.articles.items()}
    same = any_same = links = with_related = 0
    indegree: Counter[str] = Counter()
    lists: Counter[tuple[str, ...]] = Counter()
    for slug, others in related.items():
        label = labels.articles.get(source[slug])
        if label is None:
            continue
        with_related += bool(others)
        if others:
            lists[tuple(others)] += 1
        for other in others:
            indegree[other] += 1
            theirs = labels.articles.get(source[other])
            if label.subject is None or theirs is None or theirs.subject is None:
                continue  # a link between articles of no known subject is neither right nor wrong
            links += 1
            same += theirs.subject == label.subject
            any_same += bool(set(theirs.all_subjects()) & set(label.all_subjects()))
    shared = {key: n for key, n in lists.items() if n > 1}
    return {
        "same_subject": share(same, links),
        "any_subject_shared": share(any_same, links),
        "with_related": share(with_related, len(labels.articles)),
        "max_indegree": max(indegree.values(), default=0),
        "identical_lists": len(shared),
        "articles_with_a_shared_list": sum(shared.values()),
    }


def _duplicates_of(site: Site) -> dict[str, set[str]]:
    """A `Site.duplicates` of either shape, as slug -> slugs; {} when the Site has none."""
    found = getattr(site, "duplicates", None)
    links: dict[str, set[str]] = defaultdict(set)
    if isinstance(found, Mapping):
        for slug, others in found.items():
            links[slug].update(o for o in others if isinstance(o, str))
    elif isinstance(found, Iterable) and not isinstance(found, str):
        for group in found:
            members = [m for m in group if isinstance(m, str)]
            for member in members:
                links[member].update(m for m in members if m != member)
    return links


def story_links(site: Site) -> dict[str, set[str]]:
    """slug -> the articles its page shows as the same story: its story, other languages, and copies."""
    links: dict[str, set[str]] = defaultdict(set)
    for table in (site.story, site.translations):
        for slug, others in table.items():
            links[slug].update(others)
    for slug, others in _duplicates_of(site).items():
        links[slug].update(others)
    return links


def _slugs_by_source(site: Site) -> dict[str, str]:
    return {a.source: slug for slug, a in site.articles.items()}


def _connected(members: list[str], linked: Callable[[str, str], bool]) -> bool:
    seen, todo = {members[0]}, [members[0]]
    while todo:
        here = todo.pop()
        for other in members:
            if other not in seen and linked(here, other):
                seen.add(other)
                todo.append(other)
    return len(seen) == len(members)


def duplicate_scores(links: Mapping[str, set[str]], site: Site, labels: CorpusLabels) -> dict[str, object]:
    """A group of copies is shown as one story when its pages' same-story links (either way) join all of them."""
    slug_of = _slugs_by_source(site)
    groups = [[slug_of.get(s, f"missing:{s}") for s in members] for members in labels.groups("duplicate").values()]

    def linked(a: str, b: str) -> bool:
        return b in links.get(a, ()) or a in links.get(b, ())

    pairs = [(a, b) for members in groups for i, a in enumerate(members) for b in members[i + 1:]]
    return {
        "groups": len(groups),
        "groups_as_one_story": share(sum(_connected(m, linked) for m in groups), len(groups)),
        "pairs_linked": share(sum(linked(a, b) for a, b in pairs), len(pairs)),
    }


def _true_stories(labels: CorpusLabels, source: Mapping[str, str],
                  same_text: Mapping[str, set[str]]) -> dict[str, str]:
    """slug -> one name for its true story: the articles joined by story or copy labels, or by carrying the
    same text (`same_text`: slug -> slugs), transitively. Files of one text are copies whatever their labels
    say: a translated manual page installed under two names is one page in that language too."""
    slug_of = {s: slug for slug, s in source.items()}
    parent = {slug: slug for slug in source}

    def root(slug: str) -> str:
        while parent[slug] != slug:
            parent[slug] = parent[parent[slug]]
            slug = parent[slug]
        return slug

    def join(a: str, b: str) -> None:
        a, b = sorted((root(a), root(b)))
        parent[b] = a

    for key in ("story", "duplicate"):
        for members in labels.groups(key).values():
            known = [slug_of[m] for m in members if m in slug_of]
            for other in known[1:]:
                join(known[0], other)
    for slug, others in same_text.items():
        for other in others:
            join(slug, other)
    return {slug: root(slug) for slug in source}


def translation_scores(links: Mapping[str, set[str]], site: Site, labels: CorpusLabels,
                       same_text: Mapping[str, set[str]] | None = None) -> dict[str, object]:
    """A story told in several languages is complete when each of its pages lists all the others. A same-story
    link (of any page, to any page) is right when its two articles tell one story: labelled the same story or
    copies, carrying the same text, or joined through these (`foo` in English, its copy `bar`, and `bar` in
    German). Links between articles of no label are counted too: a link no label supports is wrong. Beyond
    copies: only the links between articles the Site does not show as copies (`Site.duplicates`), which
    kbsite.duplicates finds by their text alone."""
    slug_of = _slugs_by_source(site)
    groups = [[slug_of.get(s, f"missing:{s}") for s in members] for members in labels.groups("story").values()]
    directed = [(a, b) for members in groups for a in members for b in members if a != b]
    truth = _true_stories(labels, {slug: a.source for slug, a in site.articles.items()}, same_text or {})
    shown = [truth[a] == truth[b] for a, others in links.items() for b in others]
    copies = _duplicates_of(site)
    beyond = [truth[a] == truth[b] for a, others in links.items() for b in others if b not in copies.get(a, ())]
    return {
        "groups": len(groups),
        "groups_complete": share(sum(all(b in links.get(a, ()) for a in m for b in m if a != b) for m in groups),
                                 len(groups)),
        "links_found": share(sum(b in links.get(a, ()) for a, b in directed), len(directed)),
        "links_shown": len(shown),
        "links_right": share(sum(shown), len(shown)),
        "links_right_beyond_copies": share(sum(beyond), len(beyond)),
    }


def date_scores(articles: Iterable[Article], years: tuple[int, int], examples: int = 5) -> dict[str, object]:
    """Events whose year the corpus cannot mean; an event of no stated year ('--12-30') is never outside."""
    total = outside = 0
    found: list[dict[str, str]] = []
    for article in articles:
        for event in article.events:
            total += 1
            year = event.date[:4]
            if year.isdigit() and not years[0] <= int(year) <= years[1]:
                outside += 1
                if len(found) < examples:
                    found.append({"source": article.source, "date": event.date, "text": event.text[:160]})
    return {"events": total, "outside_years": outside, "share_outside": share(outside, total), "examples": found}


def exact_copies(texts: Mapping[str, str]) -> dict[str, set[str]]:
    """The baseline for copies: slug -> the slugs whose text is the same once spaces are folded."""
    by_text: dict[str, list[str]] = defaultdict(list)
    for slug, text in texts.items():
        by_text[" ".join(text.split())].append(slug)
    return {slug: set(group) - {slug} for group in by_text.values() if len(group) > 1 for slug in group}
