"""The Chroma client chosen by settings: embedded (PersistentClient) by default, a server when COACH_CHROMA_URL is set."""
from __future__ import annotations

from urllib.parse import urlparse

from coach.errors import IndexError_
from coach.settings import Settings


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
                raise IndexError_(
                    f"the Chroma server at {url} is not reachable ({_first_line(exc)}); "
                    "start it (`chroma run --path DIR --host 127.0.0.1 --port N`) or unset COACH_CHROMA_URL"
                ) from exc
            return client


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
