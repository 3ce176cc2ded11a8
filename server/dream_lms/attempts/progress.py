"""A student's progress on an assignment (`assignment_students`), recomputed from their attempts whenever an attempt
changes or is scored."""

import uuid

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.models import AssignmentStatus, AssignmentStudent
from dream_lms.attempts.models import Attempt, AttemptStatus
from dream_lms.scoring.counted import counted_score


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
