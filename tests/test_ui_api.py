"""The running web app's API through gradio_client: /ask (with per-session follow-ups) and /critique.

The app runs in-process on a free port over a real Coach (real embeddings, Chroma, retrieval, critique) whose
tmp library holds the fictional fixture articles.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.processes import free_port

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, embedder):
    from coach.api import Coach
    from coach.settings import Settings
    from coach.ui.app import serve

    coach = Coach(Settings(home=tmp_path_factory.mktemp("ui-api") / "home"))
    coach.__dict__["embedder"] = embedder
    report = coach.ingest([FIXTURES])
    assert len(report.added) == 2, report
    port = free_port()
    demo = serve(coach, "127.0.0.1", port, block=False)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


def _client(url):
    from gradio_client import Client

    return Client(url, verbose=False, download_files=str(Path(os.environ.get("TMPDIR", "/tmp")) / "coach-ui-api"))


def _bot_messages(chat: list) -> list[str]:
    out = []
    for m in chat:
        content = m["content"]
        if isinstance(content, list):
            content = "".join(c.get("text", "") for c in content if isinstance(c, dict))
        if m["role"] == "assistant":
            out.append(content)
    return out


def test_api_lists_ask_and_critique(app_url):
    api = _client(app_url).view_api(return_format="dict", print_info=False)
    names = set(api["named_endpoints"])
    assert {"/ask", "/critique"} <= names
    params = [p["parameter_name"] for p in api["named_endpoints"]["/critique"]["parameters"]]
    assert params == ["role", "question", "answer"]


def test_ask_returns_a_cited_answer_and_follow_ups_use_the_session(app_url):
    client = _client(app_url)
    _, chat, answer = client.predict("How many rounds does the OrbitWorks SRE loop have?", "", api_name="/ask")
    assert answer["grounded"] is True
    assert "6 rounds" in answer["answer"]
    assert any("OrbitWorks" in s["title"] for s in answer["sources"])
    shown = _bot_messages(chat)[-1]
    assert "<details" in shown and "[1]" in shown and "6 rounds" in shown

    _, chat, follow = client.predict("And how long does that process take?", "", api_name="/ask")
    assert "week" in follow["answer"], follow["answer"]
    assert "OrbitWorks" in follow["standalone_question"] or any("OrbitWorks" in s["title"] for s in follow["sources"])
    assert len(_bot_messages(chat)) == 2

    # Another client is another browser session: it starts with an empty conversation.
    _, chat2, _ = _client(app_url).predict("How many rounds does the NimbusFin Data Scientist loop have?", "",
                                           api_name="/ask")
    assert len(_bot_messages(chat2)) == 1


def test_ask_escapes_markup_in_questions(app_url):
    _, chat, _ = _client(app_url).predict('Pay at OrbitWorks? <img src=x onerror="alert(1)">', "", api_name="/ask")
    user = [m for m in chat if m["role"] == "user"][-1]["content"]
    text = user if isinstance(user, str) else "".join(c.get("text", "") for c in user)
    assert "<img" not in text and "&lt;img" in text


def test_role_filter_reaches_the_coach(app_url):
    _, _, answer = _client(app_url).predict("How many interview rounds are there?", "Data Engineer", api_name="/ask")
    assert "5 rounds" in answer["answer"], answer["answer"]


def test_company_filter_reaches_the_coach(app_url):
    _, _, answer = _client(app_url).predict("How many interview rounds are there?", "", "NimbusFin", api_name="/ask")
    assert answer["grounded"] and answer["sources"]
    assert all(s["title"].startswith("NimbusFin") for s in answer["sources"]), answer["sources"]
    assert "4 rounds" in answer["answer"] or "5 rounds" in answer["answer"], answer["answer"]


def test_critique_flags_the_mistake_with_evidence(app_url):
    weak = ("Honestly the outage was the platform team's problem, not mine, so I waited for them to fix it and "
            "moved on.")
    score, highlight, _notes, rubric, _plot, download, fb = _client(app_url).predict(
        "SRE", "Tell me about an incident you handled while on call.", weak, api_name="/critique")
    made = [i for i in fb["items"] if i["verdict"] == "made"]
    assert any("someone else's problem" in i["mistake"] for i in made), fb["items"]
    assert fb["role"] == "Site Reliability Engineer"
    assert '<mark class="ev ev-made"' in highlight
    assert "row-made" in rubric and str(fb["score"]) in score
    path = download if isinstance(download, str) else download.get("value") or download.get("path")
    text = Path(path).read_text(encoding="utf-8")
    assert text.startswith("# Interview Coach feedback") and "someone else's problem" in text


def test_api_errors_carry_the_message_text(app_url):
    # A CoachError reaches an API client as its message: never an update dict, a KeyError or a traceback.
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError) as err:
        _client(app_url).predict("Astronaut", "Why space?", "Because.", api_name="/critique")
    text = str(err.value)
    assert "Astronaut" in text and "__type__" not in text and "KeyError" not in text, text
    with pytest.raises(AppError) as err:
        _client(app_url).predict("x" * 2500, "", api_name="/ask")
    assert "2,500 characters" in str(err.value), str(err.value)
