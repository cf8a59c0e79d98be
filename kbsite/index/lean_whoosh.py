"""Whoosh imported for a terminal search, without the standard modules it loads for what a search never does.

Start-up is most of a one-query call. Whoosh's compatibility module imports urllib.request for a download
helper (and with it http.client, email and ssl), and the cached_property package its reader uses imports
asyncio for coroutine properties: about a third of Whoosh's import time, for code no search runs. While
Whoosh's searching modules are imported here, both names are stand-ins that import the real module the
first time one of its attributes is used (the download helper is taken by name, so it is a stand-in too).
Afterwards `import asyncio` and `import urllib.request` give the real modules as usual. Nothing changes for
a module that was imported already.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

DEFERRED = {"asyncio": (), "urllib.request": ("urlretrieve",)}  # module -> the names taken from it at import


def import_whoosh() -> None:
    """Import the parts of Whoosh a search uses, with the modules of DEFERRED imported only if they are used."""
    if "whoosh.searching" in sys.modules:
        return
    stand_ins = {name: _stand_in(name, names) for name, names in DEFERRED.items() if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        importlib.import_module("whoosh.searching")
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def _stand_in(name: str, names: tuple[str, ...]) -> ModuleType:
    """A module whose attributes are those of the real `name`, imported when the first one is used."""
    module = ModuleType(name)

    def real(attribute: str) -> object:
        if attribute.startswith("__") and attribute.endswith("__"):  # what the import system asks of a module
            raise AttributeError(attribute)
        if sys.modules.get(name) is module:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    def deferred(attribute: str):
        def call(*args, **kwargs):
            return real(attribute)(*args, **kwargs)

        return call

    module.__getattr__ = real  # type: ignore[method-assign]
    for attribute in names:
        setattr(module, attribute, deferred(attribute))
    return module
