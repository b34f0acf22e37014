"""The tabs on an empty library (real Coach, nothing ingested): no "Try asking" heading over no examples, and the
Practice tab's question bank says it has no questions and what to do."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    from coach.api import Coach
    from coach.settings import Settings
    from coach.ui.common import Shared

    sh = Shared(coach=Coach(Settings(home=tmp_path_factory.mktemp("empty") / "home", llm="none")))
    sh.ready.set()
    return sh


def test_chat_shows_no_examples_heading_without_examples(shared):
    from coach.ui.chat import ANY_COMPANY, ANY_ROLE, ChatTab

    tab = ChatTab(role=None, company=None, examples_label=None, examples=[None] * 6, chatbot=None, msg=None,
                  error=None)
    out = tab.refresh(shared, shared.summary(), ANY_ROLE, ANY_COMPANY)
    assert len(out) == len(tab.refresh_outputs)
    label, buttons = out[2], out[3:-1]
    assert label == "" and not any(b.visible for b in buttons)


def test_practice_bank_says_it_is_empty_and_what_to_do(shared):
    from coach.api import ANY_ROLE
    from coach.ui.practice import BANK_INFO, PracticeTab

    tab = PracticeTab(role=None, bank=None, question=None, feedback_json=None, outputs=[None] * 7)
    out = tab.refresh(shared, shared.summary(), None, ANY_ROLE, "", None)
    bank = out[1]
    assert bank.choices == [] and bank.info != BANK_INFO and "type your own question" in bank.info
    assert "Library tab" in bank.info
