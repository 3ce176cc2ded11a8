"""Reading the parts of an activity object (book config.json) that scoring needs.

Only what scoring uses is checked; solvability is not (a zone whose word is missing from the pool
simply can never be right).
"""

from collections.abc import Mapping

from dream_lms.scoring.errors import ActivityConfigInvalid, pointer

JsonObject = Mapping[str, object]

FREE_MULTI_SELECT = -1
DEFAULT_CHOICE_GROUP = 2


def json_int(value: object) -> int | None:
    """An integral JSON number (JavaScript cannot tell 2.0 from 2, so neither do we); never a bool."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def activity_object(config: object) -> JsonObject:
    if not isinstance(config, Mapping):
        raise ActivityConfigInvalid("invalid_config", "the activity must be a JSON object")
    return config


def object_list(config: JsonObject, key: str) -> list[JsonObject]:
    value = config.get(key)
    if not isinstance(value, list) or not value:
        raise ActivityConfigInvalid("invalid_config", f"{key!r} must be a non-empty list", pointer(key))
    for index, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise ActivityConfigInvalid("invalid_config", f"{key}[{index}] must be an object", pointer(key, index))
    return value


def string_list(config: JsonObject, key: str) -> list[str]:
    value = config.get(key)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ActivityConfigInvalid("invalid_config", f"{key!r} must be a list of strings", pointer(key))
    return value


def item_strings(items: list[JsonObject], list_key: str, key: str) -> list[str]:
    """`items[i][key]` for every item, each of which must be a string."""
    values = [item.get(key) for item in items]
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise ActivityConfigInvalid(
                "invalid_config", f"{list_key}[{index}].{key} must be a string", pointer(list_key, index, key)
            )
    return [value for value in values if isinstance(value, str)]


def choice_group_size(config: JsonObject, key: str) -> int:
    """Options per question from circleCount/markCount: absent, null or 0 -> 2; -1 -> free multi-select."""
    raw = config.get(key)
    if raw is None:
        return DEFAULT_CHOICE_GROUP
    count = json_int(raw)
    if count is None or count < FREE_MULTI_SELECT:
        raise ActivityConfigInvalid("invalid_config", f"{key!r} must be -1, 0 or a positive integer", pointer(key))
    return DEFAULT_CHOICE_GROUP if count == 0 else count
