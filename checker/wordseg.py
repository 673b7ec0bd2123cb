"""jieba, imported fast. jieba's _compat imports setuptools' pkg_resources (about 70 ms) only to
locate its own data files, and falls back to plain paths without it; we let it fall back."""

from __future__ import annotations

import sys
from types import ModuleType


def jieba() -> ModuleType:
    if "jieba" not in sys.modules:
        hidden = "pkg_resources" not in sys.modules
        if hidden:
            sys.modules["pkg_resources"] = None  # makes `import pkg_resources` raise ImportError
        try:
            import jieba as module
        finally:
            if hidden:
                del sys.modules["pkg_resources"]
        module.setLogLevel(60)
    return sys.modules["jieba"]
