"""Runs the vectors of which score counts (sync-protocol/vectors/results/*.json) through dream_lms.scoring.counted.

The TypeScript twin runs the same files (pwa/src/shared/scoring/counted.test.ts).
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dream_lms.scoring.counted import answer_counts, answers_deadline_ms, attempt_score, counted_attempt, counted_score

VECTORS = Path(__file__).resolve().parents[2] / "sync-protocol" / "vectors" / "results"


@dataclass(frozen=True)
class _Attempt:
    attempt_number: int
    status: str
    score: int | None


def _params(name: str) -> list[Any]:
    cases = json.loads((VECTORS / name).read_text(encoding="utf-8"))["cases"]
    return [pytest.param(case, id=case["name"]) for case in cases]


def test_every_vector_file_is_run() -> None:
    assert {path.name for path in VECTORS.glob("*.json")} == {
        "attempt_score.json",
        "counted_score.json",
        "time_limit.json",
    }


@pytest.mark.parametrize("case", _params("attempt_score.json"))
def test_attempt_score(case: dict[str, Any]) -> None:
    assert attempt_score(case["activity_scores"]) == case["expected"]


@pytest.mark.parametrize("case", _params("counted_score.json"))
def test_counted_score(case: dict[str, Any]) -> None:
    attempts = [_Attempt(**attempt) for attempt in case["attempts"]]
    counted = counted_attempt(attempts)
    assert (counted.attempt_number if counted else None) == case["expected"]["attempt_number"]
    assert counted_score(attempts) == case["expected"]["score"]
    assert counted_score(reversed(attempts)) == case["expected"]["score"]


@pytest.mark.parametrize("case", _params("time_limit.json"))
def test_time_limit(case: dict[str, Any]) -> None:
    deadline = answers_deadline_ms(case["started_at"], case["time_limit_minutes"], case["grace_ms"])
    assert deadline == case["expected"]["deadline"]
    assert answer_counts(case["answered_at"], deadline) is case["expected"]["counts"]
