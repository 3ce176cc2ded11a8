"""The attempt service: every change to an attempt, from a sync push or the online endpoints, goes through
`apply_ops`, the one code path that changes an attempt.

It follows sync-protocol/PROTOCOL.md sections 5-8: the op log (kept by the transport, given as an `OpLog`) makes
replays harmless (the result is written in the same transaction as the change, so an op that committed before a crash
is answered identically on retry); the stored state is merged with the pushed ones by the pure core
(`dream_lms.attempts.merge`) under row locks, all ops of one attempt in a batch at once (one lock, one write); the ops
are checked by `dream_lms.attempts.rules`; new events are skew-corrected and submissions judged (on time, synced late,
within the time limit); the student's `assignment_students` row follows; the student's devices get the merged state
through the change feed; and a new submission is marked `needs_rescore` and its re-score scheduled for after the commit
(`dream_lms.core.jobs`; a sweep catches what a failed enqueue missed).
"""

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, cast

from pydantic import ValidationError
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.access import StudentAssignment, student_assignment
from dream_lms.assignments.models import Assignment
from dream_lms.attempts.merge import AttemptState, apply_incoming, attempt_id_for, classify_submission
from dream_lms.attempts.models import Attempt, AttemptStatus
from dream_lms.attempts.progress import refresh_student_row
from dream_lms.attempts.rules import (
    AnswerChecker,
    OpRejected,
    check_event_devices,
    check_new_attempt,
    check_shape,
    event_key,
    first_error,
)
from dream_lms.attempts.schemas import OP_IN, OpIn
from dream_lms.attempts.states import attempt_row, attempt_states, state_of, to_datetime, to_ms
from dream_lms.core.clock import correct_device_time
from dream_lms.core.feed import publish_to_users
from dream_lms.core.jobs import schedule_job

log = logging.getLogger(__name__)

RESCORE_JOB = "rescore_attempt"  # dream_lms.attempts.jobs.rescore_attempt


class OpLog(Protocol):
    """The idempotency record of one device's ops (PROTOCOL.md 7.2), kept by the transport (dream_lms.sync.op_log).

    `apply_ops` reads it after taking an attempt's locks and writes it in the savepoint of the change: a concurrent
    push of the same ops has then either committed (and is answered from the log) or not begun on this attempt, and a
    change and its record commit or roll back together."""

    async def recorded(self, session: AsyncSession, op_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
        """The results already recorded for these ops."""
        ...

    async def record(self, session: AsyncSession, answered: Sequence[tuple[uuid.UUID, str, dict[str, Any]]]) -> None:
        """Record (op id, kind, result) of ops just answered; an op already recorded keeps its first result."""
        ...


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
    """What a batch changed: the attempts to return (with the states merged in memory) and those to re-score."""

    touched: list[uuid.UUID] = field(default_factory=list)
    rescore: list[uuid.UUID] = field(default_factory=list)
    states: dict[uuid.UUID, AttemptState] = field(default_factory=dict)  # touched states known without a read

    def add(self, other: "Effects") -> None:
        self.states |= other.states
        for mine, theirs in ((self.touched, other.touched), (self.rescore, other.rescore)):
            mine.extend(item for item in theirs if item not in mine)


def rescore_job_id(attempt_id: uuid.UUID) -> str:
    # Unique per enqueue: a finished job's result would otherwise block a later re-score of the same attempt.
    return f"rescore:{attempt_id}:{uuid.uuid4().hex}"


def schedule_rescore(session: AsyncSession, attempt_id: uuid.UUID) -> None:
    schedule_job(session, RESCORE_JOB, str(attempt_id), job_id=rescore_job_id(attempt_id))


async def touched_states(session: AsyncSession, effects: Effects) -> list[AttemptState]:
    """The states of the attempts a batch touched, in order: those it merged from memory, the others read."""
    read = await attempt_states(
        session, [attempt_id for attempt_id in effects.touched if attempt_id not in effects.states]
    )
    known = effects.states | {uuid.UUID(state["attempt_id"]): state for state in read}
    return [known[attempt_id] for attempt_id in effects.touched if attempt_id in known]


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
    session: AsyncSession, ctx: PushContext, op_log: OpLog, raw_ops: Sequence[dict[str, Any]], effects: Effects
) -> list[dict[str, Any]]:
    """Apply a batch (PROTOCOL.md 7.2) and return one result per op, in order. Never raises for bad ops.

    Ops are grouped by the attempt they change and each group is applied in one savepoint: the attempt is locked
    once, every op is merged in memory in batch order against the running state (so each op gets the outcome it
    would have had alone), and the attempt, the student's row, the feed and the op log are written once. Groups go
    in a fixed order (assignment, attempt number), whatever the order of the batch: two devices of one student
    pushing at once take their locks in the same order, so they never deadlock. A failure in one group rolls back
    only that group, whose ops are answered `internal_error` (retryable). The re-score of a submission a group
    stores is scheduled once its savepoint is released (enqueued after the commit).
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
        for op, result in zip(ops, await _apply_group(session, ctx, op_log, key, ops, effects), strict=True):
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
        check_shape(op.parsed, op.state)
    except ValidationError as exc:
        op.rejection = OpRejected("invalid_op", first_error(exc))
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
    session: AsyncSession,
    ctx: PushContext,
    op_log: OpLog,
    key: _AttemptKey | None,
    ops: list[_Op],
    effects: Effects,
) -> list[dict[str, Any]]:
    group_effects = Effects()
    try:
        async with session.begin_nested():
            results = await _apply_group_locked(session, ctx, op_log, key, ops, group_effects)
    except Exception:
        log.exception("sync ops of attempt %s of user %s failed", key.attempt_id if key else None, ctx.user_id)
        return [_internal_error(op.op_id) for op in ops]
    for attempt_id in group_effects.rescore:
        schedule_rescore(session, attempt_id)
    effects.add(group_effects)
    return [results[op.op_id] for op in ops]


async def _apply_group_locked(
    session: AsyncSession,
    ctx: PushContext,
    op_log: OpLog,
    key: _AttemptKey | None,
    ops: list[_Op],
    effects: Effects,
) -> dict[uuid.UUID, dict[str, Any]]:
    target: _Target | OpRejected | None = None
    if key is not None:
        try:
            target = await _lock_target(session, ctx, key)
        except OpRejected as rejection:
            target = rejection
    # Read after the locks: a concurrent push of the same ops has either committed (and is answered from the log)
    # or not begun on this attempt.
    recorded = await op_log.recorded(session, [op.op_id for op in ops])
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
    await op_log.record(session, [(op.op_id, op.kind, results[op.op_id]) for op in fresh])
    return results


async def _lock_target(session: AsyncSession, ctx: PushContext, key: _AttemptKey) -> _Target:
    """Check the attempt is the student's to change and lock it; raises OpRejected for every op of the group."""
    owner = await attempt_row(session, key.attempt_id, lock=False)
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

    existing = await attempt_row(session, key.attempt_id, lock=True)
    if existing is not None and (
        existing[1].assignment_id != key.assignment_id or existing[0].attempt_number != key.number
    ):
        raise OpRejected("attempt_key_mismatch", "this attempt id exists with another assignment or number")
    return _Target(key=key, sa=sa, row=existing[0] if existing else None)


async def _merge_ops(
    session: AsyncSession, ctx: PushContext, target: _Target, ops: list[_Op], effects: Effects
) -> dict[uuid.UUID, dict[str, Any]]:
    """Merge the ops into the locked attempt in batch order, then write what changed once."""
    attempt_id = target.key.attempt_id
    stored = state_of(target.row, target.key.assignment_id) if target.row is not None else None
    started_at = target.row.started_at if target.row is not None else None
    changes: dict[str, Any] = {}
    answers = AnswerChecker(session, target.sa)
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
    return results


async def _check_op(
    session: AsyncSession,
    ctx: PushContext,
    target: _Target,
    answers: AnswerChecker,
    state: AttemptState,
    stored: AttemptState | None,
) -> None:
    """Whether an op that changes the attempt may: raises OpRejected."""
    if stored is None:
        if state["started"] is None:
            raise OpRejected("invalid_op", "started: creating an attempt needs its start event")
        await check_new_attempt(session, target.sa, target.key.number)
    await answers.check(state)
    check_event_devices(ctx.device_id, state, stored)


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
    if stored is None or event_key(stored["started"]) != event_key(started):
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
    if submitted is not None and (stored is None or event_key(stored["submitted"]) != event_key(submitted)):
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
