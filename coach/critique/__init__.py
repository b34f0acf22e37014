"""Rubric critique of practice answers: mistake shapes, delivery notes and a 0-100 score."""
from coach.critique.engine import critique_answer

__all__ = ["critique_answer"]
