"""Properties of the attempt-state merge over generated states: a join-semilattice that never loses an answer."""

from hypothesis import given, settings
from hypothesis import strategies as st

from dream_lms.attempts.merge import (
    AnswerEntry,
    AttemptEvent,
    AttemptState,
    Status,
    compare_vectors,
    merge_attempt_states,
)
from dream_lms.core.clock import Hlc, hlc_key

DEVICES = [
    "11111111-1111-4111-8111-111111111111",
    "22222222-2222-4222-8222-222222222222",
    "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
]
ACTIVITIES = [
    "a0000000-0000-4000-8000-000000000001",
    "a0000000-0000-4000-8000-000000000002",
    "b0000000-0000-4000-8000-000000000003",
]
T0 = 1_767_261_600_000

hlcs = st.builds(
    lambda wall, counter, device: Hlc(wall=T0 + wall, counter=counter, device=device),
    st.integers(0, 6),
    st.integers(0, 2),
    st.sampled_from(DEVICES),
)


def _entry(stamp: Hlc) -> AnswerEntry:
    # One stamp is one write: the value follows from the stamp, as it does on a real device.
    return {"value": {"blanks": {"0": f"{stamp['wall']}.{stamp['counter']}.{stamp['device']}"}}, "hlc": stamp}


def _event(stamp: Hlc) -> AttemptEvent:
    return {"hlc": stamp, "device_time": stamp["wall"] - 1000}


@st.composite
def device_states(draw: st.DrawFn) -> AttemptState:
    """A state as one device could hold it before any merge."""
    status: Status = draw(st.sampled_from(["not_started", "in_progress", "submitted"]))
    answers = draw(st.dictionaries(st.sampled_from(ACTIVITIES), hlcs.map(_entry), max_size=3))
    return {
        "attempt_id": "7dd11789-fcea-568c-9d2c-a659f5ead21e",
        "assignment_id": "6f1c2b9e-0d3a-4c55-9a57-0c1f5d2e8a11",
        "attempt_number": 1,
        "status": status,
        "version_vector": draw(st.dictionaries(st.sampled_from(DEVICES), st.integers(0, 4))),
        "answers": answers if status != "not_started" else {},
        "answers_not_submitted": {},
        "time_spent": draw(st.dictionaries(st.sampled_from(DEVICES), st.integers(0, 90))),
        "started": draw(hlcs.map(_event)) if status != "not_started" else None,
        "submitted": draw(hlcs.map(_event)) if status == "submitted" else None,
    }


# Merged states too, so that states holding answers_not_submitted take part.
states = st.one_of(device_states(), st.builds(merge_attempt_states, device_states(), device_states()))


def _all_entries(*inputs: AttemptState) -> list[tuple[str, AnswerEntry]]:
    return [
        (activity, entry)
        for state in inputs
        for answers in (state["answers"], state["answers_not_submitted"])
        for activity, entry in answers.items()
    ]


@settings(max_examples=200)
@given(states, states)
def test_merge_is_commutative(a: AttemptState, b: AttemptState) -> None:
    assert merge_attempt_states(a, b) == merge_attempt_states(b, a)


@settings(max_examples=200)
@given(states, states, states)
def test_merge_is_associative(a: AttemptState, b: AttemptState, c: AttemptState) -> None:
    left = merge_attempt_states(merge_attempt_states(a, b), c)
    assert left == merge_attempt_states(a, merge_attempt_states(b, c))


@settings(max_examples=200)
@given(states)
def test_merge_is_idempotent(a: AttemptState) -> None:
    assert merge_attempt_states(a, a) == a


@settings(max_examples=200)
@given(states, states)
def test_merge_covers_both_inputs(a: AttemptState, b: AttemptState) -> None:
    merged = merge_attempt_states(a, b)
    assert compare_vectors(merged["version_vector"], a["version_vector"]) in ("equal", "dominates")
    assert compare_vectors(merged["version_vector"], b["version_vector"]) in ("equal", "dominates")
    assert merge_attempt_states(merged, a) == merged
    assert (merged["status"] == "submitted") == (merged["submitted"] is not None)


@settings(max_examples=200)
@given(states, states, states)
def test_no_answer_is_lost(a: AttemptState, b: AttemptState, c: AttemptState) -> None:
    """The newest write of every activity answered anywhere is in the result, counted or kept aside."""
    merged = merge_attempt_states(merge_attempt_states(a, b), c)
    kept = _all_entries(merged)
    written = _all_entries(a, b, c)
    for activity in {activity for activity, _ in written}:
        newest = max((entry for act, entry in written if act == activity), key=lambda entry: hlc_key(entry["hlc"]))
        assert (activity, newest) in kept
    for activity, aside in merged["answers_not_submitted"].items():
        # Kept aside only when it is newer than the answer that counts.
        if activity in merged["answers"]:
            assert hlc_key(aside["hlc"]) > hlc_key(merged["answers"][activity]["hlc"])
