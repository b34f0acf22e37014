"""Import gradio without its stub regeneration: ``install()`` before the first ``import gradio``.

At every import, gradio's component metaclass hands each component class to
``gradio.component_meta.create_or_modify_pyi``, which reads the class's source file, parses all of it with ``ast``,
renders a Jinja template and compares it with (or writes it into) the ``.pyi`` stub beside it in site-packages: a
tool for gradio's own developers that keeps their type stubs current. The wheel already ships the stubs, and here
it cost 1.2-2 s of the 3.5-4.5 s `import gradio` takes, on the way to the first page and the first answer.
``install()`` makes that step a no-op (and gradio never writes into its install directory at run time).
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys

TARGET = "gradio.component_meta"
HOOK = "create_or_modify_pyi"


def _keep_stubs(*args, **kwargs) -> None:
    """The shipped ``.pyi`` stubs stay as they are."""


def _patch(module) -> None:
    if callable(getattr(module, HOOK, None)):  # another gradio version may not have it: then nothing to skip
        setattr(module, HOOK, _keep_stubs)


class _Loader(importlib.abc.Loader):
    """Loads the module as usual, then replaces the hook before any component class is defined."""

    def __init__(self, loader):
        self.loader = loader

    def __getattr__(self, name):  # get_source, get_resource_reader, ...: the file loader's own
        return getattr(self.loader, name)

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        self.loader.exec_module(module)
        _patch(module)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != TARGET:
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)  # needed once
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader)
        return spec


def install() -> None:
    """Skip gradio's stub regeneration from now on (if gradio is already imported, only for what it still defines)."""
    if TARGET in sys.modules:
        _patch(sys.modules[TARGET])
    elif not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
