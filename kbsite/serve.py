"""`kbsite serve`: MkDocs' live-reloading server with the kbsite plugin, whether mkdocs.yml lists it or not.

The plugin (kbsite.plugin) is what makes a writer's edit show: it watches kb/ (the articles and the
vocabulary files) besides docs/ and mkdocs.yml, runs the pipeline again, incrementally, when what the
pipeline reads has changed, and MkDocs rebuilds and reloads the browser. So `kbsite serve` is `mkdocs serve`
with the plugin added to the project's own plugins when mkdocs.yml does not list it (as in a project that
runs MkDocs through `kbsite build`), with the command line's --strict and --jobs as the plugin's options.
"""

from __future__ import annotations

from importlib.metadata import EntryPoint
from pathlib import Path

from kbsite.errors import KbError

PLUGIN = "kbsite"
ENTRY_POINT = "kbsite.plugin:KbsitePlugin"  # as pyproject.toml declares it


def serve(config_file: Path, *, dev_addr: str, options: dict[str, object]) -> None:
    """Serve the project of `config_file` on `dev_addr` ("host:port") until Ctrl-C; `options`: the plugin's."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    _register_plugin()
    try:
        mkdocs_serve(str(config_file), dev_addr=dev_addr, plugins=plugins_with_kbsite(_plugins(config_file), options))
    except MkDocsException as exc:
        raise KbError(f"MkDocs could not serve the site: {exc}") from exc


def plugins_with_kbsite(plugins: object, options: dict[str, object]) -> dict[str, object]:
    """The project's plugins (MkDocs' default when it names none), with kbsite's options set, kbsite last if
    it was not there. A mapping: MkDocs empties the entries of a list as it reads them, and reads this for
    every rebuild."""
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    elif isinstance(plugins, list):
        entries = [next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None) for p in plugins]
    else:
        entries = [("search", None)]
    out = {name: {**(config or {}), **options} if name == PLUGIN else config for name, config in entries}
    out.setdefault(PLUGIN, dict(options))
    return out


def _plugins(config_file: Path) -> object:
    """The `plugins` of mkdocs.yml as MkDocs reads it (!ENV, INHERIT)."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with config_file.open("rb") as f:
            raw = yaml_load(f) or {}
    except Exception as exc:  # MkDocs' own loading of the same file reports it in full
        raise KbError(f"{config_file.name}: cannot be read: {exc}") from exc
    return raw.get("plugins", ["search"]) if isinstance(raw, dict) else ["search"]


def _register_plugin() -> None:
    """Where kbsite runs from a checkout, not installed, MkDocs does not know the plugin's name: tell it what
    installing would (MkDocs 1.6 reads the entry points once, into its `plugins` option)."""
    from mkdocs.config.defaults import MkDocsConfig

    installed = getattr(MkDocsConfig.plugins, "installed_plugins", None)
    if isinstance(installed, dict) and PLUGIN not in installed:
        installed[PLUGIN] = EntryPoint(name=PLUGIN, value=ENTRY_POINT, group="mkdocs.plugins")
