"""Interview Coach: cited answers and practice feedback from your own interview-prep articles, offline."""
from coach.api import Coach
from coach.settings import Settings

__all__ = ["Coach", "Settings"]
__version__ = "0.1.0"
