"""Runs every sync vector (sync-protocol/vectors/sync/*.json) through the Python merge core, and checks the
protocol's messages against its JSON Schemas. The TypeScript core runs the same files (pwa/src/shared/sync/)."""

import itertools
import json
from functools import cache, reduce
from pathlib import Path
from typing import Any, cast

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from dream_lms.attempts.merge import (
    AttemptKeyMismatch,
    AttemptState,
    apply_incoming,
    attempt_id_for,
    classify_submission,
    compare_vectors,
    join_counters,
    merge_attempt_states,
)
from dream_lms.attempts.rules import OpRejected, check_shape
from dream_lms.attempts.schemas import OP_IN
from dream_lms.core.clock import (
    Hlc,
    compare_hlc,
    correct_device_time,
    hlc_receive,
    hlc_tick,
    measure_skew,
)

PROTOCOL = Path(__file__).resolve().parents[2] / "sync-protocol"
VECTORS = PROTOCOL / "vectors" / "sync"
SCHEMAS = PROTOCOL / "schemas"
EVERY_VECTOR_FILE = {
    "apply.json",
    "attempt_ids.json",
    "hlc.json",
    "merge_laws.json",
    "merges.json",
    "messages.json",
    "op_kinds.json",
    "submission_timing.json",
    "version_vectors.json",
}


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VECTORS / name).read_text(encoding="utf-8"))
    return data


@cache
def _validator(schema_name: str) -> Draft202012Validator:
    resources = []
    for path in SCHEMAS.glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        resources.append((schema["$id"], Resource.from_contents(schema)))
    registry: Registry[Any] = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / f"{schema_name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=registry)


def _state(raw: Any) -> AttemptState:
    _validator("attempt_state").validate(raw)
    return cast(AttemptState, raw)


def _params(name: str, key: str = "cases") -> list[Any]:
    return [pytest.param(case, id=case.get("name", str(index))) for index, case in enumerate(_load(name)[key])]


def test_every_vector_file_is_run() -> None:
    assert {path.name for path in VECTORS.glob("*.json")} == EVERY_VECTOR_FILE


@pytest.mark.parametrize("case", _params("version_vectors.json"))
def test_vector_comparison(case: dict[str, Any]) -> None:
    for vector in (case["a"], case["b"], case["join"]):
        _validator("version_vector").validate(vector)
    assert compare_vectors(case["a"], case["b"]) == case["expected"]
    mirrored = {"dominates": "dominated", "dominated": "dominates"}.get(case["expected"], case["expected"])
    assert compare_vectors(case["b"], case["a"]) == mirrored
    assert join_counters(case["a"], case["b"]) == case["join"]
    assert list(join_counters(case["b"], case["a"])) == list(case["join"])


@pytest.mark.parametrize("case", _params("hlc.json", "compare"))
def test_hlc_order(case: dict[str, Any]) -> None:
    assert compare_hlc(case["a"], case["b"]) == case["expected"]
    assert compare_hlc(case["b"], case["a"]) == -case["expected"]


@pytest.mark.parametrize("case", _params("hlc.json", "tick"))
def test_hlc_tick(case: dict[str, Any]) -> None:
    ticked = hlc_tick(case["local"], case["now"])
    assert ticked == case["expected"]
    assert compare_hlc(ticked, case["local"]) == 1


@pytest.mark.parametrize("case", _params("hlc.json", "receive"))
def test_hlc_receive(case: dict[str, Any]) -> None:
    received: Hlc = hlc_receive(case["local"], case["remote"], case["now"])
    assert received == case["expected"]
    _validator("hlc").validate(received)
    assert (compare_hlc(received, case["local"]), compare_hlc(received, case["remote"])) == (1, 1)


@pytest.mark.parametrize("case", _params("attempt_ids.json"))
def test_attempt_id(case: dict[str, Any]) -> None:
    assert attempt_id_for(case["assignment_id"], case["student_id"], case["attempt_number"]) == case["expected"]


@pytest.mark.parametrize("case", _params("merges.json"))
def test_merge(case: dict[str, Any]) -> None:
    a, b, expected = _state(case["a"]), _state(case["b"]), _state(case["expected"])
    assert merge_attempt_states(a, b) == expected
    assert merge_attempt_states(b, a) == expected
    assert merge_attempt_states(expected, expected) == expected


@pytest.mark.parametrize("case", _params("merge_laws.json"))
def test_merge_laws(case: dict[str, Any]) -> None:
    states = [_state(raw) for raw in case["states"]]
    expected = _state(case["expected"])
    for order in itertools.permutations(states):
        assert reduce(merge_attempt_states, order) == expected
        first, second, third = order
        assert merge_attempt_states(first, merge_attempt_states(second, third)) == expected
    for state in states:
        assert merge_attempt_states(expected, state) == expected


def test_merging_states_of_different_attempts_is_refused() -> None:
    state = _state(_load("merges.json")["cases"][0]["a"])
    other: AttemptState = {**state, "attempt_number": 2}
    with pytest.raises(AttemptKeyMismatch):
        merge_attempt_states(state, other)


@pytest.mark.parametrize("case", _params("apply.json"))
def test_apply_sequence(case: dict[str, Any]) -> None:
    stored: AttemptState | None = None
    for push in case["pushes"]:
        outcome, stored = apply_incoming(stored, _state(push["incoming"]))
        assert (outcome, stored) == (push["outcome"], _state(push["state"]))


@pytest.mark.parametrize("case", _params("submission_timing.json", "skew"))
def test_skew(case: dict[str, Any]) -> None:
    skew = measure_skew(case["client_time"], case["server_received"])
    assert skew == case["expected_skew"]
    assert correct_device_time(case["device_time"], skew, case["server_received"]) == case["expected_corrected"]


@pytest.mark.parametrize("case", _params("submission_timing.json"))
def test_submission_timing(case: dict[str, Any]) -> None:
    assert classify_submission(**case["input"]) == case["expected"]


@pytest.mark.parametrize("case", _params("messages.json", "valid"))
def test_valid_message(case: dict[str, Any]) -> None:
    _validator(case["schema"]).validate(case["message"])


@pytest.mark.parametrize("case", _params("messages.json", "invalid"))
def test_invalid_message(case: dict[str, Any]) -> None:
    assert not _validator(case["schema"]).is_valid(case["message"])


@pytest.mark.parametrize("case", _params("op_kinds.json"))
def test_op_kind_rules(case: dict[str, Any]) -> None:
    # The attempt service's shape check, which refuses an op before anything is looked up.
    _validator("op").validate(case["op"])
    op = OP_IN.validate_python(case["op"])
    if case["expected_error"] is None:
        check_shape(op, cast(AttemptState, op["attempt"]))
        return
    with pytest.raises(OpRejected) as rejected:
        check_shape(op, cast(AttemptState, op["attempt"]))
    assert rejected.value.code == case["expected_error"]
