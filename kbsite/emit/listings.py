"""The listings: articles by date and by language, the topic tree, entities by type.

Each is paginated, so no page grows with the KB. Continuation pages live in browse/,
never in articles/, topics/ or entities/ where they could collide with a slug or id.
"""

from __future__ import annotations

from collections import Counter

from kbsite.emit import paging
from kbsite.emit.context import Context
from kbsite.emit.i18n import word
from kbsite.emit.languages import language_name

MAX_DEPTH = 5


def listing_pages(ctx: Context) -> dict[str, str]:
    pages = {}
    for number, path in enumerate(ctx.date_pages, 1):
        pages[path] = _date_page(ctx, number)
    for lang, paths in ctx.lang_pages.items():
        for number, path in enumerate(paths, 1):
            pages[path] = _lang_page(ctx, lang, number)
    tree = topic_tree(ctx)
    for number, path in enumerate(ctx.topic_index_pages, 1):
        pages[path] = _topic_index(ctx, tree, number)
    entities = sorted(ctx.entity_pages, key=lambda e: _entity_key(ctx, e))
    per_type = Counter(ctx.site.entities[e].type for e in entities)
    for number, path in enumerate(ctx.entity_index_pages, 1):
        pages[path] = _entity_index(ctx, entities, per_type, number)
    return pages


def _date_page(ctx: Context, number: int) -> str:
    here = ctx.date_pages[number - 1]
    languages = [{"link": ctx.ref(language_name(lang), here, ctx.lang_pages[lang][0]), "count": len(slugs)}
                 for lang, slugs in ctx.articles_by_lang.items()]
    slugs = list(paging.chunk(ctx.articles_by_date, ctx.page_size, number))
    return ctx.render("articles", page=paging.page(ctx.date_pages, number), languages=languages,
                      total=len(ctx.articles_by_date), items=ctx.article_items(slugs, here))


def _lang_page(ctx: Context, lang: str, number: int) -> str:
    paths = ctx.lang_pages[lang]
    here = paths[number - 1]
    members = ctx.articles_by_lang[lang]
    slugs = list(paging.chunk(members, ctx.page_size, number))
    return ctx.render("language", page=paging.page(paths, number), language=language_name(lang), total=len(members),
                      all_articles=ctx.ref(word("all articles", ctx.lang), here, ctx.date_pages[0]),
                      items=ctx.article_items(slugs, here))


def topic_tree(ctx: Context) -> list[tuple[str, int]]:
    """(topic id, depth) in depth-first order; children by id; a parent cycle cannot loop.

    Depth stops at MAX_DEPTH: deeper topics are listed at that level, so the path a page
    repeats down to its first topic never grows with the depth of the taxonomy.
    """
    ids = list(ctx.topic_pages)
    children: dict[str | None, list[str]] = {}
    for topic_id in ids:
        parent = ctx.site.topics[topic_id].parent
        children.setdefault(parent if parent in ctx.topic_pages else None, []).append(topic_id)
    order: list[tuple[str, int]] = []
    seen: set[str] = set()

    def visit(topic_id: str, depth: int) -> None:
        if topic_id in seen:
            return
        seen.add(topic_id)
        order.append((topic_id, min(depth, MAX_DEPTH)))
        for child in children.get(topic_id, []):
            visit(child, depth + 1)

    for root in children.get(None, []):
        visit(root, 0)
    for topic_id in ids:  # topics caught in a parent cycle
        visit(topic_id, 0)
    return order


def _topic_entry(ctx: Context, topic_id: str, depth: int, here: str) -> dict:
    return {"depth": depth, "link": ctx.ref(ctx.site.topics[topic_id].label(), here, ctx.topic_path(topic_id)),
            "count": len(ctx.site.topic_articles.get(topic_id, []))}


def _topic_index(ctx: Context, tree: list[tuple[str, int]], number: int) -> str:
    here = ctx.topic_index_pages[number - 1]
    entries = list(paging.chunk(tree, ctx.page_size, number))
    if entries:
        # A page that starts inside a subtree repeats the path down to it, so the tree stays readable.
        start = (number - 1) * ctx.page_size
        need = tree[start][1]
        context: list[tuple[str, int]] = []
        for topic_id, level in reversed(tree[:start]):
            if need == 0:
                break
            if level < need:
                context.insert(0, (topic_id, level))
                need = level
        entries = [*context, *entries]
    return ctx.render("topics", page=paging.page(ctx.topic_index_pages, number), total=len(tree),
                      entries=[_topic_entry(ctx, t, d, here) for t, d in entries])


def _entity_key(ctx: Context, entity_id: str) -> tuple[str, str, str]:
    entity = ctx.site.entities[entity_id]
    return entity.type.casefold(), entity.name.casefold(), entity_id


def _entity_index(ctx: Context, entities: list[str], per_type: Counter[str], number: int) -> str:
    """Entities by type: each type's heading where its entities start (on this page)."""
    here = ctx.entity_index_pages[number - 1]
    entries = []
    current = None
    for entity_id in paging.chunk(entities, ctx.page_size, number):
        entity = ctx.site.entities[entity_id]
        heading = None
        if entity.type != current:
            current = entity.type
            heading = current.capitalize() or word("other", ctx.lang)
        entries.append({"heading": heading, "of_type": per_type[current],
                        "link": ctx.ref(entity.name, here, ctx.entity_path(entity_id)),
                        "count": len(ctx.site.entity_articles.get(entity_id, []))})
    return ctx.render("entities", page=paging.page(ctx.entity_index_pages, number), total=len(entities),
                      entries=entries)
