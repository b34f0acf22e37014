"""What the composer takes and gives: a retrieved chunk with its evidence (``Hit``), a quotable unit
of one (``Cand``), the cited answer (``Composed``), the sentence-vector cache, and the answer's size limits.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from coach.cache import EmbeddingCache
from coach.models import Chunk, Source

MAX_SENTENCES = 4
MAX_ITEMS = 5  # list answers quote up to this many items
MAX_CHARS = 650
# A heading / FAQ question this similar to the user's question is the same question: its answer is the article's.
FAQ_MATCH = 0.8
MATCHING_HEADING = 0.55  # a heading or FAQ question this similar to the question heads the article's own answer


@dataclass
class Hit:
    """A retrieved chunk with its evidence: fused score, dense cosine and heading/FAQ-question similarity."""

    chunk: Chunk
    score: float
    dense: float = 0.0
    heading: float = 0.0

    @property
    def relevance(self) -> float:
        return max(self.dense, self.heading)


@dataclass
class Composed:
    text: str
    sentences: list[str]
    sources: list[Source]
    top_score: float = 0.0
    pieces: list[str] = field(default_factory=list)  # answer sentences with their markers, for streaming
    best_sim: float = 1.0  # the best answer sentence's similarity to the question
    typed: bool = False  # it quotes the asked kind of fact (a duration, an amount) about the question's topic
    name_only: bool = False  # the only content word it shares with the question is a company name
    off_subject: bool = False  # neither its sentences nor their headings name the question's distinctive subject


class SentenceEmbeddings(EmbeddingCache):
    """Text → vector cache: chunk sentences recur across questions, encoding them again costs ~5 ms each."""

    def __init__(self, embedder, max_items: int = 20000):
        super().__init__(embedder, max_items)


@dataclass
class Cand:
    """A quotable unit of a retrieved chunk: a sentence, or a mistake with its fix (a BAD/GOOD pair)."""

    hi: int  # hit index
    si: int  # sentence index in the chunk
    line: int  # line (paragraph or list item) index in the chunk
    text: str  # what is quoted
    question: bool = False  # the sentence is itself a question (a list of example questions, an FAQ heading)
    fix: str | None = None  # the GOOD half of a BAD/GOOD pair
    asked: str | None = None  # the in-text question this sentence answers (first sentence after "What is X?")
    first: bool = True  # the first sentence of its line (a list item's label, a paragraph's topic sentence)
    itemlike: bool = False  # its chunk reads as a list: several short lines
    continues: bool = False  # the rest of its paragraph (a closing lead-in with its items): quoted only after it
    pointer: bool = False  # an item of a list that points to material (resources, page titles), not advice
    sample: bool = False  # the article gives it as a sample (an example entry, letter, answer), not as its advice

# A kind-specific answer (a list, an inline enumeration, labelled facts) built from another article than the best
# sentence's must score this close to it: one article answers, and another article's list of the same kind ("Design a
# photo sharing service" for "which networks draw boxes around objects in a photo") is a neighbouring topic.
OTHER_ARTICLE_NEAR = 0.05


def answers_with_best(t: tuple, scored: list, hits: Sequence[Hit]) -> bool:
    """Whether the scored sentence ``t`` may lead a kind-specific answer in place of the best one (``scored[0]``): it
    is of the best sentence's article, or scores within ``OTHER_ARTICLE_NEAR`` of it."""
    best = scored[0]
    return hits[t[1].hi].chunk.doc_id == hits[best[1].hi].chunk.doc_id or t[0] >= best[0] - OTHER_ARTICLE_NEAR
