"""The merge core of offline sync: pure functions over the wire form of attempt states (PROTOCOL.md, "Merging").

An attempt state is a join-semilattice: `merge_attempt_states` is commutative, associative and idempotent, so
every device and the server end with the same state whatever order, grouping or repetition pushes arrive in.
The TypeScript twin is pwa/src/shared/sync/merge.ts; both run every file of sync-protocol/vectors/sync/.
"""

import uuid
from collections.abc import Mapping
from typing import Literal, TypedDict

from dream_lms.core.clock import Hlc, correct_device_time, hlc_key
from dream_lms.scoring.counted import answer_counts, answers_deadline_ms

VectorOrder = Literal["equal", "dominates", "dominated", "concurrent"]
Outcome = Literal["applied", "duplicate", "merged"]
Status = Literal["not_started", "in_progress", "submitted"]

STATUS_ORDER: tuple[Status, ...] = ("not_started", "in_progress", "submitted")
# uuid5(NAMESPACE_URL, "https://dream-lms.example/sync-protocol/attempt"): the namespace of attempt ids.
ATTEMPT_ID_NAMESPACE = uuid.UUID("3ccc0684-dde2-5467-8668-2aba5f019ff6")

VersionVector = dict[str, int]


class AnswerEntry(TypedDict):
    """One activity's answers (answers.schema.json) and the stamp of the change that wrote them."""

    value: dict[str, object]
    hlc: Hlc


class AttemptEvent(TypedDict):
    """The start or the submission of an attempt: its stamp, and the device's clock reading at that moment."""

    hlc: Hlc
    device_time: int


class AttemptState(TypedDict):
    attempt_id: str
    assignment_id: str
    attempt_number: int
    status: Status
    version_vector: VersionVector
    answers: dict[str, AnswerEntry]
    answers_not_submitted: dict[str, AnswerEntry]
    time_spent: dict[str, int]
    started: AttemptEvent | None
    submitted: AttemptEvent | None


class SubmissionTiming(TypedDict):
    submitted_at: int
    on_time: bool
    synced_late: bool
    within_time_limit: bool


class AttemptKeyMismatch(ValueError):
    """Two states of different attempts cannot be merged."""


def attempt_id_for(assignment_id: str, student_id: str, attempt_number: int) -> str:
    """The id of a student's n-th attempt: two devices starting it offline name the same attempt."""
    return str(uuid.uuid5(ATTEMPT_ID_NAMESPACE, f"{assignment_id}/{student_id}/{attempt_number}"))


def compare_vectors(a: Mapping[str, int], b: Mapping[str, int]) -> VectorOrder:
    """How `a` relates to `b`; a missing device counts as 0."""
    a_ahead = any(counter > b.get(device, 0) for device, counter in a.items())
    b_ahead = any(counter > a.get(device, 0) for device, counter in b.items())
    if a_ahead and b_ahead:
        return "concurrent"
    if a_ahead:
        return "dominates"
    if b_ahead:
        return "dominated"
    return "equal"


def join_counters(a: Mapping[str, int], b: Mapping[str, int]) -> dict[str, int]:
    """Pointwise maximum, for version vectors and per-device time spent, keys in sorted order."""
    return {key: max(a.get(key, 0), b.get(key, 0)) for key in sorted(a.keys() | b.keys())}


def _last_writer_wins(*maps: Mapping[str, AnswerEntry]) -> dict[str, AnswerEntry]:
    latest: dict[str, AnswerEntry] = {}
    for answers in maps:
        for activity, entry in answers.items():
            current = latest.get(activity)
            # Strictly later only: among equal stamps the first map's entry stays, whatever the order of calls.
            if current is None or hlc_key(entry["hlc"]) > hlc_key(current["hlc"]):
                latest[activity] = entry
    return {activity: latest[activity] for activity in sorted(latest)}


def _newer_than_counted(
    candidates: Mapping[str, AnswerEntry], counted: Mapping[str, AnswerEntry]
) -> dict[str, AnswerEntry]:
    # An answer the counted set already has (or has a later one of) carries nothing new.
    return {
        activity: entry
        for activity, entry in candidates.items()
        if activity not in counted or hlc_key(entry["hlc"]) > hlc_key(counted[activity]["hlc"])
    }


def _earliest_event(a: AttemptEvent | None, b: AttemptEvent | None) -> AttemptEvent | None:
    if a is None or b is None:
        return a if b is None else b
    return a if hlc_key(a["hlc"]) <= hlc_key(b["hlc"]) else b


def merge_attempt_states(a: AttemptState, b: AttemptState) -> AttemptState:
    """The join of two states of one attempt.

    Unsubmitted: answers per activity by last writer (HLC order). Submitted: the earliest submission is the one
    that counts, and its answers are exactly what its device(s) submitted; every other answer stays in
    `answers_not_submitted` (kept and shown, never scored), so no answer is ever dropped.
    """
    for field in ("attempt_id", "assignment_id", "attempt_number"):
        if a[field] != b[field]:
            raise AttemptKeyMismatch(f"cannot merge states with different {field}")
    submitted = _earliest_event(a["submitted"], b["submitted"])
    if submitted is None:
        counting, others = [a, b], []
    else:
        counting = [state for state in (a, b) if state["submitted"] == submitted]
        others = [state for state in (a, b) if state["submitted"] != submitted]
    answers = _last_writer_wins(*(state["answers"] for state in counting))
    not_counted = _last_writer_wins(
        *(state["answers"] for state in others), a["answers_not_submitted"], b["answers_not_submitted"]
    )
    return {
        "attempt_id": a["attempt_id"],
        "assignment_id": a["assignment_id"],
        "attempt_number": a["attempt_number"],
        "status": max(a["status"], b["status"], key=STATUS_ORDER.index),
        "version_vector": join_counters(a["version_vector"], b["version_vector"]),
        "answers": answers,
        "answers_not_submitted": _newer_than_counted(not_counted, answers),
        "time_spent": join_counters(a["time_spent"], b["time_spent"]),
        "started": _earliest_event(a["started"], b["started"]),
        "submitted": submitted,
    }


def apply_incoming(stored: AttemptState | None, incoming: AttemptState) -> tuple[Outcome, AttemptState]:
    """What the server does with a pushed state: the op's outcome and the state it stores and returns."""
    if stored is None:
        return "applied", incoming
    order = compare_vectors(incoming["version_vector"], stored["version_vector"])
    if order in ("equal", "dominated"):
        return "duplicate", stored
    # Even a dominating state is joined, not copied: a faulty client can then still never erase an answer.
    return ("applied" if order == "dominates" else "merged"), merge_attempt_states(stored, incoming)


def classify_submission(
    *,
    submitted_device_time: int,
    skew_ms: int,
    server_received_at: int,
    started_at: int,
    due_at: int | None,
    time_limit_minutes: int | None,
    grace_ms: int,
) -> SubmissionTiming:
    """When a submission counts as made (server clock) and whether it was on time and within the time limit.

    `started_at` is the attempt's start already on the server's clock; `due_at` and `time_limit_minutes` include
    the student's extensions; `grace_ms` forgives the time limit only (network and tap latency).
    """
    submitted_at = max(correct_device_time(submitted_device_time, skew_ms, server_received_at), started_at)
    on_time = due_at is None or submitted_at <= due_at
    return {
        "submitted_at": submitted_at,
        "on_time": on_time,
        "synced_late": on_time and due_at is not None and server_received_at > due_at,
        "within_time_limit": answer_counts(submitted_at, answers_deadline_ms(started_at, time_limit_minutes, grace_ms)),
    }
