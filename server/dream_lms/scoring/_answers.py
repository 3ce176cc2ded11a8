"""Reading a student's answers (the answers format, see sync-protocol/schemas/answers.schema.json).

Anything that does not fit the format or points outside the activity raises AnswersInvalid.
"""

import re
from collections.abc import Mapping

from dream_lms.scoring._config import json_int
from dream_lms.scoring.errors import AnswersInvalid, pointer
from dream_lms.scoring.wordsearch import Run

MAX_TYPED_LENGTH = 200
MAX_SEED = 0xFFFFFFFF
_INDEX_KEY = re.compile(r"0|[1-9][0-9]*")


def answers_value(answers: object, key: str) -> object:
    """The answers must be an object holding exactly `key`."""
    if not isinstance(answers, Mapping) or set(answers) != {key}:
        raise AnswersInvalid("invalid_shape", f"the answers must be an object with exactly the key {key!r}")
    return answers[key]


def indexed_strings(value: object, key: str, count: int) -> dict[int, str]:
    """An object from item index ("0", "1", ... below `count`) to a string."""
    if not isinstance(value, Mapping):
        raise AnswersInvalid("invalid_shape", f"{key!r} must be an object", pointer(key))
    result: dict[int, str] = {}
    for raw_index, text in value.items():
        field = pointer(key, raw_index)
        if not isinstance(raw_index, str) or _INDEX_KEY.fullmatch(raw_index) is None:
            raise AnswersInvalid("invalid_shape", f"{raw_index!r} is not an item index", field)
        if not isinstance(text, str) or len(text) > MAX_TYPED_LENGTH:
            raise AnswersInvalid("invalid_shape", f"a string of at most {MAX_TYPED_LENGTH} characters", field)
        index = int(raw_index)
        if index >= count:
            raise AnswersInvalid("unknown_index", f"the activity has no item {index}", field)
        result[index] = text
    return result


def pool_placements(value: object, key: str, count: int, pool: list[str]) -> dict[int, str]:
    """Like indexed_strings, and every word must be one of the pool's words (exact string)."""
    placements = indexed_strings(value, key, count)
    for index, word in placements.items():
        if word not in pool:
            raise AnswersInvalid("unknown_word", f"{word!r} is not in the word pool", pointer(key, index))
    return placements


def selected_indexes(value: object, count: int) -> set[int]:
    if not isinstance(value, list):
        raise AnswersInvalid("invalid_shape", "'selected' must be a list", pointer("selected"))
    selected: set[int] = set()
    for position, raw in enumerate(value):
        index = json_int(raw)
        field = pointer("selected", position)
        if index is None:
            raise AnswersInvalid("invalid_shape", "a selected option is an integer index", field)
        if not 0 <= index < count:
            raise AnswersInvalid("unknown_index", f"the activity has no option {index}", field)
        if index in selected:
            raise AnswersInvalid("duplicate_selection", f"option {index} is selected twice", field)
        selected.add(index)
    return selected


def puzzle_answers(answers: object) -> tuple[int, list[Run]]:
    if not isinstance(answers, Mapping) or set(answers) != {"seed", "found"}:
        raise AnswersInvalid("invalid_shape", "the answers must be an object with exactly 'seed' and 'found'")
    seed = json_int(answers["seed"])
    if seed is None or not 0 <= seed <= MAX_SEED:
        raise AnswersInvalid("invalid_shape", "'seed' must be an integer in 0..4294967295", pointer("seed"))
    found = answers["found"]
    if not isinstance(found, list):
        raise AnswersInvalid("invalid_shape", "'found' must be a list", pointer("found"))
    return seed, [_run(item, index) for index, item in enumerate(found)]


def _run(item: object, index: int) -> Run:
    if not isinstance(item, Mapping) or set(item) != {"start", "end"}:
        raise AnswersInvalid("invalid_shape", "a found run is {start, end}", pointer("found", index))
    start, end = (_cell(item[name], pointer("found", index, name)) for name in ("start", "end"))
    return start, end


def _cell(value: object, field: str) -> tuple[int, int]:
    coordinates = [json_int(part) for part in value] if isinstance(value, list) else []
    if len(coordinates) != 2 or coordinates[0] is None or coordinates[1] is None:
        raise AnswersInvalid("invalid_shape", "a cell is [row, column]", field)
    return coordinates[0], coordinates[1]
