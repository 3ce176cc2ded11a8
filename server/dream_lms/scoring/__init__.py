"""Activity scoring and the word-search grid: pure functions, no I/O, mirrored in the PWA."""

from dream_lms.scoring.errors import ActivityConfigInvalid, AnswersInvalid, ScoringError, WordsNotPlaced
from dream_lms.scoring.score import ACTIVITY_TYPES, ItemResult, ScoreResult, score_activity, scored_items
from dream_lms.scoring.wordsearch import GridLayout, WordPlacement, found_words, generate_grid, layout_grid

__all__ = [
    "ACTIVITY_TYPES",
    "ActivityConfigInvalid",
    "AnswersInvalid",
    "GridLayout",
    "ItemResult",
    "ScoreResult",
    "ScoringError",
    "WordPlacement",
    "WordsNotPlaced",
    "found_words",
    "generate_grid",
    "layout_grid",
    "score_activity",
    "scored_items",
]
