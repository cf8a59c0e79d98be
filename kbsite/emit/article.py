"""One page per article: what it is, where it came from, what it is about, and its text."""

from __future__ import annotations

from kbsite.emit.body import body_block, clean, link_mentions
from kbsite.emit.cite import article_head, cite_box
from kbsite.emit.context import Context
from kbsite.emit.languages import language_name
from kbsite.emit.markup import front_matter, lang_code, text, url_link
from kbsite.model import Article, TopicHit
from kbsite.textproc import sentences, terms

MIN_CUES = 2  # words that suggest a learned topic a sentence must hold to show as its evidence
MAX_CUE_SENTENCES = 2
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def event_date(iso: str) -> str:
    """ISO dates as they are; a date of no stated year ('--12-30') in words, saying so."""
    if not iso.startswith("--"):
        return iso
    month, _, day = iso[2:].partition("-")
    if not month.isdigit() or not 1 <= int(month) <= 12:
        return iso
    named = f"{int(day)} {_MONTHS[int(month) - 1]}" if day.isdigit() else _MONTHS[int(month) - 1]
    return f"{named} (year not stated)"


def story_section(ctx: Context, slug: str, here: str) -> list[str]:
    """"Also published as": the other tellings of the story, each with its language; copies of the same text
    first and said to be so, then the same language, then the others."""
    site, lang = ctx.site, ctx.site.articles[slug].lang
    copies = set(site.duplicates.get(slug, []))
    others = [s for s in site.story.get(slug, []) if s in site.articles]
    others.sort(key=lambda s: (s not in copies, site.articles[s].lang != lang, site.articles[s].lang, s))
    if not others:
        return []
    notes = {s: "same text" for s in copies}
    return ["## Also published as", "", *ctx.article_items(others[: ctx.page_size], here, notes=notes)]


def article_page(ctx: Context, slug: str) -> str:
    site, article = ctx.site, ctx.site.articles[slug]
    here = ctx.article_path(slug)
    lang = article.lang or "und"
    extra = {"lang": code} if (code := lang_code(lang)) else {}
    lines = [front_matter(article.title, **extra, kbsite_head=article_head(ctx, slug)), f"# {text(article.title)}", ""]

    facts = []
    if article.publisher:
        facts.append(f"**Source:** {text(article.publisher)}")
    if article.author:
        facts.append(f"**Author:** {text(article.author)}")
    if article.date:
        facts.append(f"**Date:** {text(article.date)}")
    facts.append(f"**Language:** {text(language_name(lang))}")
    if article.url:
        facts.append(f"**Original:** {url_link(article.url, article.url)}")
    facts.append(f"**File:** {text(article.source)}")
    lines += [f"- {fact}" for fact in facts] + [""]

    hits = strongest_topics(article, ctx)
    if hits:
        links = [ctx.link(site.topics[h.topic].label(lang), here, ctx.topic_path(h.topic)) for h in hits]
        lines += ["**Topics:** " + " · ".join(links), ""]
    tags = [(ctx.tags[key][0], ctx.tag_pages[key][0]) for key in ctx.article_tags.get(slug, [])]
    if tags:
        lines += ["**Tags:** " + " · ".join(ctx.link(label, here, path) for label, path in tags), ""]
    mentioned = [m for m in article.mentions if m.entity in site.entities]
    if mentioned:
        links = [
            f"{ctx.link(site.entities[m.entity].name, here, ctx.entity_path(m.entity))} ({m.count})" for m in mentioned
        ]
        lines += ["**Entities:** " + " · ".join(links), ""]

    targets = {m.entity: ctx.entity_path(m.entity) for m in mentioned if ctx.exists(ctx.entity_path(m.entity))}
    lines += [body_block(link_mentions(clean(site.body(slug).html), mentioned, targets, here), lang), ""]

    lines += _topic_evidence(ctx, article, hits, here, slug)
    if article.events:
        lines += ["## Dates", ""]
        lines += [f"- **{text(event_date(event.date))}**: {text(event.text)}" for event in article.events]
        lines.append("")
    lines += story_section(ctx, slug, here)
    related = [s for s in site.related.get(slug, []) if s in site.articles][: ctx.page_size]
    if related:
        lines += ["## Related articles", ""] + [f"- {ctx.article_link(s, here)}" for s in related] + [""]
    lines += cite_box(ctx, slug)
    lines += ctx.backlinks(here)
    return "\n".join(lines)


def strongest_topics(article: Article, ctx: Context) -> list[TopicHit]:
    """The article's topics of this site, strongest first (ties by id)."""
    hits = [hit for hit in article.topics if hit.topic in ctx.site.topics]
    return sorted(hits, key=lambda hit: (-hit.score, hit.topic))


def _topic_evidence(ctx: Context, article: Article, hits: list[TopicHit], here: str, slug: str) -> list[str]:
    """Each topic with the sentences that made it: why a reader sees it here."""
    found = {hit.topic: hit.evidence or _cue_sentences(ctx, slug, article.lang, hit.cues) for hit in hits}
    shown = [hit for hit in hits if found[hit.topic]]
    if not shown:
        return []
    lines = ["## Why these topics", ""]
    for hit in shown:
        label = ctx.site.topics[hit.topic].label(article.lang or "en")
        lines += [f"- {ctx.link(label, here, ctx.topic_path(hit.topic))}", ""]
        lines += [f"    {text(' … '.join(found[hit.topic]))}", ""]
    return lines


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
