"""One page per article: what it is, where it came from, what it is about, and its text."""

from __future__ import annotations

from urllib.parse import quote

from kbsite.emit.body import body_block, clean, link_mentions
from kbsite.emit.cite import article_head, cite_box
from kbsite.emit.context import Context
from kbsite.emit.i18n import month as month_name
from kbsite.emit.i18n import word
from kbsite.emit.languages import language_name
from kbsite.emit.markup import front_matter, lang_code, text, url_link
from kbsite.model import Article, TopicHit
from kbsite.textproc import sentences, terms

MIN_CUES = 2  # words that suggest a learned topic a sentence must hold to show as its evidence
MAX_CUE_SENTENCES = 2


def event_date(iso: str) -> str:
    """ISO dates as they are; a date of no stated year ('--12-30') in words, saying so."""
    if not iso.startswith("--"):
        return iso
    month, _, day = iso[2:].partition("-")
    if not month.isdigit() or not 1 <= int(month) <= 12:
        return iso
    name = month_name(int(month), "en")
    named = f"{int(day)} {name}" if day.isdigit() else name
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
    notes = {s: word("same text", lang) for s in copies}
    return [f"## {word('also published', lang)}", "", *ctx.article_items(others[: ctx.page_size], here, notes=notes)]


def article_page(ctx: Context, slug: str) -> str:
    site, article = ctx.site, ctx.site.articles[slug]
    here = ctx.article_path(slug)
    lang = article.lang or "und"
    extra = {"lang": code} if (code := lang_code(lang)) else {}
    lines = [front_matter(article.title, **extra, kbsite_head=article_head(ctx, slug))]
    first_topic = next((h.topic for h in strongest_topics(article, ctx)), None)
    trail = [(site.topics[first_topic].label(lang), ctx.topic_path(first_topic))] if first_topic else []
    lines += [*ctx.crumbs(here, trail, lang), f"# {text(article.title)}", ""]

    lines += _facts(ctx, slug, here)
    hits = strongest_topics(article, ctx)
    if hits:
        links = [ctx.link(site.topics[h.topic].label(lang), here, ctx.topic_path(h.topic)) for h in hits]
        lines += [f"**{word('topics', lang)}:** " + " · ".join(links), ""]
    tags = [(ctx.tags[key][0], ctx.tag_pages[key][0]) for key in ctx.article_tags.get(slug, [])]
    if tags:
        lines += [f"**{word('tags', lang)}:** " + " · ".join(ctx.link(label, here, path) for label, path in tags), ""]
    mentioned = [m for m in article.mentions if m.entity in site.entities]
    if mentioned:
        links = [
            ctx.link(site.entities[m.entity].name, here, ctx.entity_path(m.entity))
            + (f" ({m.count})" if m.count else "")  # 0: named in metadata only (as an entity or the publisher)
            for m in mentioned
        ]
        lines += [f"**{word('entities', lang)}:** " + " · ".join(links), ""]

    targets = {m.entity: ctx.entity_path(m.entity) for m in mentioned if ctx.exists(ctx.entity_path(m.entity))}
    lines += [body_block(link_mentions(clean(site.body(slug).html), mentioned, targets, here), lang), ""]

    lines += _topic_evidence(ctx, article, hits, here, slug)
    if article.events:
        lines += [f"## {word('dates', lang)}", ""]
        lines += [f"- **{text(event_date(event.date))}**: {text(event.text)}" for event in article.events]
        lines.append("")
    lines += story_section(ctx, slug, here)
    related = [s for s in site.related.get(slug, []) if s in site.articles][: ctx.page_size]
    if related:
        lines += [f"## {word('related', lang)}", ""] + [f"- {ctx.article_link(s, here)}" for s in related] + [""]
    lines += cite_box(ctx, slug)
    lines += ctx.backlinks(here, lang, lines)
    return "\n".join(lines)


def _facts(ctx: Context, slug: str, here: str) -> list[str]:
    """One line under the title: date · source · author · language · original, the source linked to its entity page
    when the publisher is an entity; the file's own link only where the KB says where its files are online."""
    article = ctx.site.articles[slug]
    lang = article.lang or "und"
    facts = [text(article.date)] if article.date else []
    if article.publisher:
        entity = ctx.entity_named(article.publisher)
        facts.append(ctx.link(article.publisher, here, ctx.entity_path(entity)) if entity else text(article.publisher))
    if article.author:
        facts.append(f"{word('by', lang)} {text(article.author)}")
    facts.append(text(language_name(lang)))
    if article.url:
        facts.append(url_link(word("original", lang), article.url))
    if ctx.source_url:
        facts.append(url_link(word("source file", lang), ctx.source_url.rstrip("/") + "/" + quote(article.source)))
    return [" · ".join(facts), "{: .kb-facts }", ""]


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
    lines = [f"## {word('why topics', article.lang)}", ""]
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
