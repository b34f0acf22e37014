"""An unexpected failure while reading one file is told in plain words: what went wrong, what to do, and that nothing
else was lost. Never an exception's class name or a library's own message (``failure_reason``)."""
from __future__ import annotations

import pytest

from ingest.pipeline import failure_reason
from tests.test_loader_messages import JARGON, TODO


def _raised(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:  # noqa: BLE001 - the point is any exception
        return caught


@pytest.mark.parametrize("exc", [
    RecursionError("maximum recursion depth exceeded while calling a Python object"),
    MemoryError(),
    ValueError("invalid literal for int() with base 10: 'x'"),
    KeyError("section"),
    IndexError("list index out of range"),
    AttributeError("'NoneType' object has no attribute 'text'"),
])
def test_an_unexpected_failure_says_what_to_do_and_that_nothing_was_lost(exc):
    reason = failure_reason(_raised(exc))
    assert type(exc).__name__ not in reason and not JARGON.search(reason), reason
    assert str(exc).strip("'") not in reason or not str(exc), reason  # the library's words mean nothing to a user
    assert TODO.search(reason), reason
    assert "nothing of this file was stored" in reason and "other files are not affected" in reason, reason
