"""The Compare roles tab: an article's roles side by side, each cell quoting and citing the article."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coach.errors import CoachError
from coach.ui import render
from coach.ui.common import Shared, gradio, message_of

EMPTY = ('<div class="empty">No article in the library compares two roles yet. Add one (e.g. "Data Scientist vs '
         'Data Engineer") in the Library tab.</div>')

CSS = """
.compare-title { font-weight: 700; font-size: 1.05rem; margin-bottom: 8px; }
.table-wrap { max-width: 100%; }
.compare-table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
.compare-table th, .compare-table td { text-align: left; vertical-align: top; padding: 8px 10px;
  border-bottom: 1px solid var(--border-color-primary); }
.compare-table td { overflow-wrap: break-word; } .compare-table thead th { overflow-wrap: normal; }
.compare-table thead th { background: var(--background-fill-secondary); font-size: 0.8rem;
  text-transform: uppercase; letter-spacing: 0.04em; }
.compare-table td { width: 42%; }
.compare-table tbody th, .compare-table td.shared-topic { width: 150px; } .compare-table .fact + .fact { margin-top: 6px; }
.compare-table a.cite { text-decoration: underline; font-weight: 700; font-size: 0.8em; color: #3730a3; }
.compare-table .nil { color: var(--body-text-color-subdued); font-style: italic; }
.compare-table tr.shared td { font-size: 0.85rem; background: var(--background-fill-secondary); }
.shared-label { font-weight: 600; }
.compare .src-n { font-weight: 700; color: #3730a3; }
.compare-sources { margin-top: 12px; font-size: 0.85rem; } .compare-sources summary { cursor: pointer; }
.compare-sources ol { list-style: none; padding-left: 4px; }
.compare-sources li:target { background: #e0e7ff; border-radius: 4px; }
@media (max-width: 640px) {
  .compare-table tbody th[scope=row] { background: var(--background-fill-secondary); font-weight: 700; }
}
"""


@dataclass
class CompareTab:
    doc: Any
    out: Any

    @property
    def refresh_inputs(self) -> list:
        return [self.doc]

    @property
    def refresh_outputs(self) -> list:
        return [self.doc, self.out]

    def refresh(self, shared: Shared, s, cur_doc: str | None) -> tuple:
        """The articles that compare roles now; a deleted article's table leaves the page."""
        gr = gradio()
        choices = comparisons(shared)
        value = cur_doc if cur_doc in [v for _, v in choices] else (choices[0][1] if choices else None)
        return gr.Dropdown(choices=choices, value=value), view(shared, value)


def comparisons(shared: Shared) -> list[tuple[str, str]]:
    try:
        return [(c.title, c.doc_id) for c in shared.coach.compare_roles()]
    except CoachError:
        return []


def view(shared: Shared, doc_id: str | None) -> str:
    if not doc_id:
        return EMPTY
    shared.wait_ready()
    try:
        return render.compare_html(shared.coach.compare_roles(doc_id)[0])
    except Exception as exc:  # noqa: BLE001 - shown in place of the table
        return render.error_html(message_of(exc))


def build(shared: Shared) -> CompareTab:
    gr = gradio()
    doc = gr.Dropdown(choices=[], label="Article", elem_id="compare-doc",
                      info="Articles in your library that compare two or more roles.")
    out = gr.HTML(EMPTY, elem_id="compare-table", js_on_load=None)
    doc.input(lambda d: view(shared, d), doc, out, api_visibility="private")
    return CompareTab(doc=doc, out=out)
