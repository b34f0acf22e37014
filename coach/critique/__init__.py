"""Rubric critique of practice answers: mistake shapes, delivery notes and a 0-100 score."""
from coach.critique.engine import critique_answer


def warm_up() -> None:
    """Load what the first critique would otherwise load on demand (lemminflect's tables for the STAR reader, the
    letter-trigram model and vocabulary for word-ness): ~1 s that the first practice answer paid."""
    from coach.critique import star, wordshape

    star.warm_up()
    wordshape.warm_up()


__all__ = ["critique_answer", "warm_up"]
