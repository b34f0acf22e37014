"""Gradio web app over ``coach.api.Coach`` (gradio is imported only when the app is built).

``coach.ui.app.build_app(coach)`` returns the ``gr.Blocks``; ``coach.ui.app.serve(coach, host, port, auth)`` runs it.
"""
from __future__ import annotations

from typing import Any


def build_app(coach, **kwargs: Any):
    from coach.ui.app import build_app as _build

    return _build(coach, **kwargs)


def serve(coach, host: str = "127.0.0.1", port: int = 7860, auth: tuple[str, str] | None = None, **kwargs: Any):
    from coach.ui.app import serve as _serve

    return _serve(coach, host=host, port=port, auth=auth, **kwargs)


__all__ = ["build_app", "serve"]
