"""The Gradio web app: Chat, Practice, Compare roles and Library tabs over the ``Coach`` API (and nothing below it).

``serve(coach, host, port, auth)`` is what ``coach serve`` calls; ``build_app(coach)`` returns the ``gr.Blocks``.
Per-browser state (chat history, last feedback) lives in ``gr.State``, never in module globals, so concurrent
users never see each other's conversation. All article and user text reaches the page escaped (see ``render``).
"""
from __future__ import annotations

import contextlib
import gc
import logging
import os
import re
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

# Must be set before gradio is imported: otherwise it looks up outside hosts in the background.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
# Gradio's queue rebuilds a pandas summary of its last 10,000 events after every event (3-16 ms of CPU each, for a
# monitoring page this app does not serve): compute it never, and keep fewer event records in memory.
os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", str(10**9))
os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "1000")

from coach.errors import InputError  # noqa: E402
from coach.ui import render  # noqa: E402
from coach.ui.common import Shared, gradio, message_of, theme  # noqa: E402
from coach.ui.front import APP_PROCESS_ENV  # noqa: E402

if TYPE_CHECKING:
    import gradio as gr

    from coach.api import Coach

log = logging.getLogger("coach.ui")

TITLE = "Interview Coach"
TAGLINE = "Cited answers and rubric feedback from your own career articles — private, offline, on your machine."
FULL_MODEL_DELAY_S = 10.0  # seconds after the app is ready before the full embedding model loads in the background
MAX_SESSIONS = 1000  # browser sessions whose state Gradio keeps (its default, 10,000, let memory grow for hours)


def page_css() -> str:
    """The page-wide CSS, then each tab's (each lives beside the markup it styles)."""
    from coach.ui import chat, common, compare, library, practice

    return "\n".join(m.CSS for m in (common, chat, practice, compare, library))


def page_js() -> str:
    """One function Gradio runs on page load: the page-wide script, then each tab's."""
    from coach.ui import chat, common, compare, library, practice

    body = "\n".join(getattr(m, "JS", "") for m in (common, chat, practice, compare, library))
    return "() => {\n" + body + "\n}"


LOGO = (
    '<svg width="40" height="40" viewBox="0 0 40 40" aria-hidden="true"><rect width="40" height="40" rx="10" '
    'fill="#4f46e5"/><path d="M11 13h18a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-9l-5 4v-4h-4a2 2 0 0 1-2-2v-9a2 2 0 0 1 '
    '2-2z" fill="#fff"/><path d="M15 19.5l3 3 6-6" stroke="#4f46e5" stroke-width="2.4" fill="none" '
    'stroke-linecap="round" stroke-linejoin="round"/></svg>'
)


def launch_options(coach: "Coach") -> dict[str, Any]:
    """Keyword arguments for ``Blocks.launch`` (in Gradio 6 theme, CSS and JS are launch options)."""
    return dict(
        theme=theme(), css=page_css(), js=page_js(), max_file_size=int(coach.settings.max_upload_mb * 1024 * 1024),
        footer_links=["api", "settings"], show_error=False, ssr_mode=False, pwa=False, mcp_server=False,
        state_session_capacity=MAX_SESSIONS,
    )


def queue(demo: "gr.Blocks", coach: "Coach") -> "gr.Blocks":
    """Configure the request queue in one place: reads run ``COACH_CONCURRENCY`` at a time; library writes run one
    at a time in their own concurrency group (``common.WRITE_EVENT``); the queue wakes on work instead of polling
    for it a thousand times a second (``queueing.WakefulQueue``)."""
    from coach.ui.queueing import wakeful

    demo.queue(default_concurrency_limit=coach.settings.concurrency, max_size=256)
    wakeful(demo._queue)
    return demo


# -- uploads ----------------------------------------------------------------------------------------------------------
def save_upload(coach: "Coach", src: str | Path, original_name: str | None = None) -> Path:
    """Store an uploaded file (see ``Coach.save_upload``: checked, never replacing another article)."""
    return coach.save_upload(src, original_name)


def save_paste(coach: "Coach", title: str, text: str) -> Path:
    """Write pasted article text to ``uploads_path`` (as .html when it is a page's source, else Markdown)."""
    from coach.text import stable_id

    title, text = (title or "").strip(), (text or "").strip()
    if not text:
        raise InputError("paste the article's text first (at least a few sentences)")
    if len(text) < 40:
        n = len(text.split())
        raise InputError(f"the pasted text is too short to be an article ({n} word{'s' * (n != 1)}); paste the whole "
                         "article, at least a few sentences")
    is_html = bool(re.search(r"<(html|body|article|h[1-3]|p)\b", text[:5000], re.I))
    if not is_html and title and not text.lstrip().startswith("#"):
        text = f"# {title}\n\n{text}"
    data = text.encode("utf-8")
    limit = coach.settings.max_upload_mb
    if len(data) > limit * 1024 * 1024:
        raise InputError(f"the pasted text is {len(data) / 1024 / 1024:.1f} MB; the limit is {limit:g} MB")
    slug = re.sub(r"[^a-z0-9]+", "-", (title or text[:60]).lower()).strip("-")[:60] or "pasted"
    dest_dir = coach.settings.uploads_path
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / f"pasted-{slug}-{stable_id(text, length=8)}{'.html' if is_html else '.md'}"
    dest.write_bytes(data)
    return dest


# -- the app ----------------------------------------------------------------------------------------------------------
def build_app(coach: "Coach", *, ready: threading.Event | None = None) -> "gr.Blocks":
    """The Blocks app over ``coach``: one module per tab, joined here. ``ready`` gates the first Coach call."""
    from coach.ui import chat, compare, library, practice

    gr = gradio()
    shared = Shared(coach)
    if ready is not None:
        shared.ready = ready
    else:
        shared.ready.set()

    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.HTML(f'<header id="brand">{LOGO}<div><h1>{TITLE}</h1><p>{render.esc(TAGLINE)}</p></div></header>',
                js_on_load=None)
        with gr.Tabs(elem_id="tabs"):
            with gr.Tab("Chat", id="chat", elem_id="tab-chat"):
                chat_tab = chat.build(shared)
            with gr.Tab("Practice", id="practice", elem_id="tab-practice"):
                practice_tab = practice.build(shared)
            with gr.Tab("Compare roles", id="compare", elem_id="tab-compare"):
                compare_tab = compare.build(shared)
            with gr.Tab("Library", id="library", elem_id="tab-library"):
                library_tab = library.build(shared)

        # Every tab follows the library: after a page load, an addition or a removal, each refreshes what it shows.
        inputs = [library_tab.removed, *chat_tab.refresh_inputs, *practice_tab.refresh_inputs,
                  *compare_tab.refresh_inputs]
        outputs = [*chat_tab.refresh_outputs, *practice_tab.refresh_outputs, *compare_tab.refresh_outputs,
                   *library_tab.refresh_outputs, library_tab.removed]
        n_chat, n_practice = len(chat_tab.refresh_inputs), len(practice_tab.refresh_inputs)

        def refresh(removed, *values):
            try:
                s = shared.summary()
            except Exception as exc:  # noqa: BLE001 - the library tab says why; the rest keeps what it has
                out = [gr.skip() for _ in outputs]
                out[outputs.index(library_tab.stats)] = render.error_html(message_of(exc))
                return tuple(out)
            c, p, k = values[:n_chat], values[n_chat:n_chat + n_practice], values[n_chat + n_practice:]
            return (*chat_tab.refresh(shared, s, *c), *practice_tab.refresh(shared, s, removed, *p),
                    *compare_tab.refresh(shared, s, *k), *library_tab.refresh(shared, s), None)

        for event in library_tab.events:
            event.then(refresh, inputs, outputs, api_visibility="private")
        demo.load(refresh, inputs, outputs, api_visibility="private")
        demo.load(*chat_tab.restore_event, api_visibility="private")
    return demo


def json_safe(value: Any) -> Any:
    """Rename "path" keys: Gradio treats any output dict with a "path" as a file to serve (and refuses it)."""
    if isinstance(value, dict):
        return {("doc_path" if k == "path" else k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    return value


def _warm_up(coach: "Coach", ready: threading.Event) -> None:
    """Open the library and load the embedding model before the first request needs them."""
    try:
        coach.library_summary()
        coach.query_embedder.encode(["warm up"])  # the int8 ONNX encoder: answers need no torch
        if coach.settings.llm == "none":
            coach.ask("How many interview rounds are there?")  # builds the BM25 index and retrieval caches
    except Exception as exc:  # noqa: BLE001 - a failed warm-up only means the first request is slower
        log.info("warm-up skipped: %s", exc)
    finally:
        ready.set()
        collect_garbage()
    # The full model (practice feedback, uploads) loads after the app already answers questions, and not at once:
    # importing torch holds the GIL for seconds, which made the first questions wait for it. Whatever needs it
    # sooner loads it on demand.
    time.sleep(FULL_MODEL_DELAY_S)
    try:
        coach.embedder.encode(["warm up"])
        from coach.critique import warm_up

        warm_up()  # the STAR reader's and word-shape tables: ~1 s the first practice answer paid
    except Exception as exc:  # noqa: BLE001
        log.info("model warm-up skipped: %s", exc)


def collect_garbage() -> None:
    """Turn cyclic garbage collection back on if start-up turned it off (``coach serve`` does: start-up creates a
    million long-lived objects and nearly no garbage, yet the collector's passes over them took a fifth of the CPU
    from process start to the first answer), with those objects set aside (``gc.freeze``): later passes skip them."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


@contextlib.contextmanager
def _server_app_built_at_launch() -> Iterator[None]:
    """Gradio builds a Blocks' FastAPI app when the Blocks is created, when its ``with`` block ends, at ``queue()``
    and again at ``launch()``; only launch's is served, and each took ~0.1 s of CPU before the first page. Inside
    this block the earlier three are skipped (``demo.app`` is None until ``launch``)."""
    from gradio.routes import App

    original = App.__dict__.get("create_app")
    if not isinstance(original, staticmethod):  # another gradio: build as usual
        yield
        return
    App.create_app = staticmethod(lambda *args, **kwargs: None)
    try:
        yield
    finally:
        App.create_app = original


def serve(coach: "Coach", host: str = "127.0.0.1", port: int = 7860, auth: tuple[str, str] | None = None, *,
          block: bool = True) -> "gr.Blocks":
    """Run the web app at http://host:port until interrupted (``block=False`` returns the running app)."""
    ready = threading.Event()
    with _server_app_built_at_launch():
        demo = queue(build_app(coach, ready=ready), coach)
    if not os.environ.get(APP_PROCESS_ENV):  # an app process behind ``coach serve --workers``: the front says where
        print(f"Interview Coach: http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}", flush=True)
    demo.launch(server_name=host, server_port=port, auth=auth, prevent_thread_lock=True, quiet=True,
                **launch_options(coach))
    # The library and the question encoder load once the page is served, not while gradio imports: imports hold
    # the GIL, so loading both at once only delayed the page (by a second or more) without answering any sooner.
    threading.Thread(target=_warm_up, args=(coach, ready), name="coach-warm-up", daemon=True).start()
    if block:
        demo.block_thread()
    return demo
