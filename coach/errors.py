"""User-facing errors: the message is what the CLI prints on one line and the UI shows in a banner."""


class CoachError(Exception):
    """Base class; ``str(err)`` is a complete, actionable sentence."""


class IngestError(CoachError):
    """One file cannot be ingested (empty, binary, unreadable, unsupported...)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IndexError_(CoachError):
    """The index under COACH_HOME is unusable (built with another model, corrupted, locked)."""


class UnknownRoleError(CoachError):
    """A role name that no article in the library covers."""

    def __init__(self, name: str, known: list[str]):
        listed = ", ".join(known) if known else "none (ingest an article first: coach ingest PATH)"
        super().__init__(f"unknown role {name!r}; known roles: {listed}")
        self.name = name
        self.known = known


class UnknownDocumentError(CoachError):
    """A document id that is not in the library."""

    def __init__(self, doc_id: str):
        super().__init__(f"no document with id {doc_id!r} in the library (see `coach library`)")
        self.doc_id = doc_id


class InputError(CoachError):
    """A question, answer or option that cannot be used as given."""


class StoreUnavailableError(IndexError_):
    """The vector store (a Chroma server) cannot be reached; the message names it and what to do."""


class DiskFullError(IndexError_):
    """A write failed because the disk holding the library is full; the message names the folder."""
