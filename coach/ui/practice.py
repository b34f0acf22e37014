"""The Practice tab: pick a role and question, answer, get rubric feedback with evidence, and see progress."""
from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from typing import Any

from coach.errors import CoachError, InputError
from coach.ui import render
from coach.ui.common import Shared, api_only, gradio, message_of

BANK_INFO = "Pick one, or type your own question below."
EMPTY_SCORE = ('<div class="empty">Write an answer and press <b>Get feedback</b> (or Ctrl+Enter) to see your score, '
               "the rubric and advice.</div>")

CSS = """
.score-card { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; padding: 14px 16px;
  border-radius: 12px; border: 1px solid var(--border-color-primary); background: var(--background-fill-secondary); }
.score-num { font-size: 2.6rem; font-weight: 800; line-height: 1; min-width: 110px; }
.score-of { font-size: 1rem; font-weight: 500; color: var(--body-text-color-subdued); }
.score-good .score-num { color: #15803d; } .score-ok .score-num { color: #b45309; }
.score-low .score-num { color: #b91c1c; }
.score-summary { font-weight: 600; } .score-counts { color: var(--body-text-color-subdued); font-size: 0.88rem; }
.score-explain { flex-basis: 100%; display: grid;
  grid-template-columns: repeat(auto-fit, minmax(min(260px, 100%), 1fr));
  gap: 8px 16px; font-size: 0.86rem; }
.score-why h4 { margin: 0 0 2px; font-size: 0.85rem; } .score-why ul { margin: 0; padding-left: 18px; }
.score-why .pts { font-variant-numeric: tabular-nums; font-weight: 700; }
.score-up .pts { color: #15803d; } .score-down .pts { color: #b91c1c; }
.score-sum { grid-column: 1 / -1; font-variant-numeric: tabular-nums; color: var(--body-text-color-subdued); }
.rubric-table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
.rubric-table th, .rubric-table td { text-align: left; vertical-align: top; padding: 8px 10px;
  border-bottom: 1px solid var(--border-color-primary); }
.rubric-table thead th { background: var(--background-fill-secondary); font-size: 0.8rem; text-transform: uppercase;
  letter-spacing: 0.04em; }
.rubric-table .fix { color: var(--body-text-color-subdued); margin-top: 2px; }
.rubric-unclear { margin-top: 10px; font-size: 0.9rem; } .rubric-unclear ul { margin: 4px 0 0 1.2em; }
.rubric-unclear summary { cursor: pointer; padding: 4px 0; } .rubric-unclear li + li { margin-top: 4px; }
.badge { display: inline-block; padding: 2px 8px; border-radius: 999px; font-size: 0.78rem; font-weight: 600;
  white-space: nowrap; }
.badge-made { background: #fee2e2; color: #991b1b; } .badge-avoided { background: #dcfce7; color: #166534; }
.badge-unclear { background: #fef3c7; color: #92400e; } .badge-not_applicable { background: #e2e8f0; color: #334155; }
.answer-highlight { line-height: 1.7; padding: 12px 14px; border-radius: 10px; overflow-wrap: anywhere;
  border: 1px solid var(--border-color-primary); background: var(--background-fill-primary); }
mark.ev { padding: 1px 2px; border-radius: 4px; color: inherit; }
mark.ev-made { background: rgba(239, 68, 68, 0.22); border-bottom: 2px solid #b91c1c; }
mark.ev-avoided { background: rgba(34, 197, 94, 0.2); border-bottom: 2px solid #15803d; }
mark.ev-unclear { background: rgba(245, 158, 11, 0.25); }
.notes-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(220px, 100%), 1fr)); gap: 10px; }
.notes { padding: 10px 12px; border-radius: 10px; border: 1px solid var(--border-color-primary); }
.notes h4 { margin: 0 0 4px; font-size: 0.9rem; } .notes ul { margin: 0; padding-left: 18px; font-size: 0.88rem; }
.notes.strengths { border-left: 4px solid #15803d; } .notes.improvements { border-left: 4px solid #b91c1c; }
.notes.delivery { border-left: 4px solid #4338ca; }
.progress { margin: 0; } .progress-title { font-weight: 700; font-size: 1rem; }
.progress-desc { font-size: 0.85rem; color: var(--body-text-color-subdued); }
.progress-plot { width: 100%; max-width: 900px; }
.progress-svg { width: 100%; height: auto; display: block; }
.progress-svg .grid { stroke: var(--border-color-primary); stroke-width: 1; }
.progress-svg .tick { font-size: 14px; fill: var(--body-text-color); }
.progress-legend { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px;
  font-size: 0.85rem; }
.progress-legend li { display: flex; align-items: center; gap: 6px; }
.progress-legend .last { color: var(--body-text-color-subdued); white-space: nowrap; }
/* a long rubric label squeezed the swatch to a dot on a phone: the swatch keeps its size */
.progress-legend li > svg { flex: none; }
#practice-role, #practice-bank { min-width: min(100%, 280px) !important; }
#score .wait-note { display: block; position: relative; z-index: 10; margin: 8px 0 0; padding: 8px 12px;
  border-radius: 8px; font-size: 0.9rem; color: #1e1b4b; background: #eef2ff; border: 1px solid #4338ca; }
.dark #score .wait-note { color: #e0e7ff; background: #1e1b4b; }
/* On a phone "Random question" wrapped to two lines beside a one-line "Get feedback": one full-width button each. */
@media (max-width: 640px) { #practice-actions { flex-wrap: wrap; }
  #practice-actions > * { flex: 1 1 100% !important; } }
"""

# While feedback is on its way the score says so after a few seconds: the first feedback after a start loads the full
# model, up to a minute on a busy machine, and showed only a timer over "Write an answer and press Get feedback".
# The note is real text added to the score, a live region (CSS-generated text may not be read out at all).
WAIT_NOTE = ("Still reading your answer: the first feedback after the app starts also loads the feedback model, "
             "which can take a minute.")
WAIT_NOTE_AFTER_MS = 4000  # a quick answer never shows it
MARK_WAITING = "(...args) => { window.coachFeedbackWait?.(true); return args; }"
UNMARK_WAITING = "() => { window.coachFeedbackWait?.(false); }"

# Ctrl/Cmd+Enter in the answer asks for feedback.
JS = """
// On: the score is marked as waiting, and after a few seconds says why in words; off: both go.
window.coachFeedbackWait = (on) => {
  const score = document.getElementById('score');
  clearTimeout(window.coachWaitTimer);
  score?.querySelector('.wait-note')?.remove();
  if (!on) { score?.removeAttribute('data-waiting'); return; }
  score?.setAttribute('data-waiting', '');
  window.coachWaitTimer = setTimeout(() => {
    const now = document.getElementById('score');
    if (!now || !now.hasAttribute('data-waiting') || now.querySelector('.wait-note')) return;
    const note = document.createElement('p');
    note.className = 'wait-note';
    note.textContent = WAIT_NOTE_TEXT;
    now.appendChild(note);
  }, WAIT_NOTE_AFTER_MS);
};
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && e.target.closest && e.target.closest('#practice-answer')) {
    e.preventDefault();
    document.querySelector('#critique-btn')?.click();
  }
});
// Focus stays on "Get feedback", so a screen reader heard nothing when the score arrived: the score is a live region.
(function coachLiveScore() {
  const score = document.getElementById('score');
  if (score) score.setAttribute('aria-live', 'polite'); else setTimeout(coachLiveScore, 300);
})();
""".replace("WAIT_NOTE_TEXT", json.dumps(WAIT_NOTE)).replace("WAIT_NOTE_AFTER_MS", str(WAIT_NOTE_AFTER_MS))


@dataclass
class PracticeTab:
    role: Any
    bank: Any
    question: Any
    feedback_json: Any
    outputs: list  # score, highlight, notes, rubric, progress, download, feedback_json

    @property
    def refresh_inputs(self) -> list:
        return [self.role, self.question, self.feedback_json]

    @property
    def refresh_outputs(self) -> list:
        return [self.role, self.bank, self.question, *self.outputs]

    def refresh(self, shared: Shared, s, removed: dict | None, cur_role: str, cur_question: str,
                feedback: dict | None) -> tuple:
        """Follow the library: a deleted article's role, question and feedback leave the page."""
        gr = gradio()
        choices = role_choices(shared, s)
        names = [v for _, v in choices]
        role = cur_role if cur_role in names else names[0]
        questions = shared.bank(role)
        removed = removed or {}
        question = (cur_question or "").strip()
        if role != cur_role or question in set(removed.get("questions", [])):
            question = ""
        question = question or (questions[0][1] if questions else "")
        stale = bool(feedback) and (role != cur_role or (feedback or {}).get("role") in set(removed.get("roles", []))
                                    or (feedback or {}).get("question") in set(removed.get("questions", [])))
        skip = gr.skip()
        cleared = (EMPTY_SCORE, "", "", "", progress(shared, role, s), gr.DownloadButton(visible=False), None)
        kept = (skip, skip, skip, skip, progress(shared, role, s), skip, skip)
        return (gr.Dropdown(choices=choices, value=role), bank_dropdown(questions), question,
                *(cleared if stale else kept))


def bank_dropdown(questions: list[tuple[str, str]]):
    """The question bank's choices, and what to do when the role has none (an empty library, a role without any)."""
    info = BANK_INFO if questions else ("No practice questions for this role yet: type your own question below, or "
                                        "add an article that quotes interview questions in the Library tab.")
    return gradio().Dropdown(choices=questions, value=None, info=info)


def role_choices(shared: Shared, s) -> list[tuple[str, str]]:
    """The library's roles, then "Any role": a question every role is asked is judged by the items naming no role."""
    from coach.api import ANY_ROLE

    return [*shared.role_choices(s, short=True), (ANY_ROLE.capitalize(), ANY_ROLE)]


def progress(shared: Shared, role: str | None, s=None) -> str:
    try:
        attempts = shared.coach.history()
    except (CoachError, NotImplementedError):
        attempts = []
    s = s or shared.coach.library_summary()
    return render.progress_svg(attempts, s.rubric, role or None)


def build(shared: Shared) -> PracticeTab:
    from coach.ui.app import json_safe

    gr = gradio()
    with gr.Row(equal_height=False):
        with gr.Column(scale=5, min_width=300):
            role_in = gr.Dropdown(choices=[], label="Role", elem_id="practice-role", allow_custom_value=True)
            bank = gr.Dropdown(choices=[], label="Question bank", elem_id="practice-bank", info=BANK_INFO)
            question_in = gr.Textbox(label="Question", lines=2, elem_id="practice-question",
                                  placeholder="Pick a question from the bank or type one")
            answer_in = gr.Textbox(label="Your answer", lines=9, max_lines=30, elem_id="practice-answer",
                                info="Answer as you would out loud. Ctrl+Enter asks for feedback.")
            error = gr.HTML("", elem_id="practice-error", js_on_load=None)
            with gr.Row(elem_id="practice-actions"):
                critique_btn = gr.Button("Get feedback", variant="primary", elem_id="critique-btn", scale=2,
                                         min_width=140)
                random_btn = gr.Button("Random question", elem_id="random-btn", scale=1, min_width=140)
        with gr.Column(scale=5, min_width=300):
            score = gr.HTML(EMPTY_SCORE, elem_id="score", js_on_load=None)
            highlight = gr.HTML("", elem_id="highlight", js_on_load=None)
            notes = gr.HTML("", elem_id="notes", js_on_load=None)
            download = gr.DownloadButton("Download feedback (.md)", visible=False, elem_id="download-feedback",
                                         size="sm")
    rubric = gr.HTML("", elem_id="rubric", js_on_load=None)
    plot = gr.HTML("", elem_id="history-plot", js_on_load=None)
    with gr.Accordion("Feedback details", open=False):
        feedback_json = gr.JSON(label="Last feedback", elem_id="feedback-json")

    def run(role: str, question: str, answer: str) -> tuple:
        if not (question or "").strip():
            raise InputError("Pick a question from the bank or type one.")
        if not (answer or "").strip():
            raise InputError("Write your answer first.")
        shared.wait_ready()
        fb = shared.coach.critique(role or None, question.strip(), answer)
        path = shared.export_dir / f"feedback-{time.strftime('%Y%m%d-%H%M%S')}-{random.randrange(1000):03d}.md"
        path.write_text(render.feedback_markdown(fb, answer), encoding="utf-8")
        return (render.score_html(fb), render.highlight_answer(answer, fb.items), render.notes_html(fb),
                render.rubric_table_html(fb), progress(shared, fb.role), gr.DownloadButton(value=str(path),
                                                                                           visible=True),
                json_safe(fb.model_dump(mode="json")))

    def run_ui(role_: str, question_: str, answer_: str) -> tuple:
        try:
            return (*run(role_, question_, answer_), "")
        except Exception as exc:  # noqa: BLE001 - shown next to the button; the inputs stay as typed
            return (*(gr.skip(),) * 7, render.error_html(message_of(exc)))

    outputs = [score, highlight, notes, rubric, plot, download, feedback_json]
    # One progress indicator, on the score the user waits for (Gradio drew one over each of the seven outputs).
    waiting = dict(show_progress_on=[score], api_visibility="private", js=MARK_WAITING)
    for event in (critique_btn.click, answer_in.submit):
        event(run_ui, [role_in, question_in, answer_in], [*outputs, error], **waiting).then(
            None, None, None, js=UNMARK_WAITING, api_visibility="private")
    api_only(gr, run, [role_in, question_in, answer_in], outputs, api_name="critique")
    for box in (question_in, answer_in):
        box.input(None, None, error, js="() => ''", api_visibility="private")

    def on_role(role_: str):
        choices = shared.bank(role_)
        return bank_dropdown(choices), (choices[0][1] if choices else ""), progress(shared, role_), ""

    role_in.input(on_role, role_in, [bank, question_in, plot, error], api_visibility="private")
    bank.input(lambda q: q or gr.skip(), bank, question_in, api_visibility="private")

    def random_question(role_: str):
        choices = shared.bank(role_)
        if not choices:
            return gr.skip(), render.error_html("No practice questions for this role yet: type your own question.")
        return random.choice(choices)[1], ""

    random_btn.click(random_question, role_in, [question_in, error], api_visibility="private")
    return PracticeTab(role=role_in, bank=bank, question=question_in, feedback_json=feedback_json, outputs=outputs)
