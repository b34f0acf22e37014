"""Interview Coach: cited answers and practice feedback from your own interview-prep articles, offline."""
from coach import imports

imports.install()  # before anything imports gradio or langchain (see coach.imports)

from coach.api import Coach  # noqa: E402
from coach.settings import Settings  # noqa: E402

__all__ = ["Coach", "Settings"]
__version__ = "0.1.0"
