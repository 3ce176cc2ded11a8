"""The attempt service: every change to an attempt, from a sync push or the online endpoints, goes through `apply_op`.

It follows sync-protocol/PROTOCOL.md sections 5-8: the op log (`sync_ops`) makes replays harmless (the result is
written in the same transaction as the change, so an op that committed before a crash is answered identically on
retry); the stored state is merged with the pushed one by the pure core (`dream_lms.sync.merge`) under row locks;
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
from dream_lms.attempts.schemas import OpIn
from dream_lms.books.models import Activity
from dream_lms.scoring import ActivityConfigInvalid, AnswersInvalid, score_activity
from dream_lms.sync.clock import correct_device_time
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

    def add(self, other: "Effects") -> None:
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
# Applying one op


async def apply_op(session: AsyncSession, ctx: PushContext, raw_op: dict[str, Any], effects: Effects) -> dict[str, Any]:
    """Apply one op in its own savepoint and return its result (PROTOCOL.md 7.2). Never raises for one bad op."""
    op_id = uuid.UUID(str(raw_op["op_id"]))
    kind = str(raw_op.get("kind", ""))[:50]
    try:
        async with session.begin_nested():
            claimed = await session.scalar(
                insert(SyncOp)
                .values(user_id=ctx.user_id, device_id=ctx.device_id, op_id=op_id, kind=kind, result={})
                .on_conflict_do_nothing(index_elements=["user_id", "device_id", "op_id"])
                .returning(col(SyncOp.op_id))
            )
            if claimed is None:
                # Seen before (perhaps committed just before a crash lost its response): answer as then.
                stored = await session.scalar(
                    select(col(SyncOp.result)).where(
                        col(SyncOp.user_id) == ctx.user_id,
                        col(SyncOp.device_id) == ctx.device_id,
                        col(SyncOp.op_id) == op_id,
                    )
                )
                result = {**(stored or {}), "replayed": True}
                if "attempt_id" in result:
                    effects.add(Effects(touched=[uuid.UUID(result["attempt_id"])]))
                return result
            op_effects = Effects()
            try:
                async with session.begin_nested():
                    result = await _apply(session, ctx, raw_op, op_effects)
            except OpRejected as rejection:
                op_effects = Effects()
                result = {
                    "op_id": str(op_id),
                    "outcome": "rejected",
                    "error": {"code": rejection.code, "reason": rejection.reason},
                }
            await session.execute(
                update(SyncOp)
                .where(
                    col(SyncOp.user_id) == ctx.user_id,
                    col(SyncOp.device_id) == ctx.device_id,
                    col(SyncOp.op_id) == op_id,
                )
                .values(result=result)
            )
        effects.add(op_effects)
        return result
    except Exception:
        log.exception("sync op %s of user %s failed", op_id, ctx.user_id)
        return {
            "op_id": str(op_id),
            "outcome": "rejected",
            "error": {
                "code": "internal_error",
                "reason": "This change failed on the server; retry later.",
                "retryable": True,
            },
        }


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
    if op.kind == "start_attempt" and (status != "in_progress" or started is None or submitted is not None):
        raise OpRejected("kind_mismatch", "start_attempt needs an in-progress state with started set")
    if op.kind == "save_progress" and submitted is not None:
        raise OpRejected("kind_mismatch", "save_progress needs a state that is not submitted")
    if op.kind == "submit_attempt" and (status != "submitted" or submitted is None):
        raise OpRejected("kind_mismatch", "submit_attempt needs a submitted state")
    if op.client_score is not None and op.kind != "submit_attempt":
        raise OpRejected("invalid_op", "client_score: only on submit_attempt")


async def _check_answers(session: AsyncSession, sa: StudentAssignment, state: AttemptState) -> None:
    entries = [*state["answers"].items(), *state["answers_not_submitted"].items()]
    if not entries:
        return
    allowed = {str(activity_id) for activity_id in sa.activity_ids}
    unknown = sorted({activity for activity, _ in entries if activity not in allowed})
    if unknown:
        raise OpRejected("invalid_op", f"answers.{unknown[0]}: not an activity of this assignment")
    rows = await session.execute(
        select(col(Activity.id), col(Activity.activity_type), col(Activity.config)).where(
            col(Activity.id).in_([uuid.UUID(activity) for activity, _ in entries])
        )
    )
    activities = {str(row[0]): (row[1], row[2]) for row in rows}
    for activity, entry in entries:
        activity_type, config = activities[activity]
        try:
            score_activity(str(activity_type), config, entry["value"])
        except AnswersInvalid as exc:
            raise OpRejected("invalid_op", f"answers.{activity}.value: {exc}") from exc
        except ActivityConfigInvalid:
            pass  # the activity itself cannot be scored: nothing to hold against the answers


def _event_key(event: AttemptEvent | None) -> tuple[int, int, str] | None:
    return (event["hlc"]["wall"], event["hlc"]["counter"], event["hlc"]["device"]) if event else None


async def _apply(session: AsyncSession, ctx: PushContext, raw_op: dict[str, Any], effects: Effects) -> dict[str, Any]:
    try:
        op = OpIn.model_validate(raw_op)
    except ValidationError as exc:
        raise OpRejected("invalid_op", _first_error(exc)) from exc
    state = cast(AttemptState, op.attempt.model_dump(mode="json"))
    _check_shape(op, state)
    attempt_id = uuid.UUID(state["attempt_id"])
    assignment_id = uuid.UUID(state["assignment_id"])
    number = state["attempt_number"]

    owner = await _attempt_row(session, attempt_id, lock=False)
    if owner is not None and owner[1].student_id != ctx.student_id:
        raise OpRejected("not_your_attempt", "this attempt belongs to another student")

    # Locks the student's assignment row first, then the attempt: every writer of one student's work on one
    # assignment takes the locks in this order, so concurrent pushes of two devices serialize without deadlock.
    sa = await student_assignment(session, ctx.student_id, assignment_id, for_update=True)
    if sa is None:
        live = await session.scalar(
            select(func.count()).where(col(Assignment.id) == assignment_id, col(Assignment.is_deleted).is_(False))
        )
        if not live:
            raise OpRejected("assignment_not_found", "no such assignment, or it was deleted")
        raise OpRejected("not_assigned", "this assignment is not given to you")
    if state["attempt_id"] != attempt_id_for(state["assignment_id"], str(ctx.student_id), number):
        raise OpRejected("attempt_id_mismatch", "attempt_id is not the id derived from the attempt's key")

    existing = await _attempt_row(session, attempt_id, lock=True)
    if existing is not None and (existing[1].assignment_id != assignment_id or existing[0].attempt_number != number):
        raise OpRejected("attempt_key_mismatch", "this attempt id exists with another assignment or number")
    if existing is None:
        if state["started"] is None:
            raise OpRejected("invalid_op", "started: creating an attempt needs its start event")
        await _check_new_attempt(session, sa, number)
    await _check_answers(session, sa, state)

    stored = state_of(existing[0], assignment_id) if existing else None
    pairs: list[tuple[str, AttemptEvent | None, AttemptEvent | None]] = [
        ("started", state["started"], stored["started"] if stored else None),
        ("submitted", state["submitted"], stored["submitted"] if stored else None),
    ]
    for name, event, known in pairs:
        if event is not None and event != known and event["hlc"]["device"] != str(ctx.device_id):
            raise OpRejected("event_device_mismatch", f"{name}: a new event must come from the device that made it")

    outcome, merged = apply_incoming(stored, state)
    effects.touched.append(attempt_id)
    if outcome != "duplicate":
        await _store(session, ctx, sa, existing[0] if existing else None, stored, merged, op, effects)
    return {"op_id": op.op_id, "outcome": outcome, "attempt_id": str(attempt_id)}


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


async def _store(
    session: AsyncSession,
    ctx: PushContext,
    sa: StudentAssignment,
    row: Attempt | None,
    stored: AttemptState | None,
    merged: AttemptState,
    op: OpIn,
    effects: Effects,
) -> None:
    attempt_id = uuid.UUID(merged["attempt_id"])
    started = merged["started"]
    assert started is not None  # every stored attempt was created with its start
    new_start = stored is None or _event_key(stored["started"]) != _event_key(started)
    started_at = row.started_at if row is not None else None
    if new_start:
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
        if op.kind == "submit_attempt" and op.client_score is not None:
            values["client_score"] = op.client_score
        effects.rescore.append(attempt_id)
    if row is None:
        values |= {
            "id": attempt_id,
            "assignment_student_id": sa.assignment_student_id,
            "attempt_number": merged["attempt_number"],
        }
        await session.execute(insert(Attempt).values(**values))
    else:
        await session.execute(update(Attempt).where(col(Attempt.id) == attempt_id).values(**values))
    await refresh_student_row(session, sa.assignment_student_id)
    await publish_to_users(session, [ctx.user_id], "attempt", attempt_id, "upsert", cast(dict[str, Any], merged))
    effects.refresh.append(sa.assignment_id)


async def refresh_student_row(session: AsyncSession, assignment_student_id: uuid.UUID) -> None:
    """Recompute the student's status, times, attempts used and counted score from their attempts.

    The score that counts is the best server score of the submitted attempts; time spent is the sum over attempts
    and devices; synced-late follows the first submission.
    """
    rows = (
        (
            await session.execute(
                select(Attempt)
                .where(col(Attempt.assignment_student_id) == assignment_student_id)
                .order_by(col(Attempt.attempt_number))
                .execution_options(populate_existing=True)
            )
        )
        .scalars()
        .all()
    )
    if not rows:
        return
    submitted = [row for row in rows if row.status == AttemptStatus.SUBMITTED]
    scores = [row.score for row in submitted if row.score is not None]
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
            score=max(scores) if scores else None,
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
