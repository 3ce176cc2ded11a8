"""Students joining or leaving a class: the assignments given to the class follow them (orgs calls this after
changing a class's members; it is the one way orgs reaches into assignments)."""

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.access import ensure_student_rows, targeted_student_ids
from dream_lms.assignments.models import Assignment, AssignmentTarget
from dream_lms.assignments.notifications import notify_assignment_created
from dream_lms.assignments.service import publish_assignment, tombstone_assignment


async def class_members_changed(
    session: AsyncSession,
    class_id: uuid.UUID,
    *,
    added: Iterable[uuid.UUID] = (),
    removed: Iterable[uuid.UUID] = (),
) -> None:
    """Keep the students' copies in step after students joined or left a class (call after the change).

    A student who joins gets every live assignment given to the class (its row, an `assignment_created`
    notification the first time, a feed upsert); a student who leaves and is no longer targeted otherwise (no
    direct target, no other class, no work started) gets a tombstone. Without this call, a late joiner still
    sees the assignments (targeting is evaluated when read); only the notification and the push are missing.
    """
    joined, left = sorted(set(added)), sorted(set(removed))
    if not joined and not left:
        return
    assignments = list(
        await session.scalars(
            select(Assignment)
            .join(AssignmentTarget, col(AssignmentTarget.assignment_id) == col(Assignment.id))
            .where(col(AssignmentTarget.class_id) == class_id, col(Assignment.is_deleted).is_(False))
            .order_by(col(Assignment.created_at))
        )
    )
    for assignment in assignments:
        if joined:
            targeted = set(await ensure_student_rows(session, assignment.id))
            reached = [s for s in joined if s in targeted]
            await notify_assignment_created(session, assignment, reached)
            await publish_assignment(session, assignment, reached, include_teacher=False)
        if left:
            targeted = set(await targeted_student_ids(session, assignment.id))
            await tombstone_assignment(session, assignment, [s for s in left if s not in targeted])
