"""Link previews' data: every page a link can reach, in shards that preview.js finds by the same hash."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from kbsite.emit.previews import FOLDER, fnv1a, preview_files, previews
from kbsite.model import Article, Entity, Site, Topic

JS = Path(__file__).parent / "js"
EVIL = "</script><script>alert(1)</script>\u2028line"


def site(n: int = 3) -> Site:
    articles = {f"a{i}": Article(f"a{i}.md", f"Title {i}", "es", "", "", date="2015-12-02" if i else None,
                                 lead=f"Lead {i}" if i != 1 else "", summary=EVIL if i == 2 else "")
                for i in range(n)}
    return Site(title="KB", articles=articles, topics={"t": Topic("t", {"en": "Topic"}, "About t")},
                entities={"пакистан": Entity("пакистан", "Пакистан", "place")},
                topic_articles={"t": ["a0"]}, entity_articles={}, related={}, translations={}, related_topics={},
                cooccurring={}, backlinks={})


def _load(text: str) -> dict:
    match = re.fullmatch(r"kbPreviewData\((.*)\);\n", text, re.S)
    assert match
    return json.loads(match.group(1))


def test_every_page_has_a_preview_with_only_what_it_knows():
    found = previews(site())
    assert set(found) == {"articles/a0.html", "articles/a1.html", "articles/a2.html", "topics/t.html",
                          "entities/пакистан.html"}
    assert found["articles/a0.html"] == {"title": "Title 0", "kind": "article", "lang": "Spanish", "text": "Lead 0"}
    assert "text" not in found["articles/a1.html"] and found["articles/a1.html"]["date"] == "2015-12-02"
    assert found["articles/a2.html"]["text"] == EVIL  # the summary, when the author wrote one
    assert found["topics/t.html"] == {"title": "Topic", "kind": "topic", "text": "About t", "count": "1"}


def test_each_preview_is_in_the_shard_its_hash_names():
    big = site(450)
    files = preview_files(big)
    shards = _load(files[f"{FOLDER}/index.js"])["shards"]
    assert shards == 3 and len(files) == shards + 1
    for path, item in previews(big).items():
        assert _load(files[f"{FOLDER}/{fnv1a(path) % shards}.js"])["pages"][path] == item


def test_hostile_text_stays_data():
    text = preview_files(site())[f"{FOLDER}/0.js"]
    assert "\u2028" not in text
    assert _load(text)["pages"]["articles/a2.html"]["text"] == EVIL


def test_browser_and_python_hash_alike():
    strings = ["articles/a.html", "entities/пакистан.html", "topics/ñ€😀.html", ""]
    done = subprocess.run(["node", str(JS / "run_fnv.js")], input=json.dumps(strings), capture_output=True,
                          text=True, check=True)
    assert json.loads(done.stdout) == [fnv1a(s) for s in strings]
