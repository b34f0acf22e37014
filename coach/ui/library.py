"""The Library tab: what is ingested, uploads and pasted articles, and removal (after a confirmation)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.errors import InputError
from coach.ui import render
from coach.ui.common import WRITE_EVENT, Shared, api_only, gradio, message_of

CSS = """
.stats { font-size: 0.92rem; padding: 4px 2px; }
.library-table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
.library-table th, .library-table td { text-align: left; padding: 7px 10px; vertical-align: top;
  border-bottom: 1px solid var(--border-color-primary); }
.library-table td { overflow-wrap: break-word; } .library-table .doc-id { overflow-wrap: anywhere; } .library-table thead th { white-space: nowrap; }
#delete-row { align-items: flex-end; }
.library-table thead th { background: var(--background-fill-secondary); font-size: 0.8rem;
  text-transform: uppercase; letter-spacing: 0.04em; }
.library-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
.library-table .doc-title { font-weight: 600; }
.library-table .doc-id { font-family: var(--font-mono); font-size: 0.78rem; color: var(--body-text-color-subdued); }
#confirm-delete { border: 2px solid #b91c1c !important; border-radius: 10px; padding: 10px; }
.confirm-text { font-weight: 600; color: #7f1d1d; } .dark .confirm-text { color: #fecaca; }
/* On a phone the documents become one card each: thirteen cards put the upload 5,000 px down. Adding and removing
   come first there, the cards after them. */
@media (max-width: 640px) { #library-table { order: 1; } }
"""

# Files over the upload limit, or of a type that cannot be an article, are refused in the browser before any byte is
# sent; the message stays in place (Gradio's own type check showed a toast that vanished, after which "Add uploaded
# files" said to choose a file, as if none had been chosen).
JS = """
document.addEventListener('change', (e) => {
  const input = e.target;
  if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.closest('#upload')) return;
  const hint = document.querySelector('#upload-hint [data-max-bytes]');
  const max = hint ? parseInt(hint.getAttribute('data-max-bytes'), 10) : 0;
  const types = (hint?.getAttribute('data-types') || '').split(',').filter(Boolean);
  const files = [...(input.files || [])];
  const suffix = (f) => (f.name.match(/\\.[^.]+$/) || [''])[0].toLowerCase();
  const big = files.filter((f) => max && f.size > max);
  const foreign = files.filter((f) => types.length && !types.includes(suffix(f)));
  if (!big.length && !foreign.length) { document.querySelector('#upload-error [data-client]')?.remove(); return; }
  e.stopImmediatePropagation(); e.preventDefault();
  input.value = '';
  const mb = (n) => (n / 1048576).toLocaleString('en', { maximumFractionDigits: 1 });
  const name = (f) => f.name.replace(/[&<>"]/g, '');
  const why = [];
  if (foreign.length) why.push(foreign.map(name).join(', ') + ' cannot be added: upload ' +
    (hint?.textContent || '').replace(/, up to.*$/, '') + ' files');
  if (big.length) why.push(big.map((f) => name(f) + ' is ' + mb(f.size) + ' MB').join('; ') +
    '; the upload limit is ' + mb(max) + ' MB per file');
  const box = document.querySelector('#upload-error');
  if (box) {
    box.innerHTML = '<div class="inline-error" role="alert" data-client="1"><span class="err-icon" aria-hidden="true">!</span> ' +
      why.join('. ') + '. Nothing was uploaded.</div>';
  }
}, true);
"""


class NotAdded(InputError):
    """No file was added; ``files`` holds (name, the line that says why) for each, to be listed file by file."""

    def __init__(self, files: list[tuple[str, str]]):
        super().__init__("Nothing was added. " + " ".join(render.sentence_case(line) for _, line in files))
        self.files = files


@dataclass
class LibraryTab:
    stats: Any
    table: Any
    delete_doc: Any
    removed: Any  # gr.State: what the last removal took away (for the other tabs' refresh)
    events: list  # the events after which every tab refreshes

    @property
    def refresh_outputs(self) -> list:
        return [self.stats, self.table, self.delete_doc]

    def refresh(self, shared: Shared, s) -> tuple:
        gr = gradio()
        return (render.library_stats(s), render.library_table(s, shared.path_bases()),
                gr.Dropdown(choices=[(f"{d.title} ({d.doc_id[:8]})", d.doc_id) for d in s.documents], value=None))


def added_message(report, summary) -> str:
    """What was added or updated, with each article's own counts (not the library's totals)."""
    by_path = {str(Path(d.path)): d for d in summary.documents}
    parts = []
    for verb, paths in (("Added", report.added), ("Updated", report.updated)):
        for p in paths:
            d = by_path.get(str(Path(p)))
            if d is None:
                parts.append(f"{verb} {Path(p).name}.")
                continue
            parts.append(f"{verb} “{d.title}”: {render.number(d.chunks)} chunk{'s' if d.chunks != 1 else ''}, "
                         f"{render.number(d.rubric_items)} rubric item{'s' if d.rubric_items != 1 else ''}, "
                         f"{render.number(d.questions)} practice question{'s' if d.questions != 1 else ''}.")
    if report.unchanged:
        n = len(report.unchanged)
        parts.append(f"{render.number(n)} file{'s were' if n != 1 else ' was'} already in the library.")
    return " ".join(parts) or "Nothing new was added."


def build(shared: Shared) -> LibraryTab:
    from coach.ui.app import save_paste, save_upload

    gr = gradio()
    limit = shared.coach.settings.max_upload_mb
    stats = gr.HTML(render.library_stats(render.LibrarySummary()), elem_id="library-stats", js_on_load=None)
    table = gr.HTML("", elem_id="library-table", js_on_load=None)
    with gr.Row(equal_height=False):
        with gr.Column(min_width=280):
            upload = gr.File(label="Upload articles", file_count="multiple",
                             file_types=shared.coach.article_suffixes(), elem_id="upload")
            types = ",".join(shared.coach.article_suffixes())
            gr.HTML(f'<p class="hint" data-max-bytes="{int(limit * 1024 * 1024)}" data-types="{types}">.md, .txt, '
                    f".html or .pdf, up to {limit:g} MB each.</p>", elem_id="upload-hint", js_on_load=None)
            upload_error = gr.HTML("", elem_id="upload-error", js_on_load=None)
            upload_btn = gr.Button("Add uploaded files", variant="primary", elem_id="upload-btn")
        with gr.Column(min_width=280):
            paste_title = gr.Textbox(label="Title", placeholder="e.g. Acme SWE vs SRE interview", elem_id="paste-title")
            paste_text = gr.Textbox(label="Or paste an article (text, Markdown or HTML source)", lines=6,
                                    max_lines=14, elem_id="paste-text")
            paste_error = gr.HTML("", elem_id="paste-error", js_on_load=None)
            paste_btn = gr.Button("Add pasted article", elem_id="paste-btn")
    status = gr.HTML("", elem_id="library-status", js_on_load=None)
    with gr.Row(equal_height=False, elem_id="delete-row"):
        delete_doc = gr.Dropdown(choices=[], label="Remove a document", elem_id="delete-doc", scale=4,
                                 min_width=240)
        delete_btn = gr.Button("Remove…", variant="stop", elem_id="delete-btn", scale=1, min_width=120)
    delete_error = gr.HTML("", elem_id="delete-error", js_on_load=None)
    with gr.Group(visible=False, elem_id="confirm-delete") as confirm_box:
        confirm_text = gr.HTML("", elem_id="confirm-text", js_on_load=None)
        with gr.Row():
            confirm_btn = gr.Button("Delete", variant="stop", elem_id="confirm-delete-btn", min_width=120)
            cancel_btn = gr.Button("Cancel", elem_id="cancel-delete-btn", min_width=120)
    removed = gr.State(None)

    def ingest(paths: list[Path], progress, name: str | None = None,
               refused: tuple = ()) -> tuple[str, list[tuple[str, str]]]:
        """(what was added, (name, line) of each file skipped or ``refused`` before); ``NotAdded`` when nothing was.
        ``name`` stands for the file's (a paste's stored name means nothing to the user)."""
        if not paths:
            raise NotAdded(list(refused))

        def tick(done: int, total: int, path: str) -> None:
            progress((done, max(total, 1)), desc=f"Ingesting {Path(path).name}", unit="files")

        progress(0, desc="Loading the embedding model")
        with shared.upload_lock:
            report = shared.coach.ingest(paths, progress=tick)
        skipped = list(refused)
        for s in report.skipped:
            shown = name or Path(s.path).name
            skipped.append((shown, f"{shown}: {s.reason}"))
        if skipped and not (report.added or report.updated or report.unchanged):
            raise NotAdded(skipped)
        return added_message(report, shared.coach.library_summary()), skipped

    def with_skipped(message: str, skipped: list[tuple[str, str]]) -> str:
        return message + (" Skipped: " + "; ".join(line for _, line in skipped) if skipped else "")

    def failed_html(exc: Exception) -> str:
        if isinstance(exc, NotAdded):
            return render.files_error_html("Nothing was added:", exc.files)
        return render.error_html(message_of(exc))

    def add_uploads(files, progress) -> tuple[str, list[tuple[str, str]]]:
        if not files:
            raise InputError("Choose one or more files to upload first.")
        shared.wait_ready()
        paths, refused = [], []
        for f in files if isinstance(files, list) else [files]:
            try:  # a refused file (empty, too large) does not keep the others out
                paths.append(save_upload(shared.coach, f))
            except InputError as exc:
                refused.append((Path(f).name, str(exc)))
        return ingest(paths, progress, refused=refused)

    def add_files(files, progress=gr.Progress()) -> str:
        return with_skipped(*add_uploads(files, progress))

    def add_files_ui(files, progress=gr.Progress()):
        try:
            message, skipped = add_uploads(files, progress)
        except Exception as exc:  # noqa: BLE001 - next to the upload button; the chosen files stay
            return gr.skip(), gr.skip(), failed_html(exc), ""
        # what was not added is listed file by file under what was (beside the upload, clearing the chosen files
        # would clear it)
        not_added = render.files_error_html("Not added:", skipped) if skipped else ""
        return render.status_html(message) + not_added, None, "", ""

    def add_paste(title: str, text: str, progress) -> tuple[str, list[tuple[str, str]]]:
        path = save_paste(shared.coach, title, text)
        shared.wait_ready()
        return ingest([path], progress, name="The pasted text")

    def add_text(title: str, text: str, progress=gr.Progress()) -> str:
        return with_skipped(*add_paste(title, text, progress))

    def add_text_ui(title: str, text: str, progress=gr.Progress()):
        try:
            return render.status_html(add_text(title, text, progress)), "", "", ""
        except Exception as exc:  # noqa: BLE001 - next to the paste button; title and text stay
            return gr.skip(), gr.skip(), gr.skip(), failed_html(exc)

    def remove(doc_id: str | None) -> tuple[str, dict]:
        """Remove a document (and its uploaded copy); returns the message and what it took away."""
        if not doc_id:
            raise InputError("Choose a document to remove.")
        shared.wait_ready()
        doc = next((d for d in shared.coach.library_summary().documents if d.doc_id == doc_id), None)
        questions = [q.text for q in shared.coach.questions() if q.doc_id == doc_id]
        shared.coach.remove_document(doc_id)
        if doc is not None:  # an uploaded copy would otherwise linger under uploads/
            stored = Path(doc.path)
            stored = stored if stored.is_absolute() else Path.cwd() / stored
            if stored.resolve().parent == shared.coach.settings.uploads_path.resolve() and stored.exists():
                stored.unlink()
        title = doc.title if doc else doc_id
        gone = {"doc_id": doc_id, "title": title, "questions": questions,
                "roles": [r.name for r in (doc.roles if doc else [])]}
        return f"Removed “{title}”.", gone

    def ask_confirm(doc_id: str | None):
        if not doc_id:
            return gr.Group(visible=False), "", render.error_html("Choose a document to remove first.")
        doc = next((d for d in shared.summary().documents if d.doc_id == doc_id), None)
        title = doc.title if doc else doc_id
        return (gr.Group(visible=True), f'<p class="confirm-text" role="alert">Delete “{render.esc(title)}”? Its '
                "chunks, rubric items and practice questions leave the library. This cannot be undone.</p>", "")

    def remove_ui(doc_id: str | None):
        try:
            message, gone = remove(doc_id)
            return render.status_html(message), gone, gr.Group(visible=False), ""
        except Exception as exc:  # noqa: BLE001
            return gr.skip(), None, gr.Group(visible=False), render.error_html(message_of(exc))

    def remove_api(doc_id: str | None) -> str:
        return remove(doc_id)[0]

    up = upload_btn.click(add_files_ui, upload, [status, upload, upload_error, paste_error],
                          api_visibility="private", **WRITE_EVENT)
    upload.change(None, None, upload_error, js="() => ''", api_visibility="private")
    api_only(gr, add_files, [upload], [status], api_name="add_files", **WRITE_EVENT)
    paste = paste_btn.click(add_text_ui, [paste_title, paste_text], [status, paste_title, paste_text, paste_error],
                            api_visibility="private", **WRITE_EVENT)
    api_only(gr, add_text, [paste_title, paste_text], [status], api_name="add_text", **WRITE_EVENT)
    delete_btn.click(ask_confirm, delete_doc, [confirm_box, confirm_text, delete_error], api_visibility="private")
    # The confirmation's buttons disappear with it: focus returns to "Remove…", which opened it (it fell to the
    # page, and the next Tab went to the footer).
    back = "() => { document.querySelector('#delete-btn')?.focus(); }"
    cancel_btn.click(lambda: gr.Group(visible=False), None, confirm_box, api_visibility="private").then(
        None, None, None, js=back, api_visibility="private")
    delete_doc.input(lambda: (gr.Group(visible=False), ""), None, [confirm_box, delete_error],
                     api_visibility="private")
    deleted = confirm_btn.click(remove_ui, delete_doc, [status, removed, confirm_box, delete_error],
                                api_visibility="private", **WRITE_EVENT)
    deleted.then(None, None, None, js=back, api_visibility="private")
    api_only(gr, remove_api, [delete_doc], [status], api_name="remove_document", **WRITE_EVENT)
    return LibraryTab(stats=stats, table=table, delete_doc=delete_doc, removed=removed, events=[up, paste, deleted])
