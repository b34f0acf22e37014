"""Safe defaults of `coach serve` (real subprocesses) and of uploads (the app's own helpers).

Loopback by default; any other address needs COACH_AUTH=user:password (then the API requires a login) or an explicit
--insecure. Servers bound to 0.0.0.0 here are only ever connected to through 127.0.0.1.
"""
from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import pytest

from bench.load import client
from tests.conftest import ROOT
from tests.processes import coach_bin, coach_env, running_server

pytestmark = pytest.mark.slow


def _listening(pid: int, port: int, timeout: float = 30) -> set[str]:
    """Addresses the process listens on at ``port``."""
    import psutil

    proc = psutil.Process(pid)
    deadline = time.monotonic() + timeout
    while True:
        conns = proc.net_connections(kind="inet") if hasattr(proc, "net_connections") else proc.connections("inet")
        found = {c.laddr.ip for c in conns if c.status == psutil.CONN_LISTEN and c.laddr.port == port}
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def _non_loopback_ipv4() -> str | None:
    import psutil

    for addrs in psutil.net_if_addrs().values():
        for a in addrs:
            if a.family == socket.AF_INET and not a.address.startswith("127."):
                return a.address
    return None


def _empty_answer_ok(answer: dict) -> None:
    """An answer that really went through the Coach (the library is empty, so it says so)."""
    assert isinstance(answer, dict) and answer["grounded"] is False
    assert "library is empty" in answer["answer"]


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10"])
def test_binding_beyond_loopback_without_auth_exits_with_one_line(tmp_path, host):
    done = subprocess.run([coach_bin(), "serve", "--host", host, "--port", "9"], cwd=ROOT,
                          env=coach_env(tmp_path / "home"), capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert lines == [f"coach: error: refusing to serve on {host} without a password: set COACH_AUTH=user:password "
                     "or pass --insecure"], done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_malformed_auth_is_refused(tmp_path):
    done = subprocess.run([coach_bin(), "serve", "--host", "0.0.0.0", "--port", "9"], cwd=ROOT,
                          env=coach_env(tmp_path / "home", COACH_AUTH="no-colon-here"), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1 and "COACH_AUTH must look like user:password" in done.stderr
    assert "Traceback" not in done.stderr


def test_default_binds_loopback_only(tmp_path):
    home = tmp_path / "home"
    with running_server(home) as srv:
        assert _listening(srv["pid"], srv["port"]) == {"127.0.0.1"}
        other = _non_loopback_ipv4()
        if other is not None:  # the machine's own non-loopback address must not reach the app
            with pytest.raises(OSError):
                socket.create_connection((other, srv["port"]), timeout=3).close()
        _, _, answer = client(srv["url"], tmp_path / "dl").predict("How many rounds are there?", "", api_name="/ask")
        _empty_answer_ok(answer)


def test_auth_is_required_when_binding_all_interfaces(tmp_path):
    home = tmp_path / "home"
    env = coach_env(home, COACH_AUTH="coach-user:s3cret-pw")
    with running_server(home, "--host", "0.0.0.0", env=env) as srv:
        assert _listening(srv["pid"], srv["port"]) == {"0.0.0.0"}
        with pytest.raises(Exception) as err:  # noqa: PT011 - gradio_client raises a plain ValueError/HTTP error
            client(srv["url"], tmp_path / "dl").predict("How many rounds are there?", "", api_name="/ask")
        assert "auth" in str(err.value).lower() or "401" in str(err.value) or "login" in str(err.value).lower(), \
            err.value
        with pytest.raises(Exception):  # noqa: B017, PT011 - a wrong password is refused too
            client(srv["url"], tmp_path / "dl", auth=("coach-user", "wrong"))
        authed = client(srv["url"], tmp_path / "dl", auth=("coach-user", "s3cret-pw"))
        _, _, answer = authed.predict("How many rounds are there?", "", api_name="/ask")
        _empty_answer_ok(answer)


def test_insecure_flag_allows_all_interfaces_without_auth(tmp_path):
    home = tmp_path / "home"
    with running_server(home, "--host", "0.0.0.0", "--insecure") as srv:
        assert _listening(srv["pid"], srv["port"]) == {"0.0.0.0"}
        _, _, answer = client(srv["url"], tmp_path / "dl").predict("How many rounds are there?", "", api_name="/ask")
        _empty_answer_ok(answer)


# ------------------------------------------------------------------------------------------------------- uploads
@pytest.fixture
def small_limit_coach(tmp_path):
    from coach.api import Coach
    from coach.settings import Settings

    return Coach(Settings(home=tmp_path / "home", max_upload_mb=0.01))  # 10 KB: the helpers never load a model


@pytest.mark.parametrize("name", ["setup.exe", "notes.docx", "page.php", "archive.tar.gz", "README"])
def test_upload_of_an_unsupported_type_is_refused(small_limit_coach, tmp_path, name):
    from coach.errors import InputError
    from coach.ui.app import save_upload

    src = tmp_path / name
    src.write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
    with pytest.raises(InputError) as err:
        save_upload(small_limit_coach, src)
    msg = str(err.value)
    assert "unsupported file type" in msg and ".md" in msg and ".pdf" in msg and "\n" not in msg
    assert not small_limit_coach.settings.uploads_path.exists() or not any(
        small_limit_coach.settings.uploads_path.iterdir())


def test_oversized_and_empty_uploads_are_refused(small_limit_coach, tmp_path):
    from coach.errors import InputError
    from coach.ui.app import launch_options, save_paste, save_upload

    big = tmp_path / "big.md"
    big.write_text("# Fictional\n\n" + "word " * 5000, encoding="utf-8")  # ~25 KB > 10 KB
    with pytest.raises(InputError, match=r"upload limit is 0\.01 MB \(COACH_MAX_UPLOAD_MB\)"):
        save_upload(small_limit_coach, big)
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="is empty"):
        save_upload(small_limit_coach, empty)
    with pytest.raises(InputError, match="the limit is 0.01 MB"):
        save_paste(small_limit_coach, "Fictional big paste", "word " * 5000)
    # a file within the limits is copied under uploads/ with a safe name
    ok = tmp_path / "ok name!.md"
    ok.write_text("# Fictional\n\nA short fictional article for Interview Coach's tests.\n", encoding="utf-8")
    dest = save_upload(small_limit_coach, ok)
    assert dest.parent == small_limit_coach.settings.uploads_path and dest.name == "ok-name.md"
    # Gradio itself refuses bigger request bodies at the same limit
    assert launch_options(small_limit_coach)["max_file_size"] == int(0.01 * 1024 * 1024)


def test_upload_names_cannot_escape_the_uploads_folder(small_limit_coach, tmp_path):
    from coach.ui.app import save_upload

    src = tmp_path / "a.md"
    src.write_text("# Fictional\n\nA short fictional article for Interview Coach's tests.\n", encoding="utf-8")
    dest = save_upload(small_limit_coach, src, original_name="../../../etc/evil.md")
    assert Path(dest).resolve().parent == small_limit_coach.settings.uploads_path.resolve()
