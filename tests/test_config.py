import pytest

from kbsite.config import load_settings
from kbsite.errors import KbError


def test_reads_mkdocs_yml_with_python_tags(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\ndocs_dir: pages\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:"
        "pymdownx.slugs.slugify {kwds: {case: lower}}\nextra:\n  kb:\n    page_size: 10\n"
    )
    s = load_settings(tmp_path)
    assert (s.site_name, s.docs_dir.name, s.page_size, s.kb_dir.name) == ("X", "pages", 10, "kb")


def test_every_bad_setting_is_reported_at_once(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nextra:\n  kb:\n    page_size: -1\n    colour: red\n")
    with pytest.raises(KbError) as err:
        load_settings(tmp_path)
    assert "extra.kb.colour: unknown setting" in str(err.value) and "page_size" in str(err.value)


def test_missing_config_says_what_to_do(tmp_path):
    with pytest.raises(KbError, match="--root"):
        load_settings(tmp_path)


def test_auto_entities_is_off_unless_set_to_a_whole_number(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: X\n")
    assert load_settings(tmp_path).auto_entities == 0
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nextra:\n  kb:\n    auto_entities: 40\n")
    assert load_settings(tmp_path).auto_entities == 40
    for bad in ("-1", "yes", "many", "2.5"):
        (tmp_path / "mkdocs.yml").write_text(f"site_name: X\nextra:\n  kb:\n    auto_entities: {bad}\n")
        with pytest.raises(KbError, match=r"extra\.kb\.auto_entities must be a whole number"):
            load_settings(tmp_path)


def test_topics_are_learned_unless_keywords_only_is_asked_for(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: X\n")
    assert load_settings(tmp_path).topics == "learned"
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nextra:\n  kb:\n    topics: keywords\n")
    assert load_settings(tmp_path).topics == "keywords"
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nextra:\n  kb:\n    topics: magic\n")
    with pytest.raises(KbError, match=r"extra\.kb\.topics must be one of learned, keywords, not 'magic'"):
        load_settings(tmp_path)
