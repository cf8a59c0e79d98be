"""kbsite's overrides of Material's templates: every page carries less of the theme's frame, and looks the same."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote

import material

from kbsite.plugin import THEME_DIR

ICONS = Path(material.__file__).parent / "templates" / ".icons"


def _shapes() -> dict[str, str]:
    css = (THEME_DIR / "assets" / "kbsite" / "site.css").read_text(encoding="utf-8")
    return {name.replace("material-", "material/", 1): unquote(data) for name, data in
            re.findall(r'\.kb-icon-([\w-]+) \{ --kb-icon: url\("data:image/svg\+xml,([^"]+)"\); \}', css)}


def test_the_stylesheet_draws_materials_own_icons() -> None:
    shapes = _shapes()
    partial = (THEME_DIR / "partials" / "kbsite-icon.html").read_text(encoding="utf-8")
    listed = re.findall(r'"(material/[\w-]+)"', re.search(r"icon in \[(.*?)\]", partial, re.DOTALL)[1])
    assert listed and sorted(shapes) == sorted(listed)
    for name, svg in shapes.items():
        assert svg == (ICONS / f"{name}.svg").read_text(encoding="utf-8").strip().replace('"', "'"), name


def test_pages_name_the_icons_instead_of_repeating_them(default_site: Path) -> None:
    page = (default_site / "site" / "index.html").read_text(encoding="utf-8")
    assert "<path" not in page
    palette = json.loads(html.unescape(re.search(r"data-palette='([^']*)'", page)[1]))
    drawn = re.findall(r'<svg class="kb-icon-([\w-]+)"></svg>', page + "".join(o[5] for o in palette))
    # the logo in the header and in the navigation, the menu, both palette switches (in the data palette.js
    # writes them from), "Back to top"
    assert sorted(drawn) == sorted(["material-library"] * 2 + ["material-menu", "material-brightness-7",
                                                                 "material-brightness-4", "material-arrow-up"])


def test_the_palette_switch_is_data_for_its_script(default_site: Path) -> None:
    """Material's palette form, two inputs and two labels, was 900 bytes of every page: palette.js writes it."""
    page = (default_site / "site" / "index.html").read_text(encoding="utf-8")
    tag = re.search(r"<script src=\"assets/kbsite/palette\.js\" data-palette='([^']*)'></script>", page)
    assert tag and 'data-md-component="palette"' not in page
    options = json.loads(html.unescape(tag[1]))
    assert [o[:5] for o in options] == [
        ["(prefers-color-scheme: light)", "default", "indigo", "indigo", "Switch to dark mode"],
        ["(prefers-color-scheme: dark)", "slate", "indigo", "indigo", "Switch to light mode"]]
    assert len(tag[0].encode()) < 400


def test_the_configuration_block_holds_what_the_page_scripts_read(default_site: Path) -> None:
    for name in ("index.html", "404.html"):
        page = (default_site / "site" / name).read_text(encoding="utf-8")
        block = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.DOTALL)[1]
        config = json.loads(block)
        assert config["base"] and config["features"] == ["navigation.top"]
        assert sorted(config["translations"]) == ["clipboard.copied", "clipboard.copy", "select.version"]
        assert " " not in block.replace("Copied to clipboard", "").replace("Copy to clipboard", "").replace(
            "Select version", "")
        assert "__tabbed_" not in page  # no content tabs without pymdownx.tabbed
        assert '<script src="' in page and "__md_scope=" not in page  # Material's storage helpers are a file
