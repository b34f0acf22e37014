"""What every tab shares: the ``Shared`` context (the Coach, readiness, library-derived choices), error handling
(inline for the page, error text for API clients), the theme and the page-wide CSS and script.
"""
from __future__ import annotations

import functools
import inspect
import logging
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from coach.errors import CoachError
from coach.ui import render

if TYPE_CHECKING:
    from coach.api import Coach
    from coach.models import LibrarySummary

log = logging.getLogger("coach.ui")

ANY_ROLE = ""
ANY_COMPANY = ""


def gradio():
    import gradio as gr

    return gr


@dataclass
class Shared:
    """The Coach plus what the tabs derive from its library (no per-user state: that lives in gr.State)."""

    coach: "Coach"
    ready: threading.Event = field(default_factory=threading.Event)
    export_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="coach-exports-")))
    upload_lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_ready(self) -> None:
        self.ready.wait(timeout=300)

    def summary(self) -> "LibrarySummary":
        self.wait_ready()
        return self.coach.library_summary()

    @staticmethod
    def role_choices(s: "LibrarySummary", short: bool = False) -> list[tuple[str, str]]:
        out = []
        for r in s.roles:
            abbrev = [a for a in r.aliases if a.isupper() and len(a) <= 5][:1]
            out.append((r.name + (f" ({abbrev[0]})" if abbrev and not short else ""), r.name))
        return out

    def bank(self, role: str | None) -> list[tuple[str, str]]:
        if not role:
            return []
        try:
            qs = self.coach.questions(role)
        except CoachError:
            return []
        return [(q.text if len(q.text) < 110 else q.text[:107] + "…", q.text) for q in qs]

    def path_bases(self) -> list[Path]:
        return [self.coach.settings.home, Path.cwd()]


# -- errors ---------------------------------------------------------------------------------------------------------
def message_of(exc: BaseException) -> str:
    """What the user reads: a CoachError's own message (infrastructure failures included), else a short notice."""
    if isinstance(exc, CoachError):
        return render.sentence_case(str(exc))
    log.error("unexpected %s", type(exc).__name__, exc_info=exc)
    return f"Unexpected error ({type(exc).__name__}); the server log has the details."


def api_errors(fn: Callable) -> Callable:
    """For API endpoints: any failure reaches the client as a ``gr.Error`` carrying the message text."""
    gr = gradio()

    if inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def gen(*args, **kwargs):
            try:
                yield from fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - the client gets the message, never a traceback
                raise gr.Error(message_of(exc), print_exception=False) from None

        return gen

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001
            raise gr.Error(message_of(exc), print_exception=False) from None

    return wrapper


# Library writes (ingest, delete) share one concurrency group of one worker; reads use the queue's default.
WRITE_EVENT = {"concurrency_id": "library-write", "concurrency_limit": 1}


def api_only(gr, fn: Callable, inputs: list, outputs: list, api_name: str, **event: Any) -> None:
    """Register ``fn`` as a named API endpoint, apart from the page's events (which show errors inline)."""
    trigger = gr.Button(visible=False)
    trigger.click(api_errors(fn), inputs, outputs, api_name=api_name, show_progress="hidden", **event)


# -- theme, CSS and script shared by all tabs --------------------------------------------------------------------
def theme():
    """Soft theme with system fonts only (the default Google font would be fetched from outside); grey text dark
    enough for WCAG AA (4.5:1) on the light and dark backgrounds."""
    gr = gradio()
    sans = ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Liberation Sans", "sans-serif"]
    mono = ["ui-monospace", "SFMono-Regular", "Menlo", "Liberation Mono", "monospace"]
    return gr.themes.Soft(primary_hue="indigo", secondary_hue="sky", neutral_hue="slate", font=sans,
                          font_mono=mono).set(
        body_text_color_subdued="#475569", body_text_color_subdued_dark="#cbd5e1",
        block_info_text_color="#475569", block_info_text_color_dark="#cbd5e1",
        block_label_text_color="#334155", block_title_text_color="#1e293b",
        input_placeholder_color="#64748b", input_placeholder_color_dark="#94a3b8",
        button_primary_background_fill="#4338ca", button_primary_background_fill_hover="#3730a3",
        button_primary_text_color="#ffffff", color_accent_soft="#e0e7ff",
        button_cancel_background_fill="#b91c1c", button_cancel_background_fill_hover="#991b1b",
        button_cancel_text_color="#ffffff", link_text_color="#3730a3",
    )


CSS = """
.gradio-container { max-width: 1280px !important; margin: 0 auto !important; }
.gradio-container, .gradio-container * { min-width: 0; }
#brand { display: flex; align-items: center; gap: 14px; padding: 6px 2px 2px; }
#brand svg { flex: none; }
#brand h1 { font-size: 1.55rem; margin: 0; line-height: 1.2; letter-spacing: -0.01em; }
#brand p { margin: 2px 0 0; color: var(--body-text-color-subdued); font-size: 0.95rem; }
.hint { color: var(--body-text-color-subdued); font-size: 0.85rem; }
.sr-only { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.muted { color: var(--body-text-color-subdued); } .small { font-size: 0.78rem; margin-top: 2px; }
.empty, .stats.empty { padding: 14px; border-radius: 10px; border: 1px dashed var(--border-color-primary);
  color: var(--body-text-color-subdued); text-align: center; }
.inline-error { margin: 4px 0; padding: 8px 12px; border-radius: 8px; font-size: 0.92rem; color: #7f1d1d;
  background: #fef2f2; border: 1px solid #b91c1c; }
.inline-error .file-errors { margin: 4px 0 0; padding-left: 1.3em; } .file-errors li + li { margin-top: 4px; }
.inline-error .err-icon { display: inline-block; width: 1.2em; height: 1.2em; line-height: 1.2em; text-align: center;
  border-radius: 50%; background: #b91c1c; color: #fff; font-weight: 700; margin-right: 4px; }
.inline-ok { margin: 4px 0; padding: 8px 12px; border-radius: 8px; font-size: 0.92rem; color: #14532d;
  background: #f0fdf4; border: 1px solid #15803d; }
.dark .inline-error { color: #fecaca; background: #450a0a; } .dark .inline-ok { color: #bbf7d0; background: #052e16; }
/* Tables: horizontal rules only (the theme draws a full grid). */
.gradio-container table.stack, .gradio-container table.stack th, .gradio-container table.stack td {
  border-left: none !important; border-right: none !important; border-top: none !important; }
.gradio-container table.stack { border: 1px solid var(--border-color-primary) !important; border-radius: 10px; }
/* Keyboard focus is always visible. */
.gradio-container :is(button, a, summary, input, textarea, [tabindex]):focus-visible {
  outline: 3px solid #4338ca !important; outline-offset: 2px !important; }
/* All four tabs fit on a 360 px screen, so Gradio never hides one behind its "More tabs" menu. */
#tabs .tab-container button { padding: 6px 10px; }
/* Gradio's page margin (32 px a side) is too much for a 360 px phone; this rule must stay outside @media because
   Gradio scopes rules inside one to the page's content, below this element. */
.gradio-container > .main { padding-left: clamp(10px, 4vw, 32px) !important;
  padding-right: clamp(10px, 4vw, 32px) !important; }
#tabs .tab-container button.selected { color: #3730a3; }
/* A dropdown's value ran under its arrow ("… vs Data Engin▾" on a phone): it stops before the arrow, with "…". */
.gradio-container input[role="combobox"] { text-overflow: ellipsis; padding-right: 26px !important; }
/* Gradio's footer hides its API link on a phone but keeps the divider after it ("· Settings"): the divider goes with
   the link instead (the link's own ::after, hidden with it; empty alternative text, so it is no part of its name). */
footer > .record + .divider { display: none !important; }
footer > .show-api::after { content: "·"; content: "·" / ""; margin-left: var(--size-1);
  margin-right: var(--size-2); }
@media (max-width: 640px) {
  #brand h1 { font-size: 1.25rem; } #brand p { font-size: 0.85rem; }
  #tabs .tab-container button { padding: 6px 6px; font-size: 0.88rem; }
  /* Tables become one card per row, each cell labelled with its column. */
  table.stack, table.stack tbody, table.stack tr, table.stack td, table.stack th[scope=row] { display: block;
    width: 100% !important; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack tr { border-bottom: 2px solid var(--border-color-primary); padding: 6px 0; }
  table.stack td, table.stack th[scope=row] { border: none !important; padding: 3px 10px !important; }
  table.stack td[data-label]::before { content: attr(data-label); display: block; font-size: 0.75rem;
    font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: var(--body-text-color-subdued); }
  table.stack td.num { text-align: left !important; }
  table.stack .shared-topic { display: none; }
}
"""

# Page-wide behaviour (the tabs add their own pieces through their JS strings, joined in app.py).
JS = """
// Screen readers get each chat message as text: Gradio labels a message with its raw HTML source.
function coachLabelMessages(root) {
  root.querySelectorAll('#chatbot [data-testid=bot], #chatbot [data-testid=user]').forEach((el) => {
    const who = el.getAttribute('data-testid') === 'bot' ? 'Coach: ' : 'You: ';
    const body = el.querySelector('.message-content') || el;
    const text = who + (body.innerText || '').replace(/\\s+/g, ' ').trim();
    if (el.getAttribute('aria-label') !== text) el.setAttribute('aria-label', text);
  });
}
// A dropdown's option list is keyboard-focusable once it scrolls (Chromium makes scroll containers Tab stops), so Tab
// from the box moved into the list, which closes as the box loses focus: focus fell to the page body. The options are
// reached with the arrow keys from the box (aria-activedescendant), so the list itself leaves the Tab order.
function coachUntabLists(root) {
  root.querySelectorAll('ul[role=listbox]:not([tabindex])').forEach((el) => el.setAttribute('tabindex', '-1'));
}
// Gradio draws a shown gr.Group as a group inside a group, both with its elem_id: two elements with one id (and two
// red borders round the delete confirmation). The inner one gives the id up.
function coachUniqueIds(root) {
  root.querySelectorAll('.gr-group[id] > .gr-group[id]').forEach((el) => {
    if (el.id === el.parentElement.id) el.removeAttribute('id');
  });
}
let coachLabelPending = false;
new MutationObserver(() => {
  coachUntabLists(document);  // at once: a Tab may follow the focus that opened the list
  coachUniqueIds(document);
  if (coachLabelPending) return;
  coachLabelPending = true;
  requestAnimationFrame(() => { coachLabelPending = false; coachLabelMessages(document); });
}).observe(document.body,
  { subtree: true, childList: true, characterData: true });
"""
