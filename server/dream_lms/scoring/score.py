"""Scoring of the eight activity types (rules in sync-protocol/vectors/scoring/README.md).

Mirrored by pwa/src/shared/scoring/score.ts; both run the vectors in sync-protocol/vectors/scoring/.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from dream_lms.scoring import _answers, _config
from dream_lms.scoring._config import JsonObject
from dream_lms.scoring.errors import ActivityConfigInvalid, AnswersInvalid, pointer
from dream_lms.scoring.text import has_whitespace, typed_answer_key
from dream_lms.scoring.wordsearch import GRID_SIZE, found_words, generate_grid, normalize_word


@dataclass(frozen=True)
class ItemResult:
    # Zone, sentence, question, option or word index, depending on the activity type.
    index: int
    correct: bool


@dataclass(frozen=True)
class ScoreResult:
    score: int  # 0..100, round half up of 100 * correct / total
    items: list[ItemResult]
    correct: int  # points earned: correct items, or for free multi-select max(0, right - wrong picks)
    total: int  # points possible


def score_activity(activity_type: str, config: object, answers: object) -> ScoreResult:
    """Score one activity. Raises AnswersInvalid for answers outside the format or the activity and
    ActivityConfigInvalid for an activity that cannot be scored."""
    scorer = _SCORERS.get(activity_type)
    if scorer is None:
        raise ActivityConfigInvalid("unknown_activity_type", f"unknown activity type {activity_type!r}", "/type")
    return scorer(_config.activity_object(config), answers)


def scored_items(activity_type: str, config: object) -> list[int]:
    """The indexes of the items an activity is scored on (zones, sentences, questions, options or words), known
    from the config alone: those of its result for empty answers. Raises ActivityConfigInvalid like score_activity."""
    empty = _EMPTY_ANSWERS.get(activity_type)
    return [item.index for item in score_activity(activity_type, config, empty).items]


def blank_items(activity_type: str, config: object) -> list[int]:
    """The items of an activity left blank (or not judged at all), which all count as wrong; none when its config
    cannot be scored."""
    try:
        return scored_items(activity_type, config)
    except ActivityConfigInvalid:
        return []


def choice_group_size(activity_type: str, config: object) -> int | None:
    """Options per question of a selection activity (circle, markwithx), FREE_MULTI_SELECT when each option is an
    item of its own; None for the other types. Raises ActivityConfigInvalid for a bad circleCount/markCount."""
    count_key = _CHOICE_COUNT_KEYS.get(activity_type)
    if count_key is None:
        return None
    return _config.choice_group_size(_config.activity_object(config), count_key)


def question_options(question: int, group_size: int) -> range:
    """The option indexes of a question: questions are consecutive runs of `group_size` options (the last one may
    be shorter than the range)."""
    return range(question * group_size, (question + 1) * group_size)


def round_half_up_percent(correct: int, total: int) -> int:
    """floor(100 * correct / total + 1/2) in integers, so every language rounds alike."""
    return (200 * correct + total) // (2 * total)


def _result(items: list[ItemResult], correct: int | None = None, total: int | None = None) -> ScoreResult:
    correct = sum(item.correct for item in items) if correct is None else correct
    total = len(items) if total is None else total
    if total == 0:
        raise ActivityConfigInvalid("invalid_config", "the activity has nothing to score")
    return ScoreResult(round_half_up_percent(correct, total), items, correct, total)


def _score_drag_drop(config: JsonObject, answers: object) -> ScoreResult:
    zones = _config.item_strings(_config.object_list(config, "answer"), "answer", "text")
    pool = _config.string_list(config, "words")
    placed = _answers.pool_placements(_answers.answers_value(answers, "placements"), "placements", len(zones), pool)
    return _result([ItemResult(i, placed.get(i) == expected) for i, expected in enumerate(zones)])


def _score_drag_drop_group(config: JsonObject, answers: object) -> ScoreResult:
    zones = _config.object_list(config, "answer")
    groups = [_zone_group(zone, index) for index, zone in enumerate(zones)]
    pool = _config.string_list(config, "words")
    placed = _answers.pool_placements(_answers.answers_value(answers, "placements"), "placements", len(zones), pool)
    # Each zone is judged on its own (book-format.md): a pool word may serve several zones of its group.
    return _result([ItemResult(index, placed.get(index) in group) for index, group in enumerate(groups)])


def _zone_group(zone: JsonObject, index: int) -> list[str]:
    group = zone.get("group")
    if not isinstance(group, list) or not all(isinstance(word, str) for word in group):
        raise ActivityConfigInvalid(
            "invalid_config",
            f"answer[{index}].group must be a list of strings",
            pointer("answer", index, "group"),
        )
    return group


def _score_match_the_words(config: JsonObject, answers: object) -> ScoreResult:
    pool = _config.item_strings(_config.object_list(config, "match_words"), "match_words", "word")
    expected = _config.item_strings(_config.object_list(config, "sentences"), "sentences", "word")
    matched = _answers.pool_placements(_answers.answers_value(answers, "matches"), "matches", len(expected), pool)
    return _result([ItemResult(i, matched.get(i) == word) for i, word in enumerate(expected)])


def _choice_scorer(count_key: str) -> Callable[[JsonObject, object], ScoreResult]:
    def score(config: JsonObject, answers: object) -> ScoreResult:
        options = _config.object_list(config, "answer")
        key = [option.get("isCorrect") is True for option in options]
        group_size = _config.choice_group_size(config, count_key)
        selected = _answers.selected_indexes(_answers.answers_value(answers, "selected"), len(options))
        if group_size == _config.FREE_MULTI_SELECT:
            return _score_multi_select(key, selected)
        return _score_questions(key, selected, group_size)

    return score


def _score_questions(key: list[bool], selected: set[int], group_size: int) -> ScoreResult:
    """Options [k*n .. k*n+n-1] form question k (the last one may be shorter); one pick per question."""
    items = []
    for question in range(math.ceil(len(key) / group_size)):
        picks = sorted(selected.intersection(question_options(question, group_size)))
        if len(picks) > 1:
            raise AnswersInvalid(
                "multiple_selections_in_question", f"question {question} has {len(picks)} picks", "/selected"
            )
        items.append(ItemResult(question, len(picks) == 1 and key[picks[0]]))
    return _result(items)


def _score_multi_select(key: list[bool], selected: set[int]) -> ScoreResult:
    """Free multi-select: max(0, right picks - wrong picks) / correct options. An option is right when
    it is picked exactly if it is correct."""
    right = sum(1 for index in selected if key[index])
    wrong = len(selected) - right
    items = [ItemResult(index, (index in selected) == is_correct) for index, is_correct in enumerate(key)]
    return _result(items, correct=max(0, right - wrong), total=sum(key))


def _score_find_words(config: JsonObject, answers: object) -> ScoreResult:
    words = _config.string_list(config, "words")
    for index, word in enumerate(words):
        letters = normalize_word(word)
        if not letters or has_whitespace(letters) or len(letters) > GRID_SIZE:
            raise ActivityConfigInvalid(
                "invalid_config",
                f"word {word!r} must be 1..{GRID_SIZE} letters, no spaces",
                pointer("words", index),
            )
    seed, runs = _answers.puzzle_answers(answers)
    if len(runs) > len(words):
        raise AnswersInvalid("too_many_found", f"{len(runs)} runs for {len(words)} words", "/found")
    found = found_words(generate_grid(words, seed), words, runs)
    return _result([ItemResult(index, is_found) for index, is_found in enumerate(found)])


def _typed_scorer(list_key: str, text_key: str) -> Callable[[JsonObject, object], ScoreResult]:
    def score(config: JsonObject, answers: object) -> ScoreResult:
        expected = _config.item_strings(_config.object_list(config, list_key), list_key, text_key)
        typed = _answers.indexed_strings(_answers.answers_value(answers, "blanks"), "blanks", len(expected))
        return _result(
            [
                ItemResult(i, i in typed and typed_answer_key(typed[i]) == typed_answer_key(text))
                for i, text in enumerate(expected)
            ]
        )

    return score


_CHOICE_COUNT_KEYS = {"circle": "circleCount", "markwithx": "markCount"}

_SCORERS: dict[str, Callable[[JsonObject, object], ScoreResult]] = {
    "dragdroppicture": _score_drag_drop,
    "dragdroppicturegroup": _score_drag_drop_group,
    "matchTheWords": _score_match_the_words,
    "circle": _choice_scorer(_CHOICE_COUNT_KEYS["circle"]),
    "markwithx": _choice_scorer(_CHOICE_COUNT_KEYS["markwithx"]),
    "puzzleFindWords": _score_find_words,
    "fillSentencesWithDots": _typed_scorer("sentences", "word"),
    "fillpicture": _typed_scorer("answer", "text"),
}

# Nothing answered yet, like the PWA's emptyAnswers; no run is found in any grid, so the seed does not matter.
_EMPTY_ANSWERS: dict[str, JsonObject] = {
    "dragdroppicture": {"placements": {}},
    "dragdroppicturegroup": {"placements": {}},
    "matchTheWords": {"matches": {}},
    "circle": {"selected": []},
    "markwithx": {"selected": []},
    "puzzleFindWords": {"seed": 0, "found": []},
    "fillSentencesWithDots": {"blanks": {}},
    "fillpicture": {"blanks": {}},
}

ACTIVITY_TYPES = tuple(_SCORERS)
