"""The listings: articles by date and by language, the topic tree, entities by type.

Each is paginated, so no page grows with the KB. Continuation pages live in browse/,
never in articles/, topics/ or entities/ where they could collide with a slug or id.
"""

from __future__ import annotations

from collections import Counter

from kbsite.emit import paging
from kbsite.emit.context import Context
from kbsite.emit.i18n import count, phrase, word
from kbsite.emit.languages import language_name
from kbsite.emit.markup import text

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
    lines = paging.head(word("articles", ctx.lang), number, ctx.lang)
    if number == 1:
        lines += [f"## {word('by language', ctx.lang)}", ""]
        for lang, slugs in ctx.articles_by_lang.items():
            lines.append(f"- {ctx.link(language_name(lang), here, ctx.lang_pages[lang][0])}: {len(slugs)}")
        lines += ["", f"## {word('newest first heading', ctx.lang)} ({len(ctx.articles_by_date)})", ""]
    slugs = list(paging.chunk(ctx.articles_by_date, ctx.page_size, number))
    return paging.framed(lines, ctx.date_pages, number, ctx.article_items(slugs, here), ctx.lang)


def _lang_page(ctx: Context, lang: str, number: int) -> str:
    paths = ctx.lang_pages[lang]
    here = paths[number - 1]
    members = ctx.articles_by_lang[lang]
    lines = paging.head(phrase("articles in", ctx.lang, x=language_name(lang)), number, ctx.lang)
    lines += [
        f"{count(len(members), 'article', ctx.lang)}, {word('newest first', ctx.lang)}. "
        f"{ctx.link(word('all articles', ctx.lang), here, ctx.date_pages[0])}.",
        "",
    ]
    slugs = list(paging.chunk(members, ctx.page_size, number))
    return paging.framed(lines, paths, number, ctx.article_items(slugs, here), ctx.lang)


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


def _topic_line(ctx: Context, topic_id: str, depth: int, here: str) -> str:
    articles = len(ctx.site.topic_articles.get(topic_id, []))
    label = ctx.link(ctx.site.topics[topic_id].label(), here, ctx.topic_path(topic_id))
    return f"{'    ' * depth}- {label}: {count(articles, 'article', ctx.lang)}"


def _topic_index(ctx: Context, tree: list[tuple[str, int]], number: int) -> str:
    here = ctx.topic_index_pages[number - 1]
    lines = paging.head(word("topics", ctx.lang), number, ctx.lang)
    if number == 1:
        lines += [f"{count(len(tree), 'topic', ctx.lang)}, {word('topics note', ctx.lang)}.", ""]
    entries = list(paging.chunk(tree, ctx.page_size, number))
    body = []
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
        body = [_topic_line(ctx, t, d, here) for t, d in [*context, *entries]]
    return paging.framed(lines, ctx.topic_index_pages, number, [*body, ""], ctx.lang)


def _entity_key(ctx: Context, entity_id: str) -> tuple[str, str, str]:
    entity = ctx.site.entities[entity_id]
    return entity.type.casefold(), entity.name.casefold(), entity_id


def _entity_index(ctx: Context, entities: list[str], per_type: Counter[str], number: int) -> str:
    here = ctx.entity_index_pages[number - 1]
    lines = paging.head(word("entities", ctx.lang), number, ctx.lang)
    if number == 1:
        lines += [f"{len(entities)} {word('entities note', ctx.lang)}.", ""]
    body: list[str] = []
    current = None
    for entity_id in paging.chunk(entities, ctx.page_size, number):
        entity = ctx.site.entities[entity_id]
        if entity.type != current:
            current = entity.type
            body += ["", f"## {text(current.capitalize() or word('other', ctx.lang))} ({per_type[current]})", ""]
        articles = len(ctx.site.entity_articles.get(entity_id, []))
        link = ctx.link(entity.name, here, ctx.entity_path(entity_id))
        body.append(f"- {link}: {count(articles, 'article', ctx.lang)}")
    return paging.framed(lines, ctx.entity_index_pages, number, [*body, ""], ctx.lang)
