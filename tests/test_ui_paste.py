"""A paste that is too short says so, with its word count, instead of asking for text the user already pasted."""
from __future__ import annotations

import pytest

from coach.errors import InputError


@pytest.fixture
def coach(tmp_path):
    from coach.api import Coach
    from coach.settings import Settings

    return Coach(Settings(home=tmp_path / "home"))  # save_paste never loads a model


def test_a_short_paste_is_called_short_not_missing(coach):
    from coach.ui.app import save_paste

    with pytest.raises(InputError) as err:
        save_paste(coach, "Notes", "Ask about the team.")
    msg = str(err.value)
    assert "too short" in msg and "(4 words)" in msg and "paste the whole article" in msg, msg
    assert "first" not in msg  # the text was pasted: "paste … first" reads as if nothing had been
    assert not coach.settings.uploads_path.exists() or not any(coach.settings.uploads_path.iterdir())


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_an_empty_paste_asks_for_the_text(coach, text):
    from coach.ui.app import save_paste

    with pytest.raises(InputError, match="paste the article's text first"):
        save_paste(coach, "Notes", text)
