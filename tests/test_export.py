"""`kbsite export`: each format read back by a parser for it, on the default KB and on hostile input."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import bagit
import bibtexparser
import networkx as nx
import pytest

from kbsite.cli import main
from kbsite.errors import KbError
from kbsite.export import Selection, export_files
from kbsite.export.bag import verify_bag
from kbsite.export.files import write_export
from kbsite.model import Article, Entity, Mention, Site, Topic, TopicHit
from tests.conftest import REPO, make_project

NASTY = 'He said "no", then\nleft; a,b <script>alert(1)</script> {50%} & $x_1 \\ ~'


def small_site(title: str = "A title") -> Site:
    articles = {
        "a": Article("a.md", title, "en", "One two three.", "", date="2015-12-02", publisher="The Times",
                     author="Jane Roe", url="https://example.org/a",
                     topics=(TopicHit("t", 2.5, ()),), mentions=(Mention("e", 3, ("E",), "E spoke."),)),
        "b": Article("b.txt", "Otro", "es", "Uno dos.", "", date="2016", topics=(TopicHit("t", 1.0, ()),)),
        "c": Article("c.txt", "Undated", "en", "Words here", ""),
    }
    return Site(title="KB", articles=articles, topics={"t": Topic("t", {"en": "Topic T"})},
                entities={"e": Entity("e", "E Corp", "organisation")},
                topic_articles={"t": ["a", "b"]}, entity_articles={"e": ["a"]},
                related={"a": ["b", "c"], "b": ["a"], "c": []}, translations={"a": ["b"], "b": ["a"], "c": []},
                related_topics={"t": []}, cooccurring={"e": []}, backlinks={},
                story={"a": ["b"], "b": ["a"]}, duplicates={})


def _csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_articles_csv_has_one_header_and_a_row_per_article_with_iso_dates():
    rows = _csv(export_files(small_site(NASTY))["articles.csv"])
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    assert rows[0]["title"] == NASTY  # quotes, newline and commas survive the round trip
    assert rows[0]["date"] == "2015-12-02" and rows[2]["date"] == ""
    assert rows[0]["topics"] == "t:2.5" and rows[0]["entities"] == "e:3"
    assert rows[0]["story"] == rows[1]["story"] == "a" and rows[2]["story"] == "c"
    assert rows[0]["duplicate_of"] == rows[1]["duplicate_of"] == ""


def test_a_copy_names_the_article_it_duplicates_and_shares_its_story():
    site = small_site()
    site.duplicates.update({"a": ["c"], "c": ["a"]})
    rows = _csv(export_files(site)["articles.csv"])
    assert [r["duplicate_of"] for r in rows] == ["", "", "a"]
    assert {r["story"] for r in rows} == {"a"}
    graph = nx.read_graphml(io.BytesIO(export_files(site)["graph.graphml"]))
    assert ("article:c", "article:a") in {(u, v) for u, v, d in graph.edges(data=True) if d["type"] == "duplicate"}
    assert int(rows[0]["word_count"]) == 3


def test_bom_only_when_asked():
    assert export_files(small_site(), bom=True)["articles.csv"].startswith(b"\xef\xbb\xbf")
    assert not export_files(small_site())["topics.csv"].startswith(b"\xef\xbb\xbf")


def test_jsonl_has_the_text_and_the_scores():
    rows = [json.loads(line) for line in export_files(small_site())["articles.jsonl"].decode().splitlines()]
    assert rows[0]["text"] == "One two three." and rows[0]["topics"] == [{"id": "t", "score": 2.5}]
    assert rows[0]["csl"]["issued"] == {"date-parts": [[2015, 12, 2]]}


def test_graph_reads_back_in_networkx_with_typed_weighted_edges():
    files = export_files(small_site())
    graph = nx.read_graphml(io.BytesIO(files["graph.graphml"]))
    kinds = {d["type"] for _, _, d in graph.edges(data=True)}
    assert kinds == {"about", "mentions", "related", "same_story"}
    assert graph.nodes["article:a"]["kind"] == "article"
    weights = {(u, v, d["type"]): d["weight"] for u, v, d in graph.edges(data=True)}
    assert weights[("article:a", "topic:t", "about")] == 2.5
    data = json.loads(files["graph.json"])
    assert len(data["nodes"]) == graph.number_of_nodes() and len(data["edges"]) == graph.number_of_edges()


def test_bibtex_parses_and_leaves_missing_fields_out():
    library = bibtexparser.parse_string(export_files(small_site(NASTY))["citations.bib"].decode())
    assert not library.failed_blocks
    entries = {e.key: e for e in library.entries}
    assert entries["a"]["author"] == "{Jane Roe}" and entries["a"]["year"] == "2015"
    assert "author" not in entries["c"].fields_dict and "year" not in entries["c"].fields_dict
    assert entries["c"].entry_type == "misc"


def test_csl_json_is_read_by_a_citation_processor():
    import citeproc
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(export_files(small_site(NASTY))["citations.json"])
    assert {"id", "type", "title"} <= items[0].keys() and "author" not in items[2]
    schemas = Path(citeproc.__file__).parent / "data" / "schema" / "schemas" / "styles"
    types = set(re.findall(r'"([\w-]+)"', (schemas / "csl-types.rnc").read_text()))
    variables = set(re.findall(r'"([\w-]+)"', (schemas / "csl-variables.rnc").read_text()))
    for item in items:  # the CSL schema's own names: a type it defines, variables it defines
        assert item["type"] in types
        assert set(item) - {"id", "type"} <= variables
    source = CiteProcJSON(items)
    bibliography = CitationStylesBibliography(CitationStylesStyle("harvard-cite-them-right", validate=False), source,
                                              formatter.plain)
    bibliography.register(Citation([CitationItem("a")]))
    assert "said" in str(bibliography.bibliography()[0]) and "2015" in str(bibliography.bibliography()[0])


def test_ris_records_end_and_stay_on_one_line_each():
    ris = export_files(small_site(NASTY))["citations.ris"].decode()
    records = [r for r in ris.split("ER  - \n") if r.strip()]
    assert len(records) == 3
    assert all(line[2:6] == "  - " for r in records for line in r.strip("\n").splitlines())


@pytest.mark.parametrize(("selection", "kept"), [
    (Selection(lang="es"), ["b"]),
    (Selection(topic="t"), ["a", "b"]),
    (Selection(entity="e"), ["a"]),
    (Selection(since="2016"), ["b"]),
    (Selection(until="2015-12"), ["a"]),
])
def test_filters_select_a_sub_corpus(selection, kept):
    rows = _csv(export_files(small_site(), selection)["articles.csv"])
    assert [r["id"] for r in rows] == kept


def test_an_export_never_replaces_a_persons_files(tmp_path: Path):
    out = tmp_path / "export"
    out.mkdir()
    (out / "thesis.docx").write_text("mine")
    with pytest.raises(KbError, match=r"thesis\.docx"):
        write_export(out, {"articles.csv": b"x"}, forbidden=())
    assert (out / "thesis.docx").read_text() == "mine"
    with pytest.raises(KbError, match="kb/"):
        write_export(tmp_path / "kb" / "export", {"a": b""}, forbidden=(tmp_path / "kb",))


@pytest.mark.slow
def test_export_of_the_default_kb_and_its_bag(tmp_path: Path):
    root = make_project(tmp_path / "p")
    assert main(["--root", str(root), "export", "--bag", "bag", "--jobs", "1"]) == 0
    rows = _csv((root / "export" / "articles.csv").read_bytes())
    assert len(rows) == 5
    for row in rows:
        assert {"encryption-policy", "bes", "government-demands"} <= {t.split(":")[0] for t in
                                                                      row["topics"].split("; ")}
        assert "blackberry" in row["entities"] and "pakistan" in row["entities"]
    assert verify_bag(root / "bag") == []
    bag = bagit.Bag(str(root / "bag"))
    assert "sha256" in bag.algorithms
    assert any(p.startswith("data/kb/") for p in bag.payload_files())
    (root / "bag" / "data" / "export" / "topics.csv").write_text("changed")
    assert verify_bag(root / "bag") and main(["--root", str(root), "export", "--verify-bag", "bag"]) == 1


@pytest.mark.slow
def test_export_of_hostile_input_parses(tmp_path: Path):
    root = make_project(tmp_path / "p", kb=REPO / "tests" / "fixtures" / "hostile_kb")
    shutil.copy(REPO / "kb" / "000_b473ca0bc8050c3d.txt", root / "kb" / "seed.txt")
    assert main(["--root", str(root), "export", "--jobs", "1"]) == 0
    out = root / "export"
    assert len(_csv((out / "articles.csv").read_bytes())) >= 5
    assert not bibtexparser.parse_string((out / "citations.bib").read_text()).failed_blocks
    nx.read_graphml(out / "graph.graphml")
    json.loads((out / "citations.json").read_text())
    for line in (out / "articles.jsonl").read_text().splitlines():
        json.loads(line)


@pytest.mark.slow
def test_export_filters_are_checked_like_the_searchs(tmp_path: Path, capsys):
    root = make_project(tmp_path / "p")
    assert main(["--root", str(root), "export", "--jobs", "1", "--topic", "nope"]) != 0
    assert '--topic "nope"' in capsys.readouterr().err and not (root / "export").exists()
    assert main(["--root", str(root), "export", "--jobs", "1", "--entity", "Pakistan", "--since",
                 "2 December 2015", "--out", "ex"]) == 0
    rows = _csv((root / "ex" / "articles.csv").read_bytes())
    assert rows and all("pakistan" in r["entities"] and r["date"] >= "2015-12-02" for r in rows)


def test_only_web_addresses_are_cited():
    site = small_site()
    site.articles["a"].url = "javascript:alert(1)"
    files = export_files(site)
    for name in ("citations.bib", "citations.json", "citations.ris", "articles.csv"):
        if name != "articles.csv":
            assert b"javascript" not in files[name], name
    assert json.loads(files["citations.json"])[0].get("URL") is None
