"""The Chroma client chosen by settings: embedded (PersistentClient) by default, a server when COACH_CHROMA_URL is set."""
from __future__ import annotations

import errno
from contextlib import contextmanager
from typing import Iterator
from urllib.parse import urlparse

from coach.errors import CoachError, DiskFullError, IndexError_, StoreUnavailableError
from coach.settings import Settings

_DISK_FULL = ("no space left on device", "database or disk is full", "disk is full", "disk full")
_UNREACHABLE = ("connection refused", "connecterror", "connection reset", "remoteprotocolerror", "server disconnected",
                "name or service not known", "timed out", "errno 111", "errno 104", "connection aborted")


def make_chroma_client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    match settings.chroma_url:
        case None | "":
            path = settings.chroma_path
            try:
                path.mkdir(parents=True, exist_ok=True)
                return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            except Exception as exc:  # chromadb raises several types for an unusable folder
                raise IndexError_(
                    f"the vector index at {path} cannot be opened ({_first_line(exc)}); "
                    f"rebuild it with `coach ingest --rebuild` or delete {path}"
                ) from exc
        case url:
            parsed = urlparse(url if "://" in url else f"http://{url}")
            if not parsed.hostname:
                raise IndexError_(f"COACH_CHROMA_URL={url!r} is not a URL like http://127.0.0.1:8000")
            port = parsed.port or (443 if parsed.scheme == "https" else 8000)
            try:
                client = chromadb.HttpClient(
                    host=parsed.hostname, port=port, ssl=parsed.scheme == "https", settings=chroma_settings
                )
                client.heartbeat()
            except Exception as exc:
                raise _unreachable(url, exc) from exc
            return client


def _unreachable(url: str, exc: BaseException) -> StoreUnavailableError:
    return StoreUnavailableError(
        f"the Chroma server at {url} is not reachable ({_first_line(exc)}); "
        "start it (`chroma run --path DIR --host 127.0.0.1 --port N`) or unset COACH_CHROMA_URL"
    )


def store_error(exc: BaseException, settings: Settings) -> CoachError | None:
    """The user-facing error an infrastructure failure means (Chroma server gone, disk full), or None.

    Chroma wraps the cause in its own types (``InternalError: Error in compaction…``, httpx errors), so the whole
    chain of causes is searched.
    """
    seen: set[int] = set()
    chain: list[BaseException] = []
    node: BaseException | None = exc
    while node is not None and id(node) not in seen:
        seen.add(id(node))
        chain.append(node)
        node = node.__cause__ or node.__context__
    for e in chain:
        text = f"{type(e).__name__}: {e}".lower()
        if (isinstance(e, OSError) and e.errno == errno.ENOSPC) or any(k in text for k in _DISK_FULL):
            if settings.chroma_url and not isinstance(e, OSError):
                return DiskFullError(f"the Chroma server at {settings.chroma_url} reports a full disk "
                                     f"({_first_line(e)}); free space on the server's disk, then try again")
            return DiskFullError(f"the disk holding {settings.home.resolve()} is full ({_first_line(e)}); free some "
                                 "space there or set COACH_HOME to a folder on another disk, then try again")
    if not settings.chroma_url and _nearly_full(settings.home):
        # embedded Chroma reports a full disk as e.g. "InternalError: Error in compaction"; the free space tells
        return DiskFullError(f"the disk holding {settings.home.resolve()} is full ({_first_line(exc)}); free some "
                             "space there or set COACH_HOME to a folder on another disk, then try again")
    if settings.chroma_url:
        for e in chain:
            text = f"{type(e).__name__}: {e}".lower()
            if isinstance(e, (ConnectionError, TimeoutError)) or any(k in text for k in _UNREACHABLE):
                return _unreachable(settings.chroma_url, e)
            if type(e).__module__.startswith("httpx") and type(e).__name__.endswith(("ConnectError", "TransportError",
                                                                                      "ReadError", "WriteError")):
                return _unreachable(settings.chroma_url, e)
    return None


def _nearly_full(folder) -> bool:
    import shutil

    try:
        return shutil.disk_usage(folder).free < 16 * 1024 * 1024
    except OSError:
        return False


@contextmanager
def store_errors(settings: Settings) -> Iterator[None]:
    """Re-raise infrastructure failures inside the block as the ``CoachError`` that names the part and the action."""
    try:
        yield
    except CoachError:
        raise
    except Exception as exc:
        err = store_error(exc, settings)
        if err is None:
            raise
        raise err from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
