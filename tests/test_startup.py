"""Start-up costs of `coach serve` that must not come back: gradio's stub regeneration at import, langsmith's
generated API package imported whole by langchain, the cyclic collector's passes during start-up.

Imports are checked in fresh interpreters (this process has long imported everything).
"""
from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _fresh(code: str) -> dict:
    """Run ``code`` in a new interpreter on this checkout; it prints one JSON object as its last line."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), GRADIO_ANALYTICS_ENABLED="False", HF_HUB_OFFLINE="1")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_app_reads_no_gradio_source_or_stub_file():
    # gradio's component_meta reads each component's source and its .pyi stub at every import (and may write the
    # stub): the audit hook sees every file opened while the app and gradio import.
    out = _fresh(
        "import json, os, sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda e, a: opened.append(str(a[0])) if e == 'open' and isinstance(a[0], (str, bytes, os.PathLike)) else None)\n"
        "import coach.ui.app, gradio\n"
        "gdir = os.path.dirname(gradio.__file__)\n"
        "mine = [p for p in opened if p.startswith(gdir) and p.endswith(('.py', '.pyi'))]\n"
        "print(json.dumps({'source_or_stub_reads': mine, 'components': len(gradio.components.__all__)}))\n")
    assert out["components"] > 20  # gradio's components were all defined
    assert out["source_or_stub_reads"] == []


def test_langchain_imports_without_the_whole_langsmith_api_package():
    out = _fresh(
        "import json, sys\n"
        "import coach.chain\n"
        "before = sorted(m for m in sys.modules if m.startswith('langsmith.types.'))\n"
        "from langsmith.types import Run, RunSelectField\n"
        "import langsmith.types.run\n"
        "print(json.dumps({'before': before, 'same_class': Run is langsmith.types.run.Run,\n"
        "                  'after': sum(m.startswith('langsmith.types.') for m in sys.modules)}))\n")
    assert out["before"] == ["langsmith.types.run_select_field"]  # the one submodule langchain's tracer needs
    assert out["same_class"] is True and out["after"] > 50  # the package itself still works, on first use


def test_the_warm_up_turns_garbage_collection_back_on_with_start_up_objects_frozen(library_coach, monkeypatch):
    from coach.ui import app

    monkeypatch.setattr(app, "FULL_MODEL_DELAY_S", 0.0)
    frozen = gc.get_freeze_count()
    ready = threading.Event()
    gc.disable()  # as `coach serve` does before the app starts
    try:
        worker = threading.Thread(target=app._warm_up, args=(library_coach, ready), daemon=True)
        worker.start()
        assert ready.wait(120)
        worker.join(120)
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
        gc.enable()


def test_the_warm_up_leaves_garbage_collection_alone_when_it_was_on(library_coach, monkeypatch):
    from coach.ui import app

    monkeypatch.setattr(app, "FULL_MODEL_DELAY_S", 0.0)
    frozen = gc.get_freeze_count()
    ready = threading.Event()
    app._warm_up(library_coach, ready)
    assert ready.is_set() and gc.isenabled() and gc.get_freeze_count() == frozen


def test_serve_builds_the_server_app_once(library_coach, monkeypatch):
    # Gradio builds its FastAPI app at Blocks creation, at the end of its with-block, at queue() and at launch():
    # only launch's is served.
    from gradio.routes import App

    from coach.ui.app import serve
    from tests.processes import free_port

    original = App.create_app
    built = []

    def counting(*args, **kwargs):
        built.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(App, "create_app", staticmethod(counting))
    demo = serve(library_coach, "127.0.0.1", free_port(), block=False)
    try:
        assert len(built) == 1
        assert demo.app is not None and demo.server_app is demo.app
    finally:
        demo.close()
