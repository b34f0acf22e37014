"""Extractive answers: pick 1-4 sentences of the retrieved chunks that answer the question and cite each [n].

Sentences are quoted verbatim (numbers, ranges and amounts stay exactly as the article wrote them). Scoring mixes
embedding similarity to the standalone question, lexical overlap weighted by word rarity, question-type cues
(durations for "how long", money for "pay", counts for "how many rounds") and the retrieval evidence of the chunk.
The plan's kind (:mod:`coach.plan`) then decides the shape: the asked fact or "the library doesn't answer exactly
this", list items, a mistake with its fix, labelled facts of the named sections compared, a recommendation for a
should-I question. When the question names two or more roles, each named role gets at least one sentence.

One module per job: ``records`` (what goes in and out), ``words`` (word keys), ``cues`` (what a sentence does),
``lines`` (a chunk's lists), ``candidates`` (quotable units), ``answer`` (scoring and the shape by kind), ``lists``,
``comparison``, ``asks`` (kind-specific answers) and ``render`` (the cited text).
"""
from coach.compose.answer import compose
from coach.compose.asks import asked_acronym, expansion_in, writes_acronym
from coach.compose.candidates import is_promotion
from coach.compose.comparison import CONTRAST
from coach.compose.cues import advises
from coach.compose.lines import opens_with_item, title_only
from coach.compose.lists import listed_noun, warns
from coach.compose.records import MATCHING_HEADING, Cand, Composed, Hit, SentenceEmbeddings
from coach.compose.render import POINTERS_ONLY

__all__ = ["CONTRAST", "MATCHING_HEADING", "POINTERS_ONLY", "Cand", "Composed", "Hit", "SentenceEmbeddings", "advises",
           "asked_acronym", "compose", "expansion_in", "is_promotion", "listed_noun", "opens_with_item", "title_only",
           "warns", "writes_acronym"]
