"""Attempt rows as protocol states (sync-protocol/PROTOCOL.md section 5), and the reads of attempts that the service,
the online endpoints and the jobs share."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.models import AssignmentActivity, AssignmentStudent
from dream_lms.attempts.merge import AttemptEvent, AttemptState
from dream_lms.attempts.models import Attempt
from dream_lms.books.models import Activity


def to_datetime(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def to_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


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


async def attempt_row(
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


async def latest_attempt(session: AsyncSession, assignment_student_id: uuid.UUID) -> Attempt | None:
    """The student's attempt with the highest number at this assignment, if any."""
    attempt: Attempt | None = await session.scalar(
        select(Attempt)
        .where(col(Attempt.assignment_student_id) == assignment_student_id)
        .order_by(col(Attempt.attempt_number).desc())
        .limit(1)
        .execution_options(populate_existing=True)
    )
    return attempt


async def activities_of(session: AsyncSession, assignment_id: uuid.UUID) -> list[tuple[int, Activity]]:
    rows = await session.execute(
        select(col(AssignmentActivity.position), Activity)
        .join(Activity, col(Activity.id) == col(AssignmentActivity.activity_id))
        .where(col(AssignmentActivity.assignment_id) == assignment_id)
        .order_by(col(AssignmentActivity.position))
    )
    return [(row[0], row[1]) for row in rows]
