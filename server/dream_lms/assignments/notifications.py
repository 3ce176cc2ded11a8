"""Notification rows of assignments: `assignment_created` to the targeted students, `student_completed` to the
teacher. Each row also goes to its recipient's pull change feed (entity `notification`)."""

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.access import StudentAssignment
from dream_lms.assignments.models import Assignment
from dream_lms.auth.models import User
from dream_lms.communication.models import (
    ASSIGNMENT_CREATED_ONLY,
    ASSIGNMENT_ID_KEY,
    Notification,
    NotificationType,
)
from dream_lms.communication.service import publish_notifications
from dream_lms.orgs.models import Student, Teacher


async def _add(session: AsyncSession, notifications: list[Notification]) -> None:
    if not notifications:
        return
    session.add_all(notifications)
    await session.flush()
    await publish_notifications(session, notifications)


async def notify_assignment_created(
    session: AsyncSession, assignment: Assignment, student_ids: Iterable[uuid.UUID]
) -> None:
    """One `assignment_created` notification for each student's user that has none for this assignment yet.

    Only one ever, read or not: a student removed from the assignment and given it again (or who left its class
    and came back) keeps the notification it had, as removal deletes no notification. The unique index on
    (user, assignment) decides, so two requests notifying the same student at the same moment (an assignment
    edit and a class join, say) make one row between them; each publishes only the rows it really inserted."""
    wanted = set(student_ids)
    if not wanted:
        return
    user_ids = sorted(set(await session.scalars(select(col(Student.user_id)).where(col(Student.id).in_(wanted)))))
    if not user_ids:
        return
    data = {
        "assignment_id": str(assignment.id),
        "due_at": assignment.due_at.isoformat() if assignment.due_at else None,
    }
    rows = [
        {
            "user_id": user_id,
            "type": NotificationType.ASSIGNMENT_CREATED.value,
            "title": f"New assignment: {assignment.name}"[:200],
            "body": assignment.instructions,
            "data": data,
        }
        for user_id in user_ids
    ]
    insert_new = (
        insert(Notification)
        .on_conflict_do_nothing(
            index_elements=[col(Notification.user_id), ASSIGNMENT_ID_KEY], index_where=ASSIGNMENT_CREATED_ONLY
        )
        .returning(Notification)
    )
    await publish_notifications(session, list(await session.scalars(insert_new, rows)))


async def notify_student_completed(session: AsyncSession, sa: StudentAssignment, score: int | None) -> None:
    """Tell the assignment's teacher that a student submitted it (called by the attempt service on submit)."""
    teacher_user_id = await session.scalar(select(col(Teacher.user_id)).where(col(Teacher.id) == sa.teacher_id))
    row = (
        await session.execute(
            select(col(User.full_name), col(Assignment.name))
            .select_from(Student)
            .join(User, col(User.id) == col(Student.user_id))
            .join(Assignment, col(Assignment.id) == sa.assignment_id)
            .where(col(Student.id) == sa.student_id)
        )
    ).one_or_none()
    if teacher_user_id is None or row is None:
        return
    student_name, assignment_name = row
    score_text = f" with {score}%" if score is not None else ""
    await _add(
        session,
        [
            Notification(
                user_id=teacher_user_id,
                type=NotificationType.STUDENT_COMPLETED.value,
                title=f"{student_name} completed {assignment_name}"[:200],
                body=f"{student_name} submitted {assignment_name}{score_text}.",
                data={
                    "assignment_id": str(sa.assignment_id),
                    "student_id": str(sa.student_id),
                    "assignment_student_id": str(sa.assignment_student_id),
                    "score": score,
                },
            )
        ],
    )
