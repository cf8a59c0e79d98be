from __future__ import annotations

from pathlib import Path

import pytest

from kbsite.analyze.taxonomy import load_taxonomy
from kbsite.model import Diagnostic

FIXTURES = Path(__file__).parent / "fixtures" / "analyze"


def _load(name: str) -> tuple[list[str], list[str]]:
    taxonomy = load_taxonomy((FIXTURES / name).read_text(), (FIXTURES / "entities.yml").read_text(), name)
    return [t.id for t in taxonomy.topics], [str(d) for d in taxonomy.diagnostics]


@pytest.mark.parametrize(
    ("name", "loaded", "messages"),
    [
        (
            "topics_duplicate_id.yml",
            ["privacy", "surveillance"],
            ['topics_duplicate_id.yml:5: error: duplicate topic id "privacy" (first defined on line 1); rename one;'
             " entry skipped"],
        ),
        (
            "topics_unknown_parent.yml",
            ["privacy"],
            ['topics_unknown_parent.yml:3: error: topic "privacy": unknown parent "rights"; use the id of a topic in'
             " this file"],
        ),
        (
            "topics_parent_cycle.yml",
            ["a", "b", "c"],
            ['topics_parent_cycle.yml:3: error: topic "a": parent cycle a -> c -> b -> a; remove one of these parents'],
        ),
        (
            "topics_bad_regex.yml",
            ["privacy"],
            ['topics_bad_regex.yml:5: error: topic "keys": pattern "(unclosed" is not a valid regular expression'
             " (missing ) at position 9); entry skipped"],
        ),
        (
            "topics_unknown_entity.yml",
            ["encryption"],
            ['topics_unknown_entity.yml:3: error: topic "encryption": unknown entity "gchq"; use the id of an entity in'
             " entities.yml"],
        ),
        (
            "topics_missing_labels.yml",
            ["fine"],
            [
                'topics_missing_labels.yml:1: error: topic "privacy" has no labels; add labels: {en: <label>};'
                " entry skipped",
                "topics_missing_labels.yml:3: error: topic without an id; add id: <topic-id>; entry skipped",
            ],
        ),
        (
            "topics_wrong_types.yml",
            ["ok"],
            [
                'topics_wrong_types.yml:3: error: topic "privacy": "terms" must be a list of text, not a mapping;'
                " entry skipped",
                'topics_wrong_types.yml:5: error: topic "policy": "labels" must map languages to text, e.g.'
                " {en: ..., es: ...}; entry skipped",
                "topics_wrong_types.yml:8: error: topic \"score\": min_score must be a number above 0, not 'high';"
                " entry skipped",
                "topics_wrong_types.yml:9: error: an entry must be a mapping with an id, not text; skipped",
                'topics_wrong_types.yml:12: warning: unknown key "colour" in topic; known keys: id, label, labels,'
                " description, parent, terms, patterns, entities, min_score",
            ],
        ),
        (
            "topics_bad_yaml.yml",
            [],
            ["topics_bad_yaml.yml:3: error: not valid YAML: expected ',' or '}', but got ':'; fix the syntax"],
        ),
        (
            "topics_not_a_list.yml",
            [],
            ["topics_not_a_list.yml:1: error: the file must be a YAML list of entries, each starting with '- id: ...'"],
        ),
    ],
)
def test_bad_entries_are_reported_with_their_line_and_the_rest_loads(name, loaded, messages):
    assert _load(name) == (loaded, messages)


def test_a_bad_reference_is_dropped_and_the_entry_kept():
    taxonomy = load_taxonomy((FIXTURES / "topics_parent_cycle.yml").read_text(), None)
    parents = {t.id: t.parent for t in taxonomy.topics}
    assert parents == {"a": None, "b": "a", "c": "b"}
    taxonomy = load_taxonomy((FIXTURES / "topics_unknown_entity.yml").read_text(),
                             (FIXTURES / "entities.yml").read_text())
    assert taxonomy.topics[0].entities == ("bes",)


def test_entity_without_name_is_skipped_and_unknown_case_sensitive_alias_warned():
    taxonomy = load_taxonomy(None, (FIXTURES / "entities_missing_name.yml").read_text())
    assert [e.id for e in taxonomy.entities] == ["nsa"]
    assert taxonomy.diagnostics == (
        Diagnostic("entities.yml", 'entity "bes" has no name; add name: <the usual name>; entry skipped', 1),
        Diagnostic("entities.yml", 'entity "nsa": case_sensitive "CIA" is not its name or one of its aliases', 7,
                   "warning"),
    )


def test_full_entries_build_topics_and_entities():
    topics = """
- id: keys
  labels: {en: Keys, ru: Ключи}
  description: Who holds the keys.
  parent: policy
  terms: {en: [key escrow], "*": [PGP]}
  patterns: ['RSA-\\d+']
  entities: [bes]
  min_score: 2
- id: policy
  label: Policy
"""
    entities = """
- id: bes
  name: BlackBerry Enterprise Service
  type: product
  aliases: [BES, Bes server]
- id: beard
  name: Marty Beard
  aliases: {"*": [Beard]}
  case_sensitive: true
- id: un
  name: United Nations
  aliases: [UN]
  case_sensitive: false
"""
    taxonomy = load_taxonomy(topics, entities)
    assert taxonomy.diagnostics == ()
    keys, policy = taxonomy.topics
    assert keys.labels == {"en": "Keys", "ru": "Ключи"}
    assert (keys.parent, keys.terms, keys.patterns, keys.entities, keys.min_score) == (
        "policy", {"*": ("PGP",), "en": ("key escrow",)}, ("RSA-\\d+",), ("bes",), 2.0
    )
    assert policy.labels == {"en": "Policy"}
    beard, bes, un = taxonomy.entities
    assert bes.aliases == {"*": ("BES", "Bes server")}
    assert bes.case_sensitive == ("BES",)  # acronyms by default
    assert beard.type == "other"
    assert beard.case_sensitive == ("Marty Beard", "Beard")
    assert un.case_sensitive == ()


def test_empty_files_give_an_empty_taxonomy():
    assert load_taxonomy(None, "") == load_taxonomy("# nothing yet\n", None)
    assert load_taxonomy(None, None).topics == ()


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['touch /tmp/kbsite-owned']",
                                 "!!python/name:os.system", "!!python/object:os.system {}", "!custom x"])
@pytest.mark.parametrize("where", ["topics", "entities"])
def test_a_yaml_tag_skips_its_entry_with_its_line_and_runs_nothing(tag, where):
    """A tag is never built (no code runs) and never raises: its entry is reported at the tag's line."""
    topics = f"- id: ok\n  label: Fine\n- id: bad\n  label: {tag}\n" if where == "topics" else None
    entities = f"- id: ok\n  name: Fine\n- id: bad\n  name: Bad\n  description: {tag}\n" if where == "entities" \
        else None
    taxonomy = load_taxonomy(topics, entities)
    kept = taxonomy.topics if where == "topics" else taxonomy.entities
    assert [item.id for item in kept] == ["ok"]
    (problem,) = taxonomy.diagnostics
    assert problem.path == f"{where}.yml"
    assert problem.line == (4 if where == "topics" else 5)
    assert "YAML tag" in problem.message and problem.message.endswith("entry skipped")
    assert problem.severity == "error"


@pytest.mark.parametrize("nesting", ["[" * 500 + "]" * 500, "".join("\n" + "  " * (i + 2) + "k:" for i in range(500))])
@pytest.mark.parametrize("where", ["topics", "entities"])
def test_a_file_nested_hundreds_of_levels_deep_is_one_error_with_a_line(nesting, where):
    text = f"- id: x\n  description: {nesting}\n"
    taxonomy = load_taxonomy(*((text, None) if where == "topics" else (None, text)))
    assert (taxonomy.topics, taxonomy.entities) == ((), ())
    (problem,) = taxonomy.diagnostics
    assert (problem.path, problem.severity) == (f"{where}.yml", "error")
    assert "nested more than 32 levels deep" in problem.message
    assert problem.line is not None


def test_a_value_its_tag_cannot_read_skips_the_entry():
    taxonomy = load_taxonomy("- id: a\n  label: A\n  min_score: !!int lots\n- id: b\n  label: B\n", None)
    assert [t.id for t in taxonomy.topics] == ["b"]
    (problem,) = taxonomy.diagnostics
    assert (problem.line, problem.severity) == (3, "error")
    assert "cannot be read as !!int" in problem.message


def test_aliases_that_describe_a_huge_tree_are_checked_in_linear_time():
    """A "billion laughs" file: each level refers to the one before ten times."""
    levels = ["  a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 30)]
    text = "- id: bomb\n  label: Bomb\n  description:\n" + "\n".join("  " + line for line in levels) + "\n"
    taxonomy = load_taxonomy(text, None)
    assert taxonomy.topics == ()
    assert 'topic "bomb": "description" must be text, not a mapping; entry skipped' in taxonomy.diagnostics[0].message


@pytest.mark.parametrize("pattern", ["(a|a)+$", "(a|aa)+$", "(a|a)+b"])
def test_a_pattern_that_backtracks_for_ever_is_refused_naming_the_file_and_pattern(pattern):
    topics = f"- id: slow\n  label: Slow\n  patterns: ['{pattern}']\n- id: fine\n  label: Fine\n  patterns: ['a+']\n"
    taxonomy = load_taxonomy(topics, None)
    assert [t.id for t in taxonomy.topics] == ["fine"]
    (problem,) = taxonomy.diagnostics
    assert str(problem).startswith(f'topics.yml:3: error: topic "slow": pattern "{pattern}" can take forever')


def test_direction_overrides_are_removed_from_labels_names_and_aliases():
    taxonomy = load_taxonomy("- id: t\n  labels: {en: \"Pri\u202evacy\", ar: \"\u200fخصوصية\"}\n",
                             "- id: e\n  name: \"\u2066Eve\u2069\"\n  aliases: [\"\u202eEvie\"]\n")
    assert taxonomy.topics[0].labels == {"ar": "\u200fخصوصية", "en": "Privacy"}  # a right-to-left mark stays
    assert (taxonomy.entities[0].name, taxonomy.entities[0].aliases) == ("Eve", {"*": ("Evie",)})
