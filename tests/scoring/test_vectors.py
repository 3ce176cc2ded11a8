"""Runs every scoring vector (sync-protocol/vectors/scoring/*.json) through the Python scorer.

The TypeScript scorer runs the same files (pwa/src/shared/scoring/scoring.test.ts).
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from dream_lms.scoring import (
    ACTIVITY_TYPES,
    ActivityConfigInvalid,
    AnswersInvalid,
    ScoringError,
    generate_grid,
    score_activity,
    scored_items,
)

PROTOCOL = Path(__file__).resolve().parents[2] / "sync-protocol"
VECTOR_FILES = sorted((PROTOCOL / "vectors" / "scoring").glob("*.json"))
CONFIG_ERROR_CODES = {"invalid_config", "unknown_activity_type", "words_not_placeable"}
MIN_CASES_PER_TYPE = 15


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _cases() -> list[Any]:
    params = []
    for path in VECTOR_FILES:
        data = _load(path)
        for case in data["cases"]:
            params.append(pytest.param(data["activity_type"], case, id=f"{path.stem}: {case['name']}"))
    return params


@cache
def _answers_validator(activity_type: str) -> Draft202012Validator:
    schema = _load(PROTOCOL / "schemas" / "answers.schema.json")
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator({"$defs": schema["$defs"], "$ref": f"#/$defs/{activity_type}"})


def test_every_activity_type_has_its_vector_file() -> None:
    assert {path.stem for path in VECTOR_FILES} == set(ACTIVITY_TYPES)
    for path in VECTOR_FILES:
        data = _load(path)
        assert data["activity_type"] == path.stem
        assert len(data["cases"]) >= MIN_CASES_PER_TYPE, path.name


@pytest.mark.parametrize(("activity_type", "case"), _cases())
def test_vector(activity_type: str, case: dict[str, Any]) -> None:
    if "expected_error" in case:
        with pytest.raises(ScoringError) as raised:
            score_activity(activity_type, case["config"], case["answers"])
        code = case["expected_error"]
        assert raised.value.code == code
        expected_class = ActivityConfigInvalid if code in CONFIG_ERROR_CODES else AnswersInvalid
        assert isinstance(raised.value, expected_class)
        if code == "invalid_shape":
            assert not _answers_validator(activity_type).is_valid(case["answers"])
        return
    _answers_validator(activity_type).validate(case["answers"])
    result = score_activity(activity_type, case["config"], case["answers"])
    expected = case["expected"]
    assert (result.score, result.correct, result.total) == (expected["score"], expected["correct"], expected["total"])
    assert [{"index": item.index, "correct": item.correct} for item in result.items] == expected["items"]
    if "grid" in case:
        assert generate_grid(case["config"]["words"], case["answers"]["seed"]) == case["grid"]


def test_unknown_activity_type_is_a_config_error() -> None:
    with pytest.raises(ActivityConfigInvalid) as raised:
        score_activity("crossword", {"type": "crossword"}, {})
    assert raised.value.code == "unknown_activity_type"


@pytest.mark.parametrize(("activity_type", "case"), [p for p in _cases() if "expected_error" not in p.values[1]])
def test_scored_items_are_the_items_of_any_answers(activity_type: str, case: dict[str, Any]) -> None:
    # An activity left blank lists the items an answered one would (analytics count each as wrong).
    assert scored_items(activity_type, case["config"]) == [item["index"] for item in case["expected"]["items"]]


def test_scored_items_of_an_unscorable_activity_is_a_config_error() -> None:
    with pytest.raises(ActivityConfigInvalid):
        scored_items("puzzleFindWords", {"type": "puzzleFindWords", "words": []})
