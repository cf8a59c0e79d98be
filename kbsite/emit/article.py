"""One page per article: what it is, where it came from, what it is about, and its text."""

from __future__ import annotations

from urllib.parse import quote

from kbsite import citations
from kbsite.emit.body import clean, link_mentions
from kbsite.emit.cite import FORMATS, article_head, source
from kbsite.emit.context import Context, Item, Link, hrefs
from kbsite.emit.i18n import day_month, phrase, word
from kbsite.emit.languages import language_name
from kbsite.emit.markup import lang_code, safe_url
from kbsite.model import Article, Mention, TopicHit
from kbsite.textproc import sentences, terms

MIN_CUES = 2  # words that suggest a learned topic a sentence must hold to show as its evidence
MAX_CUE_SENTENCES = 2


def event_date(iso: str, lang: str | None = "en") -> str:
    """ISO dates as they are; a date of no stated year ('--12-30') in words of `lang`, saying so."""
    if not iso.startswith("--"):
        return iso
    month, _, day = iso[2:].partition("-")
    if not month.isdigit() or not 1 <= int(month) <= 12:
        return iso
    return phrase("year not stated", lang, x=day_month(int(day) if day.isdigit() else None, int(month), lang))


def story_items(ctx: Context, slug: str, here: str) -> list[Item]:
    """"Also published as": the other tellings of the story, each with its language; copies of the same text
    first and said to be so, then the same language, then the others."""
    site, lang = ctx.site, ctx.site.articles[slug].lang
    copies = set(site.duplicates.get(slug, []))
    others = [s for s in site.story.get(slug, []) if s in site.articles]
    others.sort(key=lambda s: (s not in copies, site.articles[s].lang != lang, site.articles[s].lang, s))
    notes = {s: word("same text", lang) for s in copies}
    return ctx.article_items(others[: ctx.page_size], here, notes=notes)


def url_ref(label: str, url: str | None) -> Link:
    """A link for an http(s) URL, otherwise the URL as plain text."""
    target = safe_url(url)
    return Link(label, target) if target else Link(url or label, None)


def article_page(ctx: Context, slug: str) -> str:
    site, article = ctx.site, ctx.site.articles[slug]
    here = ctx.article_path(slug)
    lang = article.lang or "und"
    code = lang_code(lang)
    hits = strongest_topics(article, ctx)
    trail = [(site.topics[hits[0].topic].label(lang), ctx.topic_path(hits[0].topic))] if hits else []
    mentioned = [m for m in article.mentions if m.entity in site.entities]
    targets = {m.entity: ctx.entity_path(m.entity) for m in mentioned if ctx.exists(ctx.entity_path(m.entity))}
    entity = ctx.entity_named(article.publisher) if article.publisher else None
    related = [s for s in site.related.get(slug, []) if s in site.articles][: ctx.page_size]
    cited = source(ctx, slug)
    data = dict(
        lang=lang,
        article=article,
        meta={**({"lang": code} if code else {}), "kbsite_head": article_head(ctx, slug)},
        crumbs=ctx.crumbs(here, trail, lang),
        publisher=(ctx.ref(article.publisher, here, ctx.entity_path(entity)) if entity
                   else Link(article.publisher, None)) if article.publisher else None,
        language=language_name(lang),
        original=url_ref(word("original", lang), article.url) if article.url else None,
        source_file=url_ref(word("source file", lang), ctx.source_url.rstrip("/") + "/" + quote(article.source))
        if ctx.source_url else None,
        topics=[ctx.ref(site.topics[h.topic].label(lang), here, ctx.topic_path(h.topic)) for h in hits],
        tags=[ctx.ref(ctx.tags[key][0], here, ctx.tag_pages[key][0]) for key in ctx.article_tags.get(slug, [])],
        entities=[{"link": ctx.ref(site.entities[m.entity].name, here, ctx.entity_path(m.entity)),
                   "count": m.count}  # 0: named in metadata only (as an entity or the publisher)
                  for m in mentioned],
        body=ctx.later(linked_body, site.body(slug).html, mentioned, targets, here),
        body_lang=code,
        evidence=_topic_evidence(ctx, article, hits, here, slug),
        events=[{"date": event_date(e.date, lang), "text": e.text} for e in article.events],
        story=story_items(ctx, slug, here),
        related=ctx.article_items(related, here),
        cite={"text": citations.text(cited), "name": slug,
              "formats": [{"label": label, "extension": extension, "filename": f"{slug}.{extension}",
                           "body": render(cited).strip("\n").replace("\n\n", "\n")}
                          for label, extension, render in FORMATS]},
    )
    return ctx.render("article", **data, backlinks=ctx.backlinks(here, shown=hrefs(data)))


def linked_body(html: str, mentioned: list[Mention], targets: dict[str, str], here: str) -> str:
    """The article's HTML, cleaned, with its first mention of each entity that has a page linked to it."""
    return link_mentions(clean(html), mentioned, targets, here).strip()


def strongest_topics(article: Article, ctx: Context) -> list[TopicHit]:
    """The article's topics of this site, strongest first (ties by id)."""
    hits = [hit for hit in article.topics if hit.topic in ctx.site.topics]
    return sorted(hits, key=lambda hit: (-hit.score, hit.topic))


def _topic_evidence(ctx: Context, article: Article, hits: list[TopicHit], here: str, slug: str) -> list[dict]:
    """Each topic with the sentences that made it: why a reader sees it here."""
    found = {hit.topic: hit.evidence or _cue_sentences(ctx, slug, article.lang, hit.cues) for hit in hits}
    return [{"topic": ctx.ref(ctx.site.topics[hit.topic].label(article.lang or "en"), here, ctx.topic_path(hit.topic)),
             "text": " … ".join(found[hit.topic])}
            for hit in hits if found[hit.topic]]


def _cue_sentences(ctx: Context, slug: str, lang: str, cues: tuple[str, ...]) -> tuple[str, ...]:
    """For a topic learned from the article's words rather than found by a keyword: the sentences that hold
    most of the words that suggest it (at least two of them), in text order."""
    if not cues:
        return ()
    wanted = set(cues)
    scored = [(len(wanted & set(terms(sentence, lang))), i, sentence)
              for i, (_, sentence) in enumerate(sentences(ctx.site.body(slug).text))]
    best = sorted((s for s in scored if s[0] >= MIN_CUES), key=lambda s: (-s[0], s[1]))[:MAX_CUE_SENTENCES]
    return tuple(sentence for _, _, sentence in sorted(best, key=lambda s: s[1]))
