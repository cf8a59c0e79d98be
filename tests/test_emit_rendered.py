"""Pages taken again from the last build: only where what they are rendered from is the same, and only from a
file that still holds them; and the pages are then the very bytes a full render gives."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from markupsafe import Markup

from kbsite.emit import iter_pages
from kbsite.emit.rendered import Later, Rendered, canonical, load, save
from tests.emit_site import make_site


def _write(docs: Path, pages: dict[str, str]) -> dict[str, str]:
    """The pages as a build leaves them in docs/, and their manifest (path -> hash)."""
    for path, text in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    return {path: hashlib.sha256(text.encode("utf-8")).hexdigest() for path, text in pages.items()}


def _build(site, docs: Path, record: Path, manifest: dict[str, str], *, workers: int = 1):
    rendered = load(record, "salt", docs, manifest)
    pages = dict(iter_pages(site, page_size=2, workers=workers, rendered=rendered))
    save(record, rendered)
    return pages, rendered


def test_canonical_forms_tell_apart_what_a_template_tells_apart():
    shared = "x" * 3
    assert canonical([shared, shared]) == canonical([shared, "".join(["x", "xx"])])  # one object or two alike
    assert canonical(Markup("<b>")) != canonical("<b>")  # printed as it is, or escaped
    assert canonical({"a": 1, "b": 2}) != canonical({"b": 2, "a": 1})  # a template loops in this order
    assert canonical(1) != canonical(1.0) != canonical(True)
    assert canonical(lambda: "x") is None  # no form: the page is rendered every time
    assert canonical(Later("k1", lambda: "a")) != canonical(Later("k2", lambda: "a"))


def test_a_page_is_taken_again_only_when_its_data_is_the_same_and_its_file_still_holds_it(tmp_path):
    made = []

    def make(text):
        return lambda: made.append(text) or text

    first = Rendered("salt")
    first.page("article", {"title": "A"}, make("page A\n"))
    manifest = _write(tmp_path, {"articles/a.md": "page A\n"})

    again = Rendered("salt", first.made, tmp_path, manifest)
    assert again.page("article", {"title": "A"}, make("other")) == "page A\n"
    assert again.page("article", {"title": "B"}, make("page B\n")) == "page B\n"
    assert (again.reused, again.rendered, made) == (1, 1, ["page A\n", "page B\n"])
    assert Rendered("new code", first.made, tmp_path, manifest).page("article", {"title": "A"}, make("x")) == "x"

    (tmp_path / "articles/a.md").write_text("edited by hand\n", encoding="utf-8")
    edited = Rendered("salt", first.made, tmp_path, manifest)
    assert edited.page("article", {"title": "A"}, make("page A\n")) == "page A\n"
    assert edited.rendered == 1

    never = Rendered("salt", first.made, tmp_path, manifest)
    assert never.page("article", {"title": lambda: "A"}, make("made")) == "made"
    assert never.made == {}


def test_after_one_article_changes_only_the_pages_that_show_it_are_rendered_and_all_equal_a_full_render(tmp_path):
    site = make_site()
    full = dict(iter_pages(site, page_size=2))
    docs, record = tmp_path / "docs", tmp_path / "rendered.json"
    pages, rendered = _build(site, docs, record, {})
    assert pages == full and rendered.rendered == len(full) and rendered.reused == 0
    manifest = _write(docs, pages)

    pages, rendered = _build(site, docs, record, manifest)
    assert pages == full and (rendered.rendered, rendered.reused) == (0, len(full))

    site.articles["undated"] = dataclasses.replace(site.articles["undated"], title="A new title")
    changed = dict(iter_pages(site, page_size=2))
    differ = {path for path in changed if changed[path] != full[path]}
    pages, rendered = _build(site, docs, record, manifest)
    assert pages == changed
    assert 0 < len(differ) <= rendered.rendered < len(full) / 2
    assert rendered.rendered + rendered.reused == len(full)


def test_pages_rendered_by_workers_are_recorded_as_in_one_process(tmp_path):
    from tests.emit_site import big_site

    site = big_site(120, 3)
    docs = tmp_path / "docs"
    pages, one = _build(site, docs, tmp_path / "one.json", {})
    _, many = _build(site, docs, tmp_path / "many.json", {}, workers=2)
    assert many.made == one.made and many.rendered == one.rendered == len(pages)
    manifest = _write(docs, pages)
    again, rendered = _build(site, docs, tmp_path / "many.json", manifest, workers=2)
    assert again == pages and (rendered.rendered, rendered.reused) == (0, len(pages))
