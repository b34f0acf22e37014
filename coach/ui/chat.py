"""The Chat tab: cited answers that stream in, follow-ups, role and company filters, starter questions.

The conversation lives in per-session ``gr.State`` (what the Coach sees) and is mirrored to the browser's own
storage (``gr.BrowserState``), so a reload of the page in the same browser brings it back; the server keeps nothing.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any

from coach.errors import CoachError, InputError
from coach.ui import render
from coach.ui.common import ANY_COMPANY, ANY_ROLE, Shared, api_only, gradio, message_of
from coach.ui.front import BROWSER_SECRET_ENV

N_EXAMPLES = 6
MAX_TURNS = 12  # history turns sent to the Coach: enough for follow-ups, bounded per request
MAX_SHOWN_MESSAGES = 40  # chat messages a session keeps on screen (older ones scroll away): bounds per-session memory
STORAGE_KEY = "interview-coach-conversation"

CSS = """
.user-msg { white-space: normal; }
.answer-text { line-height: 1.55; }
.answer a.cite { color: #3730a3; font-weight: 700; font-size: 0.8em; text-decoration: underline;
  text-underline-offset: 2px; margin-left: 1px; cursor: pointer; }
.sources { margin-top: 10px; border-top: 1px solid var(--border-color-primary); padding-top: 6px; }
.sources-label { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.06em; font-weight: 600;
  color: var(--body-text-color-subdued); margin-bottom: 2px; }
details.source { margin: 3px 0; border-radius: 6px; }
details.source summary { cursor: pointer; font-size: 0.88rem; padding: 2px 0; }
details.source .src-n { font-weight: 700; color: #3730a3; }
details.source .src-section { color: var(--body-text-color-subdued); }
details.source.flash { animation: flash 1.6s ease-out; }
@keyframes flash { from { background: #e0e7ff; } to { background: transparent; } }
details.source .snippet { font-size: 0.88rem; margin: 4px 0 8px 0; padding: 8px 10px; border-left: 3px solid
  #4338ca; background: var(--background-fill-secondary); border-radius: 0 6px 6px 0; }
.scope-note { margin-bottom: 8px; padding: 8px 10px; border-radius: 8px; font-size: 0.9rem; color: #713f12;
  background: #fefce8; border: 1px solid #a16207; }
.dark .scope-note { color: #fef08a; background: #422006; }
details.decline-more { margin-top: 6px; font-size: 0.9rem; line-height: 1.5; }
details.decline-more summary { cursor: pointer; font-weight: 600; color: #3730a3; }
.dark details.decline-more summary { color: #c7d2fe; }
.streaming .cursor { animation: blink 1s steps(2) infinite; color: #4338ca; }
@keyframes blink { 50% { opacity: 0; } }
.examples-label { font-weight: 600; font-size: 0.9rem; margin: 6px 0 0; color: var(--body-text-color); }
#examples { gap: 6px !important; }
#examples button.example-q { justify-content: flex-start; text-align: left; white-space: normal; font-weight: 400;
  line-height: 1.35; padding: 7px 10px; height: auto; }
#clear-btn { flex: 0 0 auto !important; width: auto !important; align-self: flex-start; }
#chat-actions { align-items: center; gap: 10px; }
#chat-input-row { align-items: flex-end; }
#chatbot { height: min(540px, 62vh) !important; }
/* "New conversation" clears the chat; the chatbot's own trash icon overlapped the latest message. */
/* Grey text on the chat bubbles' tinted background still needs 4.5:1. */
.sources-label, details.source .src-section { color: #334155 !important; }
.dark .sources-label, .dark details.source .src-section { color: #cbd5e1 !important; }
#chatbot .top-panel button[aria-label="Clear"] { display: none; }
/* On a phone the hint beside "New conversation" was a 130 px column of six lines: it goes under the button. */
/* On a phone the question box was 211 px beside "Ask": it takes the whole width, and "Ask" a full-width line under it
   (a large target for a thumb). */
@media (max-width: 640px) { #chatbot { height: min(460px, 58vh) !important; }
  #chat-actions { flex-wrap: wrap; } #chat-actions > :not(#clear-btn) { flex: 1 1 100% !important; }
  #chat-input-row { flex-wrap: wrap; } #chat-input-row > * { flex: 1 1 100% !important; }
  /* Gradio keeps 20 px either side of a message and 60 px in all: a 250 px column of text on a 360 px screen. */
  #chatbot .message-row.bubble { margin-left: 2px !important; margin-right: 2px !important;
    max-width: calc(100% - 12px) !important; } }
"""

JS = """
// [n] in an answer opens source n of that answer and scrolls to it (mouse and keyboard alike).
document.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('#chatbot a.cite');
  if (!a) return;
  e.preventDefault(); e.stopImmediatePropagation();
  const n = parseInt((a.textContent || '').replace(/\\D/g, ''), 10);
  const answer = a.closest('.answer') || a.closest('.message-content');
  const src = answer && [...answer.querySelectorAll('details.source')][n - 1];
  if (!src) return;
  src.open = true;
  src.classList.remove('flash'); void src.offsetWidth; src.classList.add('flash');
  src.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  src.querySelector('summary')?.focus({ preventScroll: true });
}, true);
// "Copy message" copies the text (answer, then its sources as Markdown), never the HTML behind it.
document.addEventListener('click', (e) => {
  const btn = e.target.closest && e.target.closest('#chatbot button[aria-label="Copy message"]');
  if (!btn) return;
  // The nearest message before the button: Gradio puts the buttons beside the message, not inside it.
  let body = null;
  for (let el = btn.parentElement; el && !body && el.id !== 'chatbot'; el = el.parentElement) {
    body = [...el.querySelectorAll('.message-content')]
      .filter((c) => c.compareDocumentPosition(btn) & Node.DOCUMENT_POSITION_FOLLOWING).pop() || null;
  }
  if (!body) return;
  e.preventDefault(); e.stopImmediatePropagation();
  const answer = body.querySelector('.answer-text');
  let text = (answer || body).innerText.trim();
  const sources = [...body.querySelectorAll('details.source')];
  if (answer && sources.length) {
    text += '\\n\\nSources:\\n' + sources.map((d) => {
      const head = d.querySelector('summary').innerText.trim();
      const snippet = d.querySelector('.snippet').textContent.trim();
      return '- ' + head + '\\n  > ' + snippet.replace(/\\n+/g, ' ');
    }).join('\\n');
  }
  navigator.clipboard.writeText(text);
  btn.setAttribute('title', 'Copied');
}, true);
"""


EXAMPLES_LABEL = '<div class="examples-label" id="examples-label">Try asking</div>'


@dataclass
class ChatTab:
    role: Any
    company: Any
    examples_label: Any
    examples: list
    chatbot: Any
    msg: Any
    error: Any
    restore_event: tuple = ()  # (fn, inputs, outputs) for the page's load event: the saved conversation

    def refresh(self, shared: Shared, s, cur_role: str, cur_company: str) -> tuple:
        """New choices after the library changed (a deleted role or company falls back to "any")."""
        gr = gradio()
        roles = shared.role_choices(s)
        role = cur_role if cur_role in [v for _, v in roles] else ANY_ROLE
        qs = render.example_questions(s, _faq_questions(shared), limit=N_EXAMPLES)
        qs += [""] * (N_EXAMPLES - len(qs))
        return (
            gr.Dropdown(choices=[("Any role", ANY_ROLE)] + roles, value=role),
            gr.Dropdown(choices=[("Any company", ANY_COMPANY)] + [(c, c) for c in s.companies],
                        value=cur_company if cur_company in s.companies else ANY_COMPANY),
            EXAMPLES_LABEL if any(qs) else "",  # no heading over an empty list (an empty library)
            *[gr.Button(value=q, visible=bool(q)) for q in qs],
            gr.Chatbot(placeholder=render.chat_placeholder(s)),
        )

    @property
    def refresh_inputs(self) -> list:
        return [self.role, self.company]

    @property
    def refresh_outputs(self) -> list:
        return [self.role, self.company, self.examples_label, *self.examples, self.chatbot]


def _faq_questions(shared: Shared) -> list[str]:
    try:
        return [p.question for a in shared.coach.library.articles() for p in a.faq]
    except Exception:  # noqa: BLE001 - examples are optional garnish
        return []


def check_question(message: str) -> str:
    """The trimmed question, or ``InputError`` before anything is posted (empty, or over the length limit)."""
    from coach.chain import MAX_QUESTION_CHARS

    message = (message or "").strip()
    if not message:
        raise InputError("Type a question first.")
    if len(message) > MAX_QUESTION_CHARS:
        raise InputError(f"Your question is {len(message):,} characters long; keep it under "
                         f"{MAX_QUESTION_CHARS:,} characters.")
    return message


def answer_stream(shared: Shared, message: str, role: str, company: str, history: list, shown: list):
    """Yield ``(shown, None)`` while the answer streams, then ``(shown, (history, answer))``; CoachError escapes."""
    shared.wait_ready()
    shown = list(shown) + [{"role": "user", "content": render.user_message(message)},
                           {"role": "assistant", "content": render.streaming_message("")}]
    yield shown, None
    text, answer, last = "", None, 0.0
    for piece in shared.coach.ask_stream(message, history=history[-MAX_TURNS:], role=role or None,
                                         company=company or None):
        if isinstance(piece, str):
            text += piece
            now = time.monotonic()
            if now - last > 0.05:  # throttle: a message per token would flood the socket
                shown[-1] = {"role": "assistant", "content": render.streaming_message(text)}
                last = now
                yield shown, None
        else:
            answer = piece
    if answer is None:
        raise RuntimeError("ask_stream ended without an Answer")
    shown[-1] = {"role": "assistant", "content": render.answer_message(answer)}
    # Gradio keeps every browser session's state (up to ``state_session_capacity``): keep only what a follow-up
    # needs and the recent chat, so memory stays flat with use.
    history = (list(history) + [{"role": "user", "content": message},
                                {"role": "assistant", "content": answer.answer}])[-MAX_TURNS:]
    yield shown[-MAX_SHOWN_MESSAGES:], (history, answer)


def build(shared: Shared) -> ChatTab:
    """The Chat tab's components and events (call inside ``gr.Blocks``)."""
    from coach.ui.app import json_safe

    gr = gradio()
    turns = gr.State([])  # plain-text history sent to the Coach (per browser session)
    display = gr.State([])  # rendered chat messages (per browser session)
    # One secret for all app processes (``coach serve --workers``): a reload may land on another process.
    saved = gr.BrowserState({"turns": [], "display": []}, storage_key=STORAGE_KEY,
                            secret=os.environ.get(BROWSER_SECRET_ENV))

    with gr.Row(equal_height=False):
        with gr.Column(scale=7, min_width=300):
            chatbot = gr.Chatbot(
                label="Conversation", elem_id="chatbot", latex_delimiters=[], sanitize_html=True,
                placeholder=render.chat_placeholder(None), buttons=["copy"], feedback_options=None, show_label=False,
            )
            with gr.Row(equal_height=False, elem_id="chat-input-row"):
                msg = gr.Textbox(
                    label="Your question", placeholder="Ask about rounds, pay, system design, mistakes…",
                    info="Enter sends; Shift+Enter starts a new line.", elem_id="chat-input", scale=8, lines=1,
                    max_lines=4, autofocus=True, min_width=200,
                )
                ask_btn = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="ask-btn")
            error = gr.HTML("", elem_id="chat-error", js_on_load=None)
            with gr.Row(elem_id="chat-actions"):
                clear_btn = gr.Button("New conversation", size="md", elem_id="clear-btn", scale=0, min_width=160)
                gr.HTML('<div class="hint">Answers quote the articles in your library; select a number such as '
                        "[1] to open the passage it comes from.</div>", js_on_load=None)
        with gr.Column(scale=3, min_width=260):
            role = gr.Dropdown(
                choices=[("Any role", ANY_ROLE)], value=ANY_ROLE, label="Focus on a role", elem_id="chat-role",
                info="Retrieval prefers passages about this role.",
                allow_custom_value=True,  # the Coach resolves aliases ("SRE") and rejects unknown roles
            )
            company = gr.Dropdown(
                choices=[("Any company", ANY_COMPANY)], value=ANY_COMPANY, label="Company", elem_id="chat-company",
                info="Answer only from articles about this company.",
                allow_custom_value=True,  # choices load with the page; the Coach rejects unknown names
            )
            examples_label = gr.HTML(EXAMPLES_LABEL, js_on_load=None)
            with gr.Column(elem_id="examples"):
                examples = [gr.Button("", visible=False, size="sm", elem_classes=["example-q"])
                            for _ in range(N_EXAMPLES)]
            with gr.Accordion("Answer details", open=False, elem_id="answer-details"):
                answer_json = gr.JSON(label="Last answer", elem_id="answer-json")

    def ask_ui(message: str, role_: str, history: list, shown: list, company_: str = ANY_COMPANY):
        """The page's event: errors appear under the box, which keeps the question; nothing is posted before."""
        skip = gr.skip()
        try:
            message = check_question(message)
        except CoachError as exc:
            yield skip, skip, skip, skip, skip, render.error_html(message_of(exc)), skip
            return
        try:
            for new_shown, done in answer_stream(shared, message, role_, company_, history, shown):
                if done is None:
                    yield "", new_shown, skip, skip, skip, "", skip
                else:
                    new_history, answer = done
                    yield (skip, new_shown, new_history, new_shown, json_safe(answer.model_dump(mode="json")), "",
                           {"turns": new_history, "display": new_shown})
        except Exception as exc:  # noqa: BLE001 - the page shows the message, never a traceback
            # Take the question back into the box and the half-posted bubbles off the conversation.
            yield message, list(shown), skip, skip, skip, render.error_html(message_of(exc)), skip

    def ask_api(message: str, role: str, history: list, shown: list, company: str = ANY_COMPANY):
        # A plain function, not a generator: API clients get the final answer only, and Gradio runs a generator
        # step by step through its thread pool and queue (several hand-offs per request).
        message = check_question(message)
        *_, (new_shown, done) = answer_stream(shared, message, role, company, history, shown)
        new_history, answer = done
        return "", new_shown, new_history, new_shown, json_safe(answer.model_dump(mode="json"))

    ui_inputs = [msg, role, turns, display, company]
    ui_outputs = [msg, chatbot, turns, display, answer_json, error, saved]
    msg.submit(ask_ui, ui_inputs, ui_outputs, api_visibility="private")
    ask_btn.click(ask_ui, ui_inputs, ui_outputs, api_visibility="private")
    api_only(gr, ask_api, ui_inputs, [msg, chatbot, turns, display, answer_json], api_name="ask")
    msg.input(None, None, error, js="() => ''", api_visibility="private")  # typing again clears the error

    def clear():
        return [], [], [], "", None, "", {"turns": [], "display": []}

    clear_btn.click(clear, None, [chatbot, turns, display, msg, answer_json, error, saved], api_visibility="private")
    for btn in examples:
        btn.click(lambda q: q, btn, msg, api_visibility="private").then(
            ask_ui, ui_inputs, ui_outputs, api_visibility="private")

    def restore(stored: dict | None):
        stored = stored or {}
        shown, history = stored.get("display") or [], stored.get("turns") or []
        return shown, history, shown

    tab = ChatTab(role=role, company=company, examples_label=examples_label, examples=examples, chatbot=chatbot,
                  msg=msg, error=error)
    tab.restore_event = (restore, [saved], [chatbot, turns, display])
    return tab
