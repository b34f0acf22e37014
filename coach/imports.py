"""Two third-party imports made cheaper (``install()``, run when ``coach`` is imported; it changes no behaviour).

- **gradio** hands each component class, at every import, to ``gradio.component_meta.create_or_modify_pyi``, which
  reads the class's source file, parses all of it with ``ast``, renders a Jinja template and compares it with (or
  writes it into) the ``.pyi`` stub beside it in site-packages: a tool for gradio's own developers. The wheel ships
  the stubs; here it cost 1.2-2 s of the 3.5-4.5 s that `import gradio` took, before the first page. It is skipped
  (so gradio never writes into its install directory at run time either).
- **langsmith.types** (the LangSmith REST API's ~150 generated models) is imported whole by ``langchain_core``'s
  tracer (through ``langsmith.run_trees``) for one enum in one of its submodules: a sixth of the CPU between the
  first page and the first answer. Its ``__init__`` now runs on the first attribute access instead; its
  submodules import as before.

Both act only if the module is not imported yet, and do nothing when a library's next version lacks what they
expect.
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import threading
from types import ModuleType
from typing import Callable

GRADIO_META = "gradio.component_meta"
DEFERRED_PACKAGES = ("langsmith.types",)


def _keep_stubs(*args, **kwargs) -> None:
    """gradio's shipped ``.pyi`` stubs stay as they are."""


def _skip_stub_regeneration(module: ModuleType) -> None:
    if callable(getattr(module, "create_or_modify_pyi", None)):
        module.create_or_modify_pyi = _keep_stubs


class _Wrapped(importlib.abc.Loader):
    """A module's own loader, with ``run(loader, module)`` in place of its ``exec_module``."""

    def __init__(self, loader, run: Callable):
        self.loader, self.run = loader, run

    def __getattr__(self, name):  # get_source, get_resource_reader, ...: the file loader's own
        return getattr(self.loader, name)

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        self.run(self.loader, module)


def _then_patch(loader, module) -> None:
    loader.exec_module(module)
    _skip_stub_regeneration(module)


def _deferred_init(loader, module) -> None:
    """Leave the package's ``__init__`` for the first attribute looked up on it (``__path__`` and the other import
    attributes are already set, so ``import package.submodule`` needs nothing from it)."""
    lock = threading.RLock()

    def __getattr__(name: str):
        with lock:
            if module.__dict__.get("__getattr__") is __getattr__:
                del module.__dict__["__getattr__"]  # the real ``__init__`` may define its own
                try:
                    loader.exec_module(module)
                except BaseException:
                    module.__getattr__ = __getattr__  # failed: the next lookup tries (and raises) again
                    raise
        if name in module.__dict__:
            return module.__dict__[name]
        own = module.__dict__.get("__getattr__")
        if own is not None:
            return own(name)
        raise AttributeError(f"module {module.__name__!r} has no attribute {name!r}")

    module.__getattr__ = __getattr__


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == GRADIO_META:
            run = _then_patch
        elif name in DEFERRED_PACKAGES:
            run = _deferred_init
        else:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        if run is _deferred_init and spec.submodule_search_locations is None:
            return spec  # not a package (any more): nothing to defer
        spec.loader = _Wrapped(spec.loader, run)
        return spec


def install() -> None:
    """Apply both from now on (to modules already imported: gradio's stub step only, and only for what follows)."""
    if GRADIO_META in sys.modules:
        _skip_stub_regeneration(sys.modules[GRADIO_META])
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
