"""A situation's measure weighs less only when the asking clause names a thing of its own: "My interview is a month
away. What's step one?" asks about the interview it is a month away from, so the whole question is the query."""
from __future__ import annotations

from coach.retrieval import asked_part


def test_a_next_move_asked_of_the_situation_keeps_the_whole_question():
    question = "My coding interview is a month away and I've no idea where to begin studying. What's step one?"
    assert asked_part(question) is None
    assert asked_part("I only have two weeks until my system design interview. How should I spend them?") is None


def test_an_asking_clause_naming_its_own_thing_still_weighs_more():
    assert asked_part("I have 3 years of experience, how many pages should my resume be?") == \
        "how many pages should my resume be"
    assert asked_part("My coding screen is in 2 weeks. Which languages are recommended for coding interviews?") == \
        "Which languages are recommended for coding interviews"
