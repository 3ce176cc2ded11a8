"""Activity scoring and the word-search grid: pure functions, no I/O, mirrored in the PWA."""

from dream_lms.scoring._config import FREE_MULTI_SELECT
from dream_lms.scoring.errors import ActivityConfigInvalid, AnswersInvalid, ScoringError, WordsNotPlaced
from dream_lms.scoring.score import (
    ACTIVITY_TYPES,
    ItemResult,
    ScoreResult,
    blank_items,
    choice_group_size,
    question_options,
    score_activity,
    scored_items,
)
from dream_lms.scoring.wordsearch import GridLayout, WordPlacement, found_words, generate_grid, layout_grid

__all__ = [
    "ACTIVITY_TYPES",
    "FREE_MULTI_SELECT",
    "ActivityConfigInvalid",
    "AnswersInvalid",
    "GridLayout",
    "ItemResult",
    "ScoreResult",
    "ScoringError",
    "WordPlacement",
    "WordsNotPlaced",
    "blank_items",
    "choice_group_size",
    "found_words",
    "generate_grid",
    "layout_grid",
    "question_options",
    "score_activity",
    "scored_items",
]
