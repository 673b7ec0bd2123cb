"""jieba, imported fast. jieba's _compat imports setuptools' pkg_resources (about 70 ms) only to
locate its own data files, and falls back to plain paths without it; we let it fall back. Its
HMM model (`jieba.finalseg`, a large table of probabilities) loads only when a cut uses HMM."""

from __future__ import annotations

import sys
from types import ModuleType


class _Deferred(ModuleType):
    """A module whose code runs on the first lookup of a name it does not have yet."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        spec = self.__spec__
        self.__class__ = ModuleType  # from now on an ordinary module
        spec.loader.exec_module(self)
        return getattr(self, name)


def _defer_finalseg() -> None:
    import importlib.machinery
    import importlib.util

    package = importlib.util.find_spec("jieba")  # finds the package without running it
    if package is None:  # not installed: `import jieba` then says so
        return
    spec = importlib.machinery.PathFinder.find_spec("jieba.finalseg", package.submodule_search_locations)
    if spec is None or spec.loader is None:
        return
    module = _Deferred(spec.name)
    module.__spec__, module.__loader__, module.__file__ = spec, spec.loader, spec.origin
    module.__package__, module.__path__ = spec.name, list(spec.submodule_search_locations or [])
    sys.modules[spec.name] = module


def jieba() -> ModuleType:
    if sys.modules.get("jieba") is None:
        hidden = "pkg_resources" not in sys.modules
        if hidden:
            sys.modules["pkg_resources"] = None  # makes `import pkg_resources` raise ImportError
        try:
            _defer_finalseg()
            import jieba as module
        finally:
            if hidden:
                del sys.modules["pkg_resources"]
        module.setLogLevel(60)
    return sys.modules["jieba"]
