"""The online endpoints of a student's work: thin wrappers over `dream_lms.attempts.online`, which turns a request
into a sync op of the student's "online" device and applies it with the same attempt service as `POST /sync/push`."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from dream_lms.assignments.models import Assignment
from dream_lms.attempts.online import OpenOpLog, attempt_out, open_attempt, own_assignment, write_answers
from dream_lms.attempts.schemas import ActivityOut, AttemptOut, OnlineProgressIn, OnlineSubmitIn, StartOut
from dream_lms.attempts.states import activities_of
from dream_lms.auth.deps import StudentUser
from dream_lms.books.models import Book
from dream_lms.books.service import activity_detail
from dream_lms.core.deps import RedisDep, SessionDep, SettingsDep, StorageDep
from dream_lms.core.envelope import Envelope

router = APIRouter(prefix="/assignments", tags=["assignments"])


async def get_open_op_log(request: Request) -> OpenOpLog:
    # Set by the app (dream_lms.app.create_app): the transport's op log, which attempts may not import.
    open_op_log: OpenOpLog = request.app.state.open_op_log
    return open_op_log


OpenOpLogDep = Annotated[OpenOpLog, Depends(get_open_op_log)]


@router.get("/{assignment_id}/start", response_model=Envelope[StartOut])
async def start(
    assignment_id: uuid.UUID,
    principal: StudentUser,
    session: SessionDep,
    settings: SettingsDep,
    storage: StorageDep,
    redis: RedisDep,
    open_op_log: OpenOpLogDep,
) -> Envelope[StartOut]:
    """Open the student's current attempt (starting a new one when none is open) and return the activities."""
    sa = await own_assignment(session, principal, assignment_id)
    state = await open_attempt(session, principal, settings, open_op_log, sa)
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
            attempt=await attempt_out(session, state),
        )
    )


@router.post("/{assignment_id}/save-progress", response_model=Envelope[AttemptOut])
async def save_progress(
    assignment_id: uuid.UUID,
    body: OnlineProgressIn,
    principal: StudentUser,
    session: SessionDep,
    settings: SettingsDep,
    open_op_log: OpenOpLogDep,
) -> Envelope[AttemptOut]:
    """Save the answers given so far (and the time spent) into the open attempt."""
    state = await write_answers(session, principal, settings, open_op_log, assignment_id, body, submit=False)
    return Envelope(data=await attempt_out(session, state))


@router.post("/{assignment_id}/submit", response_model=Envelope[AttemptOut])
async def submit(
    assignment_id: uuid.UUID,
    body: OnlineSubmitIn,
    principal: StudentUser,
    session: SessionDep,
    settings: SettingsDep,
    open_op_log: OpenOpLogDep,
) -> Envelope[AttemptOut]:
    """Submit the open attempt with these answers; the worker scores it (the client's score never counts)."""
    state = await write_answers(
        session, principal, settings, open_op_log, assignment_id, body, submit=True, client_score=body.client_score
    )
    return Envelope(data=await attempt_out(session, state))
