"""The attempt service: every change to an attempt, from a sync push or the online endpoints, goes through
`apply_ops`.

It follows sync-protocol/PROTOCOL.md sections 5-8: the op log (`sync_ops`) makes replays harmless (the result is
written in the same transaction as the change, so an op that committed before a crash is answered identically on
retry); the stored state is merged with the pushed ones by the pure core (`dream_lms.sync.merge`) under row locks,
all ops of one attempt in a batch at once (one lock, one write);
new events are skew-corrected and submissions judged (on time, synced late, within the time limit); the student's
`assignment_students` row follows; the student's devices get the merged state through the change feed; and a new
submission is marked `needs_rescore` so the worker scores it (enqueued after commit; a sweep catches what a failed
enqueue missed).
"""

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from pydantic import ValidationError
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.access import StudentAssignment, student_assignment
from dream_lms.assignments.models import (
    Assignment,
    AssignmentActivity,
    AssignmentStatus,
    AssignmentStudent,
    Attempt,
    AttemptStatus,
)
from dream_lms.attempts.schemas import OP_IN, OpIn
from dream_lms.books.models import Activity
from dream_lms.core.schemas import NUL_MESSAGE, contains_nul
from dream_lms.scoring import ActivityConfigInvalid, AnswersInvalid, score_activity
from dream_lms.scoring.counted import counted_score
from dream_lms.sync.clock import correct_device_time, hlc_key
from dream_lms.sync.feed import publish_to_users
from dream_lms.sync.merge import (
    AttemptEvent,
    AttemptState,
    apply_incoming,
    attempt_id_for,
    classify_submission,
)
from dream_lms.sync.models import Device, SyncOp

log = logging.getLogger(__name__)


class OpRejected(Exception):
    """An op the server refuses (PROTOCOL.md section 11); it changes nothing."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class PushContext:
    """Who pushes, from which device, and the clock measurement of this push."""

    user_id: uuid.UUID
    student_id: uuid.UUID
    device_id: uuid.UUID
    skew_ms: int
    received_ms: int
    grace_ms: int


@dataclass
class Effects:
    """What a batch leaves for after the commit: attempts to return, to re-score, and assignments to refresh."""

    touched: list[uuid.UUID] = field(default_factory=list)
    rescore: list[uuid.UUID] = field(default_factory=list)
    refresh: list[uuid.UUID] = field(default_factory=list)
    states: dict[uuid.UUID, AttemptState] = field(default_factory=dict)  # touched states known without a read

    def add(self, other: "Effects") -> None:
        self.states |= other.states
        for mine, theirs in (
            (self.touched, other.touched),
            (self.rescore, other.rescore),
            (self.refresh, other.refresh),
        ):
            mine.extend(item for item in theirs if item not in mine)


def now_ms() -> int:
    return int(datetime.now(UTC).timestamp() * 1000)


def to_datetime(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def to_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


async def register_device(
    session: AsyncSession,
    user_id: uuid.UUID,
    device_id: uuid.UUID,
    *,
    skew_ms: int | None = None,
    user_agent: str | None = None,
    name: str | None = None,
) -> None:
    """Create or refresh the (user, device) row: last seen, user agent, and the skew measured now."""
    values: dict[str, Any] = {"user_id": user_id, "id": device_id, "last_seen_at": datetime.now(UTC)}
    if skew_ms is not None:
        values["clock_skew_ms"] = skew_ms
    if user_agent is not None:
        values["user_agent"] = user_agent[:1000]
    if name is not None:
        values["name"] = name[:200]
    statement = insert(Device).values(**values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["user_id", "id"],
            set_={key: statement.excluded[key] for key in values if key not in ("user_id", "id")},
        )
    )


# ---------------------------------------------------------------------------------------------------------------
# Attempt rows <-> protocol states


def state_of(row: Attempt, assignment_id: uuid.UUID) -> AttemptState:
    submitted = cast(AttemptEvent | None, row.submitted_event)
    started = cast(AttemptEvent | None, row.started_event)
    return {
        "attempt_id": str(row.id),
        "assignment_id": str(assignment_id),
        "attempt_number": row.attempt_number,
        "status": "submitted" if submitted else ("in_progress" if started else "not_started"),
        "version_vector": dict(row.version_vector),
        "answers": cast(Any, dict(row.answers)),
        "answers_not_submitted": cast(Any, dict(row.answers_not_submitted)),
        "time_spent": dict(row.time_spent),
        "started": started,
        "submitted": submitted,
    }


async def _attempt_row(
    session: AsyncSession, attempt_id: uuid.UUID, *, lock: bool
) -> tuple[Attempt, AssignmentStudent] | None:
    query = (
        select(Attempt, AssignmentStudent)
        .join(AssignmentStudent, col(AssignmentStudent.id) == col(Attempt.assignment_student_id))
        .where(col(Attempt.id) == attempt_id)
        .execution_options(populate_existing=True)
    )
    if lock:
        query = query.with_for_update(of=Attempt)
    row = (await session.execute(query)).first()
    return (row[0], row[1]) if row else None


async def touched_states(session: AsyncSession, effects: Effects) -> list[AttemptState]:
    """The states of the attempts a batch touched, in order: those it merged from memory, the others read."""
    read = await attempt_states(
        session, [attempt_id for attempt_id in effects.touched if attempt_id not in effects.states]
    )
    known = effects.states | {uuid.UUID(state["attempt_id"]): state for state in read}
    return [known[attempt_id] for attempt_id in effects.touched if attempt_id in known]


async def attempt_states(session: AsyncSession, attempt_ids: Sequence[uuid.UUID]) -> list[AttemptState]:
    """The stored states of these attempts, in the given order."""
    if not attempt_ids:
        return []
    rows = (
        await session.execute(
            select(Attempt, col(AssignmentStudent.assignment_id))
            .join(AssignmentStudent, col(AssignmentStudent.id) == col(Attempt.assignment_student_id))
            .where(col(Attempt.id).in_(attempt_ids))
            .execution_options(populate_existing=True)
        )
    ).all()
    by_id = {row[0].id: state_of(row[0], row[1]) for row in rows}
    return [by_id[attempt_id] for attempt_id in attempt_ids if attempt_id in by_id]


# ---------------------------------------------------------------------------------------------------------------
# Applying a batch of ops


@dataclass
class _Op:
    """One op of a batch, parsed; `rejection` is set when it is refused before any lookup."""

    index: int
    op_id: uuid.UUID
    kind: str
    parsed: OpIn | None = None
    state: AttemptState | None = None
    rejection: OpRejected | None = None


@dataclass(frozen=True)
class _AttemptKey:
    attempt_id: uuid.UUID
    assignment_id: uuid.UUID
    number: int


@dataclass
class _Target:
    """The attempt a group of ops changes, with the locks taken: the student's assignment row and the attempt."""

    key: _AttemptKey
    sa: StudentAssignment
    row: Attempt | None


def _rejected(op_id: uuid.UUID, rejection: OpRejected) -> dict[str, Any]:
    return {"op_id": str(op_id), "outcome": "rejected", "error": {"code": rejection.code, "reason": rejection.reason}}


def _internal_error(op_id: uuid.UUID) -> dict[str, Any]:
    return {
        "op_id": str(op_id),
        "outcome": "rejected",
        "error": {
            "code": "internal_error",
            "reason": "This change failed on the server; retry later.",
            "retryable": True,
        },
    }


def _is_retryable(result: dict[str, Any]) -> bool:
    return bool(result.get("error", {}).get("retryable"))


async def apply_ops(
    session: AsyncSession, ctx: PushContext, raw_ops: Sequence[dict[str, Any]], effects: Effects
) -> list[dict[str, Any]]:
    """Apply a batch (PROTOCOL.md 7.2) and return one result per op, in order. Never raises for bad ops.

    Ops are grouped by the attempt they change and each group is applied in one savepoint: the attempt is locked
    once, every op is merged in memory in batch order against the running state (so each op gets the outcome it
    would have had alone), and the attempt, the student's row, the feed and the op log are written once. Groups go
    in a fixed order (assignment, attempt number), whatever the order of the batch: two devices of one student
    pushing at once take their locks in the same order, so they never deadlock. A failure in one group rolls back
    only that group, whose ops are answered `internal_error` (retryable).
    """
    results: list[dict[str, Any] | None] = [None] * len(raw_ops)
    first_index: dict[uuid.UUID, int] = {}
    repeats: list[tuple[int, int]] = []
    groups: dict[_AttemptKey | None, list[_Op]] = {}
    for index, raw_op in enumerate(raw_ops):
        op_id = uuid.UUID(str(raw_op["op_id"]))
        if op_id in first_index:  # the same op twice in one batch: the second is a replay of the first
            repeats.append((index, first_index[op_id]))
            continue
        first_index[op_id] = index
        op = _parse(index, op_id, raw_op)
        groups.setdefault(_key_of(op), []).append(op)
    for key, ops in sorted(groups.items(), key=lambda group: _lock_order(group[0])):
        for op, result in zip(ops, await _apply_group(session, ctx, key, ops, effects), strict=True):
            results[op.index] = result
    for index, first in repeats:
        original = results[first]
        assert original is not None
        results[index] = original if _is_retryable(original) else {**original, "replayed": True}
    return [result for result in results if result is not None]


def _parse(index: int, op_id: uuid.UUID, raw_op: dict[str, Any]) -> _Op:
    op = _Op(index=index, op_id=op_id, kind=str(raw_op.get("kind", ""))[:50])
    try:
        op.parsed = OP_IN.validate_python(raw_op)
        op.state = cast(AttemptState, op.parsed["attempt"])
        _check_shape(op.parsed, op.state)
    except ValidationError as exc:
        op.rejection = OpRejected("invalid_op", _first_error(exc))
    except OpRejected as rejection:
        op.rejection = rejection
    return op


def _lock_order(key: _AttemptKey | None) -> tuple[str, int, str]:
    # Ops refused before any lookup take no lock: they go first.
    return (str(key.assignment_id), key.number, str(key.attempt_id)) if key else ("", 0, "")


def _key_of(op: _Op) -> _AttemptKey | None:
    if op.rejection is not None or op.state is None:
        return None
    return _AttemptKey(
        attempt_id=uuid.UUID(op.state["attempt_id"]),
        assignment_id=uuid.UUID(op.state["assignment_id"]),
        number=op.state["attempt_number"],
    )


async def _apply_group(
    session: AsyncSession, ctx: PushContext, key: _AttemptKey | None, ops: list[_Op], effects: Effects
) -> list[dict[str, Any]]:
    group_effects = Effects()
    try:
        async with session.begin_nested():
            results = await _apply_group_locked(session, ctx, key, ops, group_effects)
    except Exception:
        log.exception("sync ops of attempt %s of user %s failed", key.attempt_id if key else None, ctx.user_id)
        return [_internal_error(op.op_id) for op in ops]
    effects.add(group_effects)
    return [results[op.op_id] for op in ops]


async def _apply_group_locked(
    session: AsyncSession, ctx: PushContext, key: _AttemptKey | None, ops: list[_Op], effects: Effects
) -> dict[uuid.UUID, dict[str, Any]]:
    target: _Target | OpRejected | None = None
    if key is not None:
        try:
            target = await _lock_target(session, ctx, key)
        except OpRejected as rejection:
            target = rejection
    # Read after the locks: a concurrent push of the same ops has either committed (and is answered from the log)
    # or not begun on this attempt.
    recorded = await _recorded_results(session, ctx, [op.op_id for op in ops])
    results = {op_id: {**result, "replayed": True} for op_id, result in recorded.items()}
    for result in results.values():
        if "attempt_id" in result:
            effects.add(Effects(touched=[uuid.UUID(result["attempt_id"])]))
    fresh = [op for op in ops if op.op_id not in recorded]
    if isinstance(target, _Target):
        results |= await _merge_ops(session, ctx, target, fresh, effects)
    else:
        for op in fresh:
            results[op.op_id] = _rejected(op.op_id, op.rejection or cast(OpRejected, target))
    await _record_results(session, ctx, [(op, results[op.op_id]) for op in fresh])
    return results


async def _recorded_results(
    session: AsyncSession, ctx: PushContext, op_ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[str, Any]]:
    rows = await session.execute(
        select(col(SyncOp.op_id), col(SyncOp.result)).where(
            col(SyncOp.user_id) == ctx.user_id,
            col(SyncOp.device_id) == ctx.device_id,
            col(SyncOp.op_id).in_(op_ids),
        )
    )
    return {row[0]: row[1] for row in rows}


async def _record_results(session: AsyncSession, ctx: PushContext, answered: list[tuple[_Op, dict[str, Any]]]) -> None:
    """The op log: written in the transaction of the change, so a replay after a crash is answered alike."""
    if not answered:
        return
    await session.execute(
        insert(SyncOp).on_conflict_do_nothing(index_elements=["user_id", "device_id", "op_id"]),
        [
            {"user_id": ctx.user_id, "device_id": ctx.device_id, "op_id": op.op_id, "kind": op.kind, "result": result}
            for op, result in answered
        ],
    )


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error.get("loc", ())) or "op"
    return f"{where}: {error.get('msg', 'not valid')}"


def _check_shape(op: OpIn, state: AttemptState) -> None:
    started, submitted, status = state["started"], state["submitted"], state["status"]
    if (status == "submitted") != (submitted is not None):
        raise OpRejected("invalid_op", "status: 'submitted' exactly when submitted is set")
    if status == "in_progress" and started is None:
        raise OpRejected("invalid_op", "status: 'in_progress' needs started")
    if status == "not_started" and started is not None:
        raise OpRejected("invalid_op", "status: a started attempt is 'in_progress' or 'submitted'")
    if submitted is None and state["answers_not_submitted"]:
        raise OpRejected("invalid_op", "answers_not_submitted: only in submitted attempts")
    kind, client_score = op["kind"], op.get("client_score")
    if kind == "start_attempt" and (status != "in_progress" or started is None or submitted is not None):
        raise OpRejected("kind_mismatch", "start_attempt needs an in-progress state with started set")
    if kind == "save_progress" and submitted is not None:
        raise OpRejected("kind_mismatch", "save_progress needs a state that is not submitted")
    if kind == "submit_attempt" and (status != "submitted" or submitted is None):
        raise OpRejected("kind_mismatch", "submit_attempt needs a submitted state")
    if client_score is not None and kind != "submit_attempt":
        raise OpRejected("invalid_op", "client_score: only on submit_attempt")


async def _lock_target(session: AsyncSession, ctx: PushContext, key: _AttemptKey) -> _Target:
    """Check the attempt is the student's to change and lock it; raises OpRejected for every op of the group."""
    owner = await _attempt_row(session, key.attempt_id, lock=False)
    if owner is not None and owner[1].student_id != ctx.student_id:
        raise OpRejected("not_your_attempt", "this attempt belongs to another student")

    # Locks the student's assignment row first, then the attempt: every writer of one student's work on one
    # assignment takes the locks in this order, so concurrent pushes of two devices serialize without deadlock.
    sa = await student_assignment(session, ctx.student_id, key.assignment_id, for_update=True)
    if sa is None:
        live = await session.scalar(
            select(func.count()).where(col(Assignment.id) == key.assignment_id, col(Assignment.is_deleted).is_(False))
        )
        if not live:
            raise OpRejected("assignment_not_found", "no such assignment, or it was deleted")
        raise OpRejected("not_assigned", "this assignment is not given to you")
    if str(key.attempt_id) != attempt_id_for(str(key.assignment_id), str(ctx.student_id), key.number):
        raise OpRejected("attempt_id_mismatch", "attempt_id is not the id derived from the attempt's key")

    existing = await _attempt_row(session, key.attempt_id, lock=True)
    if existing is not None and (
        existing[1].assignment_id != key.assignment_id or existing[0].attempt_number != key.number
    ):
        raise OpRejected("attempt_key_mismatch", "this attempt id exists with another assignment or number")
    return _Target(key=key, sa=sa, row=existing[0] if existing else None)


class _AnswerChecker:
    """Checks answers against their activities, loading the assignment's activities once and checking each distinct
    answer once (consecutive ops of one attempt repeat most of their answers)."""

    def __init__(self, session: AsyncSession, sa: StudentAssignment) -> None:
        self._session = session
        self._activity_ids = sa.activity_ids
        self._activities: dict[str, tuple[str, Any]] | None = None
        self._valid: dict[tuple[str, tuple[int, int, str]], dict[str, object]] = {}  # (activity, stamp) -> value

    async def check(self, state: AttemptState) -> None:
        entries = [*state["answers"].items(), *state["answers_not_submitted"].items()]
        if not entries:
            return
        activities = await self._load()
        unknown = sorted({activity for activity, _ in entries if activity not in activities})
        if unknown:
            raise OpRejected("invalid_op", f"answers.{unknown[0]}: not an activity of this assignment")
        for activity, entry in entries:
            key = (activity, hlc_key(entry["hlc"]))
            if self._valid.get(key) == entry["value"]:
                continue
            if contains_nul(entry["value"]):
                raise OpRejected("invalid_op", f"answers.{activity}.value: {NUL_MESSAGE}")
            activity_type, config = activities[activity]
            try:
                score_activity(activity_type, config, entry["value"])
            except AnswersInvalid as exc:
                raise OpRejected("invalid_op", f"answers.{activity}.value: {exc}") from exc
            except ActivityConfigInvalid:
                pass  # the activity itself cannot be scored: nothing to hold against the answers
            self._valid[key] = entry["value"]

    async def _load(self) -> dict[str, tuple[str, Any]]:
        if self._activities is None:
            rows = await self._session.execute(
                select(col(Activity.id), col(Activity.activity_type), col(Activity.config)).where(
                    col(Activity.id).in_(self._activity_ids)
                )
            )
            self._activities = {str(row[0]): (str(row[1]), row[2]) for row in rows}
        return self._activities


def _event_key(event: AttemptEvent | None) -> tuple[int, int, str] | None:
    return (event["hlc"]["wall"], event["hlc"]["counter"], event["hlc"]["device"]) if event else None


def _check_event_devices(ctx: PushContext, state: AttemptState, stored: AttemptState | None) -> None:
    pairs: list[tuple[str, AttemptEvent | None, AttemptEvent | None]] = [
        ("started", state["started"], stored["started"] if stored else None),
        ("submitted", state["submitted"], stored["submitted"] if stored else None),
    ]
    for name, event, known in pairs:
        if event is None or event["hlc"]["device"] == str(ctx.device_id):
            continue
        # Only an event that would replace the stored one (the earliest wins) needs this push's skew. A later one is
        # from a state relayed after an older pull, and the merge leaves it aside: refusing it would refuse answers.
        if known is None or hlc_key(event["hlc"]) < hlc_key(known["hlc"]):
            raise OpRejected("event_device_mismatch", f"{name}: a new event must come from the device that made it")


async def _merge_ops(
    session: AsyncSession, ctx: PushContext, target: _Target, ops: list[_Op], effects: Effects
) -> dict[uuid.UUID, dict[str, Any]]:
    """Merge the ops into the locked attempt in batch order, then write what changed once."""
    attempt_id = target.key.attempt_id
    stored = state_of(target.row, target.key.assignment_id) if target.row is not None else None
    started_at = target.row.started_at if target.row is not None else None
    changes: dict[str, Any] = {}
    answers = _AnswerChecker(session, target.sa)
    results: dict[uuid.UUID, dict[str, Any]] = {}
    for op in ops:
        assert op.parsed is not None and op.state is not None
        outcome, merged = apply_incoming(stored, op.state)
        # A duplicate changes nothing, so its content is not judged again: a replay of work the server holds (e.g.
        # after its op log record was pruned) finishes even if the activity's rules changed since.
        if outcome != "duplicate":
            try:
                await _check_op(session, ctx, target, answers, op.state, stored)
            except OpRejected as rejection:
                results[op.op_id] = _rejected(op.op_id, rejection)
                continue
            changes |= _changed_values(ctx, target.sa, stored, merged, started_at, op.parsed, effects)
            started_at = changes["started_at"]
            stored = merged
        results[op.op_id] = {"op_id": str(op.op_id), "outcome": outcome, "attempt_id": str(attempt_id)}
        if attempt_id not in effects.touched:
            effects.touched.append(attempt_id)
        effects.states[attempt_id] = merged
    if changes:
        assert stored is not None
        await _write_attempt(session, ctx, target, stored, changes)
        effects.refresh.append(target.sa.assignment_id)
    return results


async def _check_op(
    session: AsyncSession,
    ctx: PushContext,
    target: _Target,
    answers: _AnswerChecker,
    state: AttemptState,
    stored: AttemptState | None,
) -> None:
    """Whether an op that changes the attempt may: raises OpRejected."""
    if stored is None:
        if state["started"] is None:
            raise OpRejected("invalid_op", "started: creating an attempt needs its start event")
        await _check_new_attempt(session, target.sa, target.key.number)
    await answers.check(state)
    _check_event_devices(ctx, state, stored)


async def _check_new_attempt(session: AsyncSession, sa: StudentAssignment, number: int) -> None:
    if number > sa.max_attempts:
        raise OpRejected(
            "attempts_exhausted", f"attempt {number} is beyond the {sa.max_attempts} allowed for this assignment"
        )
    if number > 1:
        previous = await session.scalar(
            select(col(Attempt.status)).where(
                col(Attempt.assignment_student_id) == sa.assignment_student_id,
                col(Attempt.attempt_number) == number - 1,
            )
        )
        if previous != AttemptStatus.SUBMITTED:
            raise OpRejected("attempts_exhausted", f"attempt {number - 1} must be submitted before attempt {number}")


def _changed_values(
    ctx: PushContext,
    sa: StudentAssignment,
    stored: AttemptState | None,
    merged: AttemptState,
    started_at: datetime | None,
    op: OpIn,
    effects: Effects,
) -> dict[str, Any]:
    """The attempt columns after merging one op: new events corrected for skew, a new submission judged."""
    started = merged["started"]
    assert started is not None  # every stored attempt was created with its start
    if stored is None or _event_key(stored["started"]) != _event_key(started):
        corrected = to_datetime(correct_device_time(started["device_time"], ctx.skew_ms, ctx.received_ms))
        started_at = corrected if started_at is None else min(started_at, corrected)
    assert started_at is not None
    values: dict[str, Any] = {
        "answers": merged["answers"],
        "answers_not_submitted": merged["answers_not_submitted"],
        "version_vector": merged["version_vector"],
        "time_spent": merged["time_spent"],
        "started_event": started,
        "started_at": started_at,
    }
    submitted = merged["submitted"]
    if submitted is not None and (stored is None or _event_key(stored["submitted"]) != _event_key(submitted)):
        # A new counting submission (the first, or an earlier one than the stored): judge it and re-score.
        timing = classify_submission(
            submitted_device_time=submitted["device_time"],
            skew_ms=ctx.skew_ms,
            server_received_at=ctx.received_ms,
            started_at=to_ms(started_at),
            due_at=to_ms(sa.due_at) if sa.due_at else None,
            time_limit_minutes=sa.time_limit_minutes,
            grace_ms=ctx.grace_ms,
        )
        values |= {
            "status": AttemptStatus.SUBMITTED,
            "submitted_event": submitted,
            "submitted_at": to_datetime(timing["submitted_at"]),
            "server_received_at": to_datetime(ctx.received_ms),
            "on_time": timing["on_time"],
            "synced_late": timing["synced_late"],
            "within_time_limit": timing["within_time_limit"],
            "needs_rescore": True,
        }
        if op["kind"] == "submit_attempt" and op.get("client_score") is not None:
            values["client_score"] = op.get("client_score")
        attempt_id = uuid.UUID(merged["attempt_id"])
        if attempt_id not in effects.rescore:
            effects.rescore.append(attempt_id)
    return values


async def _write_attempt(
    session: AsyncSession, ctx: PushContext, target: _Target, merged: AttemptState, changes: dict[str, Any]
) -> None:
    if target.row is None:
        values = changes | {
            "id": target.key.attempt_id,
            "assignment_student_id": target.sa.assignment_student_id,
            "attempt_number": target.key.number,
        }
        await session.execute(insert(Attempt).values(**values))
    else:
        await session.execute(update(Attempt).where(col(Attempt.id) == target.key.attempt_id).values(**changes))
    await refresh_student_row(session, target.sa.assignment_student_id)
    await publish_to_users(
        session, [ctx.user_id], "attempt", target.key.attempt_id, "upsert", cast(dict[str, Any], merged)
    )


async def refresh_student_row(session: AsyncSession, assignment_student_id: uuid.UUID) -> None:
    """Recompute the student's status, times, attempts used and counted score from their attempts.

    The score that counts is dream_lms.scoring.counted's (the best server score of the submitted attempts); time
    spent is the sum over attempts and devices; synced-late follows the first submission.
    """
    rows = (
        await session.execute(
            select(
                col(Attempt.attempt_number),
                col(Attempt.status),
                col(Attempt.score),
                col(Attempt.started_at),
                col(Attempt.submitted_at),
                col(Attempt.synced_late),
                col(Attempt.time_spent),
            )
            .where(col(Attempt.assignment_student_id) == assignment_student_id)
            .order_by(col(Attempt.attempt_number))
        )
    ).all()
    if not rows:
        return
    submitted = [row for row in rows if row.status == AttemptStatus.SUBMITTED]
    # Submitted once any attempt is (a further attempt in progress does not undo the work handed in).
    status = AssignmentStatus.SUBMITTED if submitted else AssignmentStatus.IN_PROGRESS
    await session.execute(
        update(AssignmentStudent)
        .where(col(AssignmentStudent.id) == assignment_student_id)
        .values(
            status=status,
            started_at=min(row.started_at for row in rows),
            completed_at=min((row.submitted_at for row in submitted if row.submitted_at), default=None),
            synced_late=submitted[0].synced_late if submitted else False,
            time_spent_seconds=sum(sum(int(v) for v in row.time_spent.values()) for row in rows),
            attempts_used=len(rows),
            score=counted_score(rows),
        )
    )


async def activities_of(session: AsyncSession, assignment_id: uuid.UUID) -> list[tuple[int, Activity]]:
    rows = await session.execute(
        select(col(AssignmentActivity.position), Activity)
        .join(Activity, col(Activity.id) == col(AssignmentActivity.activity_id))
        .where(col(AssignmentActivity.assignment_id) == assignment_id)
        .order_by(col(AssignmentActivity.position))
    )
    return [(row[0], row[1]) for row in rows]
