"""The Gradio web app: Chat, Practice, Compare roles and Library tabs over the ``Coach`` API (and nothing below it).

``serve(coach, host, port, auth)`` is what ``coach serve`` calls; ``build_app(coach)`` returns the ``gr.Blocks``.
Per-browser state (chat history, last feedback) lives in ``gr.State``, never in module globals, so concurrent
users never see each other's conversation. All article and user text reaches the page escaped (see ``render``).
"""
from __future__ import annotations

import functools
import inspect
import logging
import os
import random
import re
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

# Must be set before gradio is imported: otherwise it looks up outside hosts in the background.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from coach.errors import CoachError, InputError  # noqa: E402
from coach.ui import render  # noqa: E402

if TYPE_CHECKING:
    import gradio as gr

    from coach.api import Coach
    from coach.models import Answer, LibrarySummary

log = logging.getLogger("coach.ui")

ANY_ROLE = ""
ANY_COMPANY = ""
N_EXAMPLES = 6
MAX_TURNS = 12  # history turns sent to the Coach: enough for follow-ups, bounded per request
MAX_SHOWN_MESSAGES = 40  # chat messages a session keeps on screen (older ones scroll away): bounds per-session memory
MAX_SESSIONS = 1000  # browser sessions whose state Gradio keeps (its default, 10,000, let memory grow for hours)
TITLE = "Interview Coach"
TAGLINE = "Cited answers and rubric feedback from your own career articles — private, offline, on your machine."

CSS = """
.gradio-container { max-width: 1280px !important; margin: 0 auto !important; }
#brand { display: flex; align-items: center; gap: 14px; padding: 6px 2px 2px; }
#brand svg { flex: none; }
#brand h1 { font-size: 1.55rem; margin: 0; line-height: 1.2; letter-spacing: -0.01em; }
#brand p { margin: 2px 0 0; color: var(--body-text-color-subdued); font-size: 0.95rem; }
.hint { color: var(--body-text-color-subdued); font-size: 0.85rem; }
.user-msg { white-space: normal; }
.answer-text { line-height: 1.55; }
sup.cite { color: var(--color-accent); font-weight: 600; font-size: 0.72em; margin-left: 1px; }
.sources { margin-top: 10px; border-top: 1px solid var(--border-color-primary); padding-top: 6px; }
.sources-label { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em;
  color: var(--body-text-color-subdued); margin-bottom: 2px; }
details.source { margin: 3px 0; border-radius: 6px; }
details.source summary { cursor: pointer; font-size: 0.88rem; padding: 2px 0; }
details.source .src-n, .compare .src-n { font-weight: 700; color: var(--color-accent); }
details.source .src-section { color: var(--body-text-color-subdued); }
details.source .snippet { font-size: 0.88rem; margin: 4px 0 8px 0; padding: 8px 10px; border-left: 3px solid
  var(--color-accent); background: var(--background-fill-secondary); border-radius: 0 6px 6px 0; }
.scope-note { margin-bottom: 8px; padding: 8px 10px; border-radius: 8px; font-size: 0.9rem;
  background: rgba(245, 158, 11, 0.14); border: 1px solid rgba(245, 158, 11, 0.55); }
.streaming .cursor { animation: blink 1s steps(2) infinite; color: var(--color-accent); }
@keyframes blink { 50% { opacity: 0; } }
.score-card { display: flex; gap: 16px; align-items: center; padding: 14px 16px; border-radius: 12px;
  border: 1px solid var(--border-color-primary); background: var(--background-fill-secondary); }
.score-num { font-size: 2.6rem; font-weight: 800; line-height: 1; min-width: 110px; }
.score-of { font-size: 1rem; font-weight: 500; color: var(--body-text-color-subdued); }
.score-good .score-num { color: #16a34a; } .score-ok .score-num { color: #d97706; }
.score-low .score-num { color: #dc2626; }
.score-summary { font-weight: 600; } .score-counts { color: var(--body-text-color-subdued); font-size: 0.88rem; }
.rubric-table, .compare-table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
.rubric-table th, .rubric-table td, .compare-table th, .compare-table td { text-align: left; vertical-align: top;
  padding: 8px 10px; border-bottom: 1px solid var(--border-color-primary); }
.rubric-table thead th, .compare-table thead th { background: var(--background-fill-secondary);
  font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; }
.rubric-table .fix { color: var(--body-text-color-subdued); margin-top: 2px; }
.muted { color: var(--body-text-color-subdued); } .small { font-size: 0.78rem; margin-top: 2px; }
.badge { display: inline-block; padding: 2px 8px; border-radius: 999px; font-size: 0.78rem; font-weight: 600;
  white-space: nowrap; }
.badge-made { background: rgba(220, 38, 38, 0.15); color: #b91c1c; }
.badge-avoided { background: rgba(22, 163, 74, 0.15); color: #15803d; }
.badge-unclear { background: rgba(217, 119, 6, 0.15); color: #b45309; }
.badge-not_applicable { background: rgba(100, 116, 139, 0.15); color: #475569; }
.answer-highlight { line-height: 1.7; padding: 12px 14px; border-radius: 10px;
  border: 1px solid var(--border-color-primary); background: var(--background-fill-primary); }
mark.ev { padding: 1px 2px; border-radius: 4px; color: inherit; }
mark.ev-made { background: rgba(239, 68, 68, 0.28); border-bottom: 2px solid #dc2626; }
mark.ev-avoided { background: rgba(34, 197, 94, 0.25); border-bottom: 2px solid #16a34a; }
mark.ev-unclear { background: rgba(245, 158, 11, 0.28); }
.notes-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 10px; }
.notes { padding: 10px 12px; border-radius: 10px; border: 1px solid var(--border-color-primary); }
.notes h4 { margin: 0 0 4px; font-size: 0.9rem; } .notes ul { margin: 0; padding-left: 18px; font-size: 0.88rem; }
.notes.strengths { border-left: 4px solid #16a34a; } .notes.improvements { border-left: 4px solid #dc2626; }
.notes.delivery { border-left: 4px solid #6366f1; }
.empty, .stats.empty { padding: 14px; border-radius: 10px; border: 1px dashed var(--border-color-primary);
  color: var(--body-text-color-subdued); text-align: center; }
.stats { font-size: 0.92rem; padding: 4px 2px; }
.compare-title { font-weight: 700; font-size: 1.05rem; margin-bottom: 8px; }
.table-wrap { overflow-x: auto; }
.compare-table tbody th { width: 150px; white-space: nowrap; }
.compare-table td { width: 42%; } .compare-table .fact + .fact { margin-top: 6px; }
.compare-table a.cite { text-decoration: none; font-weight: 700; font-size: 0.8em; color: var(--color-accent); }
.compare-table .nil { color: var(--body-text-color-subdued); font-style: italic; }
.compare-table tr.shared td { font-size: 0.85rem; background: var(--background-fill-secondary); }
.shared-label { font-weight: 600; }
.compare-sources { margin-top: 12px; font-size: 0.85rem; } .compare-sources summary { cursor: pointer; }
.compare-sources ol { list-style: none; padding-left: 4px; }
.gradio-container table.compare-table, .gradio-container table.compare-table th,
.gradio-container table.compare-table td, .gradio-container table.rubric-table,
.gradio-container table.rubric-table th, .gradio-container table.rubric-table td,
.gradio-container table.library-table, .gradio-container table.library-table th,
.gradio-container table.library-table td { border-left: none !important; border-right: none !important;
  border-top: none !important; }
.gradio-container table.compare-table, .gradio-container table.rubric-table, .gradio-container table.library-table {
  border: 1px solid var(--border-color-primary) !important; border-radius: 10px; overflow: hidden; }
.library-table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
.library-table th, .library-table td { text-align: left; padding: 7px 10px;
  border-bottom: 1px solid var(--border-color-primary); vertical-align: top; }
.library-table thead th { background: var(--background-fill-secondary); font-size: 0.8rem;
  text-transform: uppercase; letter-spacing: 0.04em; }
.library-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
.library-table .doc-id { font-family: var(--font-mono); font-size: 0.78rem; color: var(--body-text-color-subdued); }
.examples-label { font-weight: 600; font-size: 0.9rem; margin: 6px 0 0; color: var(--body-text-color); }
#examples { gap: 6px !important; }
#examples button.example-q { justify-content: flex-start; text-align: left; white-space: normal; font-weight: 400;
  line-height: 1.35; padding: 7px 10px; height: auto; }
.compare-sources li:target { background: rgba(99, 102, 241, 0.15); border-radius: 4px; }
"""

# Ctrl/Cmd+Enter in the practice answer asks for feedback (Shift+Enter works too: Gradio's multi-line submit).
JS = """
() => {
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && e.target.closest && e.target.closest('#practice-answer')) {
      e.preventDefault();
      document.querySelector('#critique-btn')?.click();
    }
  });
}
"""

LOGO = (
    '<svg width="40" height="40" viewBox="0 0 40 40" aria-hidden="true"><rect width="40" height="40" rx="10" '
    'fill="#4f46e5"/><path d="M11 13h18a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-9l-5 4v-4h-4a2 2 0 0 1-2-2v-9a2 2 0 0 1 '
    '2-2z" fill="#fff"/><path d="M15 19.5l3 3 6-6" stroke="#4f46e5" stroke-width="2.4" fill="none" '
    'stroke-linecap="round" stroke-linejoin="round"/></svg>'
)


def _gradio():
    import gradio as gr

    return gr


def theme():
    """Soft theme with system fonts only: the default Google font would be fetched from outside."""
    gr = _gradio()
    sans = ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Liberation Sans", "sans-serif"]
    mono = ["ui-monospace", "SFMono-Regular", "Menlo", "Liberation Mono", "monospace"]
    return gr.themes.Soft(primary_hue="indigo", secondary_hue="sky", neutral_hue="slate", font=sans, font_mono=mono)


def launch_options(coach: "Coach") -> dict[str, Any]:
    """Keyword arguments for ``Blocks.launch`` (in Gradio 6 theme, CSS and JS are launch options)."""
    return dict(
        theme=theme(), css=CSS, js=JS, max_file_size=int(coach.settings.max_upload_mb * 1024 * 1024),
        footer_links=["api", "settings"], show_error=False, ssr_mode=False, pwa=False, mcp_server=False,
        state_session_capacity=MAX_SESSIONS,
    )


# -- error handling -------------------------------------------------------------------------------------------------
def _warn(message: str) -> None:
    _gradio().Warning(render.esc(message), title="Interview Coach")


def _guarded(n_outputs: int) -> Callable[[Callable], Callable]:
    """CoachError -> a warning banner with its message; anything else -> a short banner (the log has the details).

    Outputs are left unchanged on error, so a failed action never wipes what the user has on screen.
    """

    def skip():
        gr = _gradio()
        return tuple(gr.skip() for _ in range(n_outputs)) if n_outputs != 1 else gr.skip()

    def unexpected(fn, exc: BaseException) -> None:
        log.exception("%s failed", fn.__name__)
        _warn(f"Something went wrong ({type(exc).__name__}); details are in the server log.")

    def deco(fn: Callable) -> Callable:
        if inspect.isgeneratorfunction(fn):
            @functools.wraps(fn)
            def gen_wrapper(*args, **kwargs):
                try:
                    yield from fn(*args, **kwargs)
                except CoachError as exc:
                    _warn(str(exc))
                    yield skip()
                except Exception as exc:  # noqa: BLE001 - the UI must never show a traceback
                    unexpected(fn, exc)
                    yield skip()

            return gen_wrapper

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except CoachError as exc:
                _warn(str(exc))
            except Exception as exc:  # noqa: BLE001
                unexpected(fn, exc)
            return skip()

        return wrapper

    return deco


# -- uploads ----------------------------------------------------------------------------------------------------------
def save_upload(coach: "Coach", src: str | Path, original_name: str | None = None) -> Path:
    """Store an uploaded file (see ``Coach.save_upload``: checked, never replacing another article)."""
    return coach.save_upload(src, original_name)


def save_paste(coach: "Coach", title: str, text: str) -> Path:
    """Write pasted article text to ``uploads_path`` (as .html when it is a page's source, else Markdown)."""
    from coach.text import stable_id

    title, text = (title or "").strip(), (text or "").strip()
    if len(text) < 40:
        raise InputError("paste the article's text first (at least a few sentences)")
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


def _ingest_message(report) -> str:
    parts = []
    if report.added:
        parts.append(f"added {len(report.added)}")
    if report.updated:
        parts.append(f"updated {len(report.updated)}")
    if report.unchanged:
        parts.append(f"{len(report.unchanged)} already in the library")
    head = ", ".join(parts) or "nothing new"
    return (f"Library: {head} — {report.chunks} chunks, {report.rubric_items} rubric items, "
            f"{report.questions} practice questions ({report.seconds:.1f}s).")


# -- the app ----------------------------------------------------------------------------------------------------------
# Ingest and delete share one concurrency group of one worker; reads use the queue's default (settings.concurrency).
WRITE_EVENT = {"concurrency_id": "library-write", "concurrency_limit": 1}


def build_app(coach: "Coach", *, ready: threading.Event | None = None) -> "gr.Blocks":
    """The Blocks app over ``coach``. ``ready`` (set by ``serve`` after warm-up) gates the first Coach call."""
    gr = _gradio()
    if ready is None:
        ready = threading.Event()
        ready.set()
    export_dir = Path(tempfile.mkdtemp(prefix="coach-exports-"))
    upload_lock = threading.Lock()  # one ingest at a time from this app; the Library also locks across processes

    def wait_ready() -> None:
        ready.wait(timeout=300)

    # -- library-derived choices ------------------------------------------------------------------------------------
    def summary() -> "LibrarySummary":
        wait_ready()
        return coach.library_summary()

    def role_choices(s: "LibrarySummary", short: bool = False) -> list[tuple[str, str]]:
        out = []
        for r in s.roles:
            abbrev = [a for a in r.aliases if a.isupper() and len(a) <= 5][:1]
            out.append((r.name + (f" ({abbrev[0]})" if abbrev and not short else ""), r.name))
        return out

    def faq_questions() -> list[str]:
        try:
            return [p.question for a in coach.library.articles() for p in a.faq]
        except Exception:  # noqa: BLE001 - examples are optional garnish
            return []

    def bank(role: str | None) -> list[tuple[str, str]]:
        if not role:
            return []
        try:
            qs = coach.questions(role)
        except CoachError:
            return []
        return [(q.text if len(q.text) < 110 else q.text[:107] + "…", q.text) for q in qs]

    def comparisons() -> list[tuple[str, str]]:
        try:
            return [(f"{c.title}", c.doc_id) for c in coach.compare_roles()]
        except CoachError:
            return []

    # -- UI ---------------------------------------------------------------------------------------------------------
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        turns = gr.State([])  # plain-text history sent to the Coach (per browser session)
        display = gr.State([])  # rendered chat messages (per browser session)
        last_feedback = gr.State(None)

        gr.HTML(f'<div id="brand">{LOGO}<div><h1>{TITLE}</h1><p>{render.esc(TAGLINE)}</p></div></div>',
                js_on_load=None)

        with gr.Tabs(elem_id="tabs"):
            # ---------------------------------------------------------------- Chat
            with gr.Tab("Chat", id="chat", elem_id="tab-chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=7):
                        chatbot = gr.Chatbot(
                            label="Coach", elem_id="chatbot", height=540, latex_delimiters=[], sanitize_html=True,
                            placeholder=render.chat_placeholder(None), buttons=["copy"], feedback_options=None,
                            show_label=False,
                        )
                        with gr.Row():
                            msg = gr.Textbox(
                                show_label=False, placeholder="Ask about rounds, pay, system design, mistakes… (Enter to send)",
                                elem_id="chat-input", scale=8, lines=1, max_lines=4, autofocus=True,
                            )
                            ask_btn = gr.Button("Ask", variant="primary", scale=1, min_width=90, elem_id="ask-btn")
                        with gr.Row():
                            clear_btn = gr.Button("New conversation", size="sm", elem_id="clear-btn")
                            gr.HTML('<div class="hint">Answers quote the articles in your library; numbers in '
                                    "[brackets] open the passage they come from.</div>", js_on_load=None)
                    with gr.Column(scale=3, min_width=260):
                        chat_role = gr.Dropdown(
                            choices=[("Any role", ANY_ROLE)], value=ANY_ROLE, label="Focus on a role",
                            elem_id="chat-role", info="Retrieval prefers passages about this role.",
                            allow_custom_value=True,  # the Coach resolves aliases ("SRE") and rejects unknown roles
                        )
                        chat_company = gr.Dropdown(
                            choices=[("Any company", ANY_COMPANY)], value=ANY_COMPANY, label="Company",
                            elem_id="chat-company", info="Answer only from articles about this company.",
                            allow_custom_value=True,  # choices load with the page; the Coach rejects unknown names
                        )
                        gr.HTML('<div class="examples-label">Try asking</div>', js_on_load=None)
                        with gr.Column(elem_id="examples"):
                            example_btns = [gr.Button("", visible=False, size="sm", elem_classes=["example-q"])
                                            for _ in range(N_EXAMPLES)]
                        with gr.Accordion("Answer details", open=False, elem_id="answer-details"):
                            answer_json = gr.JSON(label="Last answer", elem_id="answer-json")

            # ---------------------------------------------------------------- Practice
            with gr.Tab("Practice", id="practice", elem_id="tab-practice"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=5):
                        with gr.Row():
                            p_role = gr.Dropdown(choices=[], label="Role", elem_id="practice-role", scale=2,
                                                 allow_custom_value=True)
                            p_bank = gr.Dropdown(choices=[], label="Question bank", elem_id="practice-bank",
                                                 scale=3, info="Pick one, or type your own question below.")
                        p_question = gr.Textbox(label="Question", lines=2, elem_id="practice-question",
                                                placeholder="Pick a question from the bank or type one")
                        p_answer = gr.Textbox(
                            label="Your answer", lines=9, max_lines=30, elem_id="practice-answer",
                            placeholder="Answer as you would out loud. Shift+Enter or Ctrl+Enter for feedback.",
                        )
                        with gr.Row():
                            critique_btn = gr.Button("Get feedback", variant="primary", elem_id="critique-btn",
                                                     scale=2)
                            random_btn = gr.Button("Random question", elem_id="random-btn", scale=1)
                    with gr.Column(scale=5):
                        score_out = gr.HTML('<div class="empty">Write an answer and press <b>Get feedback</b> to '
                                            "see your score, the rubric and advice.</div>",
                                            elem_id="score", js_on_load=None)
                        highlight_out = gr.HTML("", elem_id="highlight", js_on_load=None)
                        notes_out = gr.HTML("", elem_id="notes", js_on_load=None)
                        download = gr.DownloadButton("Download feedback (.md)", visible=False,
                                                     elem_id="download-feedback", size="sm")
                rubric_out = gr.HTML("", elem_id="rubric", js_on_load=None)
                history_plot = gr.LinePlot(
                    value=render.history_frame([], []), visible=False, x="attempt", y="score", color="series",
                    title="Scores over your attempts (overall and per rubric item: avoided = 100, made = 0)",
                    x_title="Attempt", y_title="Score", y_lim=[0, 100], height=300, elem_id="history-plot",
                    tooltip="all",
                )
                with gr.Accordion("Feedback details", open=False):
                    feedback_json = gr.JSON(label="Last feedback", elem_id="feedback-json")

            # ---------------------------------------------------------------- Compare
            with gr.Tab("Compare roles", id="compare", elem_id="tab-compare"):
                cmp_doc = gr.Dropdown(choices=[], label="Article", elem_id="compare-doc",
                                      info="Articles in your library that compare two or more roles.")
                cmp_out = gr.HTML('<div class="empty">Ingest an article that compares roles (e.g. "SWE vs SRE") '
                                  "to see them side by side.</div>", elem_id="compare-table", js_on_load=None)

            # ---------------------------------------------------------------- Library
            with gr.Tab("Library", id="library", elem_id="tab-library"):
                stats = gr.HTML(render.library_stats(render_empty_summary()), elem_id="library-stats",
                                js_on_load=None)
                docs = gr.HTML("", elem_id="library-table", js_on_load=None)
                with gr.Row(equal_height=False):
                    with gr.Column():
                        upload = gr.File(
                            label=f"Upload articles (.md, .txt, .html, .pdf — up to "
                                  f"{coach.settings.max_upload_mb:g} MB each)",
                            file_count="multiple", file_types=[".md", ".markdown", ".txt", ".html", ".htm", ".pdf"],
                            elem_id="upload",
                        )
                        upload_btn = gr.Button("Add uploaded files", variant="primary", elem_id="upload-btn")
                    with gr.Column():
                        paste_title = gr.Textbox(label="Title", placeholder="e.g. Acme SWE vs SRE interview",
                                                 elem_id="paste-title")
                        paste_text = gr.Textbox(label="Or paste an article (text, Markdown or HTML source)",
                                                lines=6, max_lines=14, elem_id="paste-text")
                        paste_btn = gr.Button("Add pasted article", elem_id="paste-btn")
                lib_status = gr.HTML("", elem_id="library-status", js_on_load=None)
                with gr.Row():
                    del_doc = gr.Dropdown(choices=[], label="Remove a document", elem_id="delete-doc", scale=4)
                    del_btn = gr.Button("Remove", variant="stop", elem_id="delete-btn", scale=1, min_width=100)

        # -- handlers -------------------------------------------------------------------------------------------------
        refresh_outputs = [chat_role, chat_company, *example_btns, chatbot, p_role, p_bank, p_question, cmp_doc, cmp_out, stats,
                           docs, del_doc, history_plot]

        @_guarded(len(refresh_outputs))
        def refresh(cur_chat_role, cur_company, cur_p_role, cur_question, cur_cmp):
            s = summary()
            roles = role_choices(s)
            names = [v for _, v in roles]
            chat_value = cur_chat_role if cur_chat_role in names else ANY_ROLE
            p_value = cur_p_role if cur_p_role in names else (names[0] if names else None)
            cmps = comparisons()
            cmp_value = cur_cmp if cur_cmp in [v for _, v in cmps] else (cmps[0][1] if cmps else None)
            qs = render.example_questions(s, faq_questions(), limit=N_EXAMPLES)
            qs += [""] * (N_EXAMPLES - len(qs))
            questions = bank(p_value)
            question = cur_question if (cur_question or "").strip() else (questions[0][1] if questions else "")
            return (
                gr.Dropdown(choices=[("Any role", ANY_ROLE)] + roles, value=chat_value),
                gr.Dropdown(choices=[("Any company", ANY_COMPANY)] + [(c, c) for c in s.companies],
                            value=cur_company if cur_company in s.companies else ANY_COMPANY),
                *[gr.Button(value=q, visible=bool(q)) for q in qs],
                gr.Chatbot(placeholder=render.chat_placeholder(s)),
                gr.Dropdown(choices=role_choices(s, short=True), value=p_value),
                gr.Dropdown(choices=questions, value=None),
                question,
                gr.Dropdown(choices=cmps, value=cmp_value),
                compare_view(cmp_value),
                render.library_stats(s),
                render.library_table(s),
                gr.Dropdown(choices=[(f"{d.title} ({d.doc_id[:8]})", d.doc_id) for d in s.documents], value=None),
                plot_for(p_value),
            )

        def compare_view(doc_id: str | None) -> str:
            if not doc_id:
                return ('<div class="empty">No article in the library compares two roles yet. Add one (e.g. '
                        '"Data Scientist vs Data Engineer") in the Library tab.</div>')
            wait_ready()
            return render.compare_html(coach.compare_roles(doc_id)[0])

        def plot_for(role: str | None):
            try:
                attempts = coach.history()
            except (CoachError, NotImplementedError):
                attempts = []
            s = coach.library_summary()
            frame = render.history_frame(attempts, s.rubric, role or None)
            return gr.LinePlot(value=frame, visible=not frame.empty)

        # Chat -----------------------------------------------------------------------------------------------------
        @_guarded(5)
        def ask(message: str, role: str, history: list, shown: list, company: str = ANY_COMPANY):
            message = (message or "").strip()
            if not message:
                _warn("Type a question first.")
                yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
                return
            wait_ready()
            shown = list(shown) + [{"role": "user", "content": render.user_message(message)},
                                   {"role": "assistant", "content": render.streaming_message("")}]
            yield "", shown, history, shown, gr.skip()
            text, answer, last = "", None, 0.0
            try:
                for piece in coach.ask_stream(message, history=history[-MAX_TURNS:], role=role or None,
                                              company=company or None):
                    if isinstance(piece, str):
                        text += piece
                        now = time.monotonic()
                        if now - last > 0.05:  # throttle: a message per token would flood the socket
                            shown[-1] = {"role": "assistant", "content": render.streaming_message(text)}
                            last = now
                            yield gr.skip(), shown, gr.skip(), gr.skip(), gr.skip()
                    else:
                        answer = piece
            except CoachError as exc:
                shown[-1] = {"role": "assistant", "content": f'<div class="scope-note">{render.esc(exc)}</div>'}
                _warn(str(exc))
                yield gr.skip(), shown, history, shown, gr.skip()
                return
            if answer is None:
                raise RuntimeError("ask_stream ended without an Answer")
            shown[-1] = {"role": "assistant", "content": render.answer_message(answer)}
            # Per-session state is kept for every browser session (Gradio holds up to ``state_session_capacity``
            # of them): only what a follow-up needs and the recent chat are kept, so memory stays flat with use.
            history = (list(history) + [{"role": "user", "content": message},
                                        {"role": "assistant", "content": answer.answer}])[-MAX_TURNS:]
            shown = shown[-MAX_SHOWN_MESSAGES:]
            yield gr.skip(), shown, history, shown, _json_safe(answer.model_dump(mode="json"))

        def clear():
            return [], [], [], "", None

        ask_inputs = [msg, chat_role, turns, display, chat_company]
        ask_outputs = [msg, chatbot, turns, display, answer_json]
        msg.submit(ask, ask_inputs, ask_outputs, api_name="ask")
        ask_btn.click(ask, ask_inputs, ask_outputs, api_visibility="private")
        clear_btn.click(clear, None, [chatbot, turns, display, msg, answer_json], api_visibility="private")
        chatbot.clear(clear, None, [chatbot, turns, display, msg, answer_json], api_visibility="private")
        for btn in example_btns:
            btn.click(lambda q: q, btn, msg, api_visibility="private").then(
                ask, ask_inputs, ask_outputs, api_visibility="private")

        # Practice -------------------------------------------------------------------------------------------------
        @_guarded(7)
        def critique(role: str, question: str, answer: str):
            if not role:
                raise InputError("pick a role first (the roles come from the articles in your library)")
            if not (question or "").strip():
                raise InputError("pick a question from the bank or type one")
            if not (answer or "").strip():
                raise InputError("write your answer first")
            wait_ready()
            fb = coach.critique(role, question.strip(), answer)
            path = export_dir / f"feedback-{time.strftime('%Y%m%d-%H%M%S')}-{random.randrange(1000):03d}.md"
            path.write_text(render.feedback_markdown(fb, answer), encoding="utf-8")
            return (
                render.score_html(fb),
                render.highlight_answer(answer, fb.items),
                render.notes_html(fb),
                render.rubric_table_html(fb),
                plot_for(role),
                gr.DownloadButton(value=str(path), visible=True),
                _json_safe(fb.model_dump(mode="json")),
            )

        critique_outputs = [score_out, highlight_out, notes_out, rubric_out, history_plot, download, feedback_json]
        critique_btn.click(critique, [p_role, p_question, p_answer], critique_outputs, api_name="critique")
        p_answer.submit(critique, [p_role, p_question, p_answer], critique_outputs, api_visibility="private")

        @_guarded(3)
        def on_role(role: str):
            choices = bank(role)
            return gr.Dropdown(choices=choices, value=None), (choices[0][1] if choices else ""), plot_for(role)

        p_role.input(on_role, p_role, [p_bank, p_question, history_plot], api_visibility="private")
        p_bank.input(lambda q: q or gr.skip(), p_bank, p_question, api_visibility="private")

        def random_question(role: str):
            choices = bank(role)
            if not choices:
                _warn("No practice questions for this role yet: type your own question.")
                return gr.skip()
            return random.choice(choices)[1]

        random_btn.click(random_question, p_role, p_question, api_visibility="private")

        # Compare --------------------------------------------------------------------------------------------------
        cmp_doc.input(_guarded(1)(compare_view), cmp_doc, cmp_out, api_visibility="private")

        # Library --------------------------------------------------------------------------------------------------
        @_guarded(2)
        def add_files(files, progress=gr.Progress()):
            if not files:
                raise InputError("choose one or more files to upload first")
            wait_ready()
            paths = [save_upload(coach, f) for f in (files if isinstance(files, list) else [files])]
            return run_ingest(paths, progress), None

        @_guarded(3)
        def add_paste(title, text, progress=gr.Progress()):
            path = save_paste(coach, title, text)
            wait_ready()
            return run_ingest([path], progress), "", ""

        def run_ingest(paths: list[Path], progress) -> str:
            def tick(done: int, total: int, path: str) -> None:
                progress((done, max(total, 1)), desc=f"Ingesting {Path(path).name}", unit="files")

            progress(0, desc="Loading the embedding model")
            with upload_lock:
                report = coach.ingest(paths, progress=tick)
            for skipped in report.skipped:
                _warn(f"{Path(skipped.path).name}: {skipped.reason}")
            if report.skipped and not (report.added or report.updated or report.unchanged):
                return f'<div class="scope-note">{render.esc("Nothing was added: see the warning.")}</div>'
            gr.Info(render.esc(_ingest_message(report)))
            return f'<div class="stats">{render.esc(_ingest_message(report))}</div>'

        @_guarded(1)
        def remove(doc_id: str | None):
            if not doc_id:
                raise InputError("choose a document to remove")
            wait_ready()
            doc = next((d for d in coach.library_summary().documents if d.doc_id == doc_id), None)
            coach.remove_document(doc_id)
            # An uploaded copy would otherwise linger under uploads/.
            if doc is not None:
                stored = Path(doc.path)
                stored = stored if stored.is_absolute() else Path.cwd() / stored
                uploads = coach.settings.uploads_path.resolve()
                if stored.resolve().parent == uploads and stored.exists():
                    stored.unlink()
            title = doc.title if doc else doc_id
            gr.Info(render.esc(f"Removed “{title}”."))
            return f'<div class="stats">Removed “{render.esc(title)}”.</div>'

        refresh_inputs = [chat_role, chat_company, p_role, p_question, cmp_doc]
        # Library writes run one at a time (one concurrency group); every other event is a read and runs in parallel.
        upload_btn.click(add_files, upload, [lib_status, upload], api_name="add_files", **WRITE_EVENT).then(
            refresh, refresh_inputs, refresh_outputs, api_visibility="private")
        paste_btn.click(add_paste, [paste_title, paste_text], [lib_status, paste_title, paste_text],
                        api_name="add_text", **WRITE_EVENT).then(
            refresh, refresh_inputs, refresh_outputs, api_visibility="private")
        del_btn.click(remove, del_doc, lib_status, api_name="remove_document", **WRITE_EVENT).then(
            refresh, refresh_inputs, refresh_outputs, api_visibility="private")
        demo.load(refresh, refresh_inputs, refresh_outputs, api_visibility="private")

    return demo


def _json_safe(value: Any) -> Any:
    """Rename "path" keys: Gradio treats any output dict with a "path" as a file to serve (and refuses it)."""
    if isinstance(value, dict):
        return {("doc_path" if k == "path" else k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


def render_empty_summary():
    from coach.models import LibrarySummary

    return LibrarySummary()


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
    try:  # the full model (practice feedback, uploads) loads after the app already answers questions
        coach.embedder.encode(["warm up"])
    except Exception as exc:  # noqa: BLE001
        log.info("model warm-up skipped: %s", exc)


def serve(coach: "Coach", host: str = "127.0.0.1", port: int = 7860, auth: tuple[str, str] | None = None, *,
          block: bool = True) -> "gr.Blocks":
    """Run the web app at http://host:port until interrupted (``block=False`` returns the running app)."""
    ready = threading.Event()
    # The model loads while gradio imports: both take seconds, and the first answer needs both.
    threading.Thread(target=_warm_up, args=(coach, ready), name="coach-warm-up", daemon=True).start()
    demo = build_app(coach, ready=ready)
    demo.queue(default_concurrency_limit=coach.settings.concurrency, max_size=256)
    print(f"Interview Coach: http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}", flush=True)
    demo.launch(server_name=host, server_port=port, auth=auth, prevent_thread_lock=not block, quiet=True,
                **launch_options(coach))
    return demo
