"""The online endpoints of a student's work: thin wrappers that turn a request into a sync op of the server's
"online" device of the student and apply it with the same attempt service as `POST /sync/push`."""

import uuid
from typing import Any, Literal, cast

from fastapi import APIRouter, BackgroundTasks
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.access import StudentAssignment, student_assignment
from dream_lms.assignments.models import Assignment
from dream_lms.attempts.jobs import enqueue_after_commit
from dream_lms.attempts.merge import AttemptState, attempt_id_for
from dream_lms.attempts.models import Attempt, AttemptStatus
from dream_lms.attempts.schemas import ActivityOut, AttemptOut, OnlineProgressIn, OnlineSubmitIn, StartOut
from dream_lms.attempts.service import (
    Effects,
    PushContext,
    activities_of,
    apply_ops,
    attempt_states,
    now_ms,
    register_device,
    state_of,
)
from dream_lms.auth.deps import StudentUser
from dream_lms.auth.tokens import Principal
from dream_lms.books.models import Book
from dream_lms.books.service import activity_detail
from dream_lms.core.clock import Hlc, hlc_key, hlc_receive
from dream_lms.core.deps import RedisDep, SessionDep, SettingsDep, StorageDep
from dream_lms.core.envelope import Envelope, ErrorDetail
from dream_lms.core.errors import Conflict, DreamError, InvalidInput, NotFound
from dream_lms.settings import Settings

router = APIRouter(prefix="/assignments", tags=["assignments"])

# uuid5(NAMESPACE_URL, "https://dream-lms.example/online-device"): the pseudo device of a user's online work.
ONLINE_DEVICE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://dream-lms.example/online-device")


def online_device_id(user_id: uuid.UUID) -> uuid.UUID:
    return uuid.uuid5(ONLINE_DEVICE_NAMESPACE, str(user_id))


def _stamps(state: AttemptState) -> list[Hlc]:
    stamps = [entry["hlc"] for entry in state["answers"].values()]
    stamps += [entry["hlc"] for entry in state["answers_not_submitted"].values()]
    stamps += [event["hlc"] for event in (state["started"], state["submitted"]) if event]
    return stamps


def _next_stamp(state: AttemptState | None, device: str, now: int) -> Hlc:
    """A stamp later than every stamp in the state (HLC receive of its greatest), on the online device."""
    stamps = _stamps(state) if state else []
    local: Hlc = {"wall": 0, "counter": 0, "device": device}
    if not stamps:
        return {"wall": now, "counter": 0, "device": device}
    return hlc_receive(local, max(stamps, key=hlc_key), now)


async def _student(session: SessionDep, principal: Principal, assignment_id: uuid.UUID) -> StudentAssignment:
    assert principal.profile_id is not None
    sa = await student_assignment(session, principal.profile_id, assignment_id)
    if sa is None:
        raise NotFound("This assignment does not exist or is not given to you.")
    return sa


async def _latest(session: SessionDep, sa: StudentAssignment) -> Attempt | None:
    attempt: Attempt | None = await session.scalar(
        select(Attempt)
        .where(col(Attempt.assignment_student_id) == sa.assignment_student_id)
        .order_by(col(Attempt.attempt_number).desc())
        .limit(1)
        .execution_options(populate_existing=True)
    )
    return attempt


_ERRORS: dict[str, type[DreamError]] = {
    "invalid_op": InvalidInput,
    "assignment_not_found": NotFound,
    "not_assigned": NotFound,
    "attempts_exhausted": Conflict,
}


async def apply_online(
    session: AsyncSession,
    principal: Principal,
    settings: Settings,
    kind: Literal["start_attempt", "save_progress", "submit_attempt"],
    state: AttemptState,
    op_id: uuid.UUID | None,
    client_score: int | None = None,
) -> tuple[AttemptState, Effects]:
    """Apply one op of the student's online device, as the online endpoints do; a rejection raises its API error."""
    device = online_device_id(principal.user_id)
    await register_device(session, principal.user_id, device, skew_ms=0, name="Online")
    now = now_ms()
    ctx = PushContext(
        user_id=principal.user_id,
        student_id=cast(uuid.UUID, principal.profile_id),
        device_id=device,
        skew_ms=0,
        received_ms=now,
        grace_ms=settings.time_limit_grace_ms,
    )
    op: dict[str, Any] = {"op_id": str(op_id or uuid.uuid4()), "kind": kind, "attempt": state}
    if client_score is not None:
        op["client_score"] = client_score
    effects = Effects()
    [result] = await apply_ops(session, ctx, [op], effects)
    if result["outcome"] == "rejected":
        error = result["error"]
        raise _ERRORS.get(error["code"], Conflict)(
            error["reason"], [ErrorDetail(field=error["code"], message=error["reason"])]
        )
    states = await attempt_states(session, [uuid.UUID(result["attempt_id"])])
    return states[0], effects


async def _attempt_out(session: SessionDep, state: AttemptState) -> AttemptOut:
    row = await session.get(Attempt, uuid.UUID(state["attempt_id"]), populate_existing=True)
    assert row is not None
    return AttemptOut(
        state=dict(state),
        score=row.score,
        scored=row.scored_at is not None,
        on_time=row.on_time,
        synced_late=row.synced_late,
        within_time_limit=row.within_time_limit,
    )


@router.get("/{assignment_id}/start", response_model=Envelope[StartOut])
async def start(
    assignment_id: uuid.UUID,
    principal: StudentUser,
    session: SessionDep,
    settings: SettingsDep,
    storage: StorageDep,
    redis: RedisDep,
    background: BackgroundTasks,
) -> Envelope[StartOut]:
    """Open the student's current attempt (starting a new one when none is open) and return the activities."""
    sa = await _student(session, principal, assignment_id)
    latest = await _latest(session, sa)
    if latest is not None and latest.status != AttemptStatus.SUBMITTED:
        state = state_of(latest, assignment_id)
        effects = Effects()
    else:
        number = latest.attempt_number + 1 if latest else 1
        if number > sa.max_attempts:
            raise Conflict(
                f"You have used all {sa.max_attempts} attempt(s) allowed for this assignment.",
                [ErrorDetail(field="attempts_exhausted", message="no attempts left")],
            )
        device = str(online_device_id(principal.user_id))
        now = now_ms()
        new: AttemptState = {
            "attempt_id": attempt_id_for(str(assignment_id), str(principal.profile_id), number),
            "assignment_id": str(assignment_id),
            "attempt_number": number,
            "status": "in_progress",
            "version_vector": {device: 1},
            "answers": {},
            "answers_not_submitted": {},
            "time_spent": {},
            "started": {"hlc": {"wall": now, "counter": 0, "device": device}, "device_time": now},
            "submitted": None,
        }
        state, effects = await apply_online(session, principal, settings, "start_attempt", new, None)
    assignment = await session.get(Assignment, assignment_id)
    book = await session.get(Book, sa.book_id)
    assert assignment is not None and book is not None
    activities = []
    for position, activity in await activities_of(session, assignment_id):
        detail = await activity_detail(activity, book, storage, settings.s3_bucket, redis)
        activities.append(
            ActivityOut(
                activity_id=activity.id,
                position=position,
                type=activity.activity_type.value,
                title=activity.title,
                config=detail.config,
                assets=detail.assets,
            )
        )
    background.add_task(enqueue_after_commit, redis, settings, effects.rescore, effects.refresh)
    return Envelope(
        data=StartOut(
            assignment_id=assignment_id,
            name=assignment.name,
            instructions=assignment.instructions,
            due_at=sa.due_at.isoformat() if sa.due_at else None,
            time_limit_minutes=sa.time_limit_minutes,
            max_attempts=sa.max_attempts,
            attempts_used=max(sa.attempts_used, state["attempt_number"]),
            show_answers=sa.show_answers,
            activities=activities,
            attempt=await _attempt_out(session, state),
        )
    )


async def _write(
    assignment_id: uuid.UUID,
    body: OnlineProgressIn,
    principal: Principal,
    session: SessionDep,
    settings: Settings,
    *,
    submit: bool,
    client_score: int | None = None,
) -> tuple[AttemptState, Effects]:
    sa = await _student(session, principal, assignment_id)
    if body.attempt_number is not None:
        row = await session.get(
            Attempt,
            uuid.UUID(attempt_id_for(str(assignment_id), str(principal.profile_id), body.attempt_number)),
            populate_existing=True,
        )
    else:
        row = await _latest(session, sa)
    if row is None:
        raise Conflict("Start the assignment first.", [ErrorDetail(field="attempt", message="no attempt started")])
    if row.status == AttemptStatus.SUBMITTED:
        raise Conflict(
            "This attempt is already submitted.", [ErrorDetail(field="attempt", message="attempt already submitted")]
        )
    state = state_of(row, assignment_id)
    device = str(online_device_id(principal.user_id))
    now = now_ms()
    stamp = _next_stamp(state, device, now)
    state["version_vector"] = {**state["version_vector"], device: state["version_vector"].get(device, 0) + 1}
    for activity_id, value in body.answers.items():
        state["answers"][str(activity_id)] = {"value": value, "hlc": stamp}
    if body.time_spent_seconds is not None:
        state["time_spent"] = {
            **state["time_spent"],
            device: max(state["time_spent"].get(device, 0), body.time_spent_seconds),
        }
    if submit:
        state["status"] = "submitted"
        state["submitted"] = {"hlc": {**stamp, "counter": stamp["counter"] + 1}, "device_time": now}
    kind: Literal["save_progress", "submit_attempt"] = "submit_attempt" if submit else "save_progress"
    return await apply_online(session, principal, settings, kind, state, body.op_id, client_score)


@router.post("/{assignment_id}/save-progress", response_model=Envelope[AttemptOut])
async def save_progress(
    assignment_id: uuid.UUID,
    body: OnlineProgressIn,
    principal: StudentUser,
    session: SessionDep,
    settings: SettingsDep,
    redis: RedisDep,
    background: BackgroundTasks,
) -> Envelope[AttemptOut]:
    """Save the answers given so far (and the time spent) into the open attempt."""
    state, effects = await _write(assignment_id, body, principal, session, settings, submit=False)
    background.add_task(enqueue_after_commit, redis, settings, effects.rescore, effects.refresh)
    return Envelope(data=await _attempt_out(session, state))


@router.post("/{assignment_id}/submit", response_model=Envelope[AttemptOut])
async def submit(
    assignment_id: uuid.UUID,
    body: OnlineSubmitIn,
    principal: StudentUser,
    session: SessionDep,
    settings: SettingsDep,
    redis: RedisDep,
    background: BackgroundTasks,
) -> Envelope[AttemptOut]:
    """Submit the open attempt with these answers; the worker scores it (the client's score never counts)."""
    state, effects = await _write(
        assignment_id, body, principal, session, settings, submit=True, client_score=body.client_score
    )
    background.add_task(enqueue_after_commit, redis, settings, effects.rescore, effects.refresh)
    return Envelope(data=await _attempt_out(session, state))
