"""A student's assignments: the list (to do, in progress, done, due soon, past due) and one assignment.

Due date and time limit are the effective ones (the student's extension if any). Targeting follows
`access.py`: direct targets, current classes (also joined after creation), or work already done.
"""

import uuid
from datetime import datetime, timedelta

from sqlalchemy import Select, and_, case, func, literal, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.access import student_assignment
from dream_lms.assignments.models import (
    Assignment,
    AssignmentActivity,
    AssignmentStatus,
    AssignmentStudent,
    AssignmentTarget,
)
from dream_lms.assignments.reads import activities_of
from dream_lms.assignments.schemas import StudentAssignmentDetail, StudentAssignmentOut, StudentListStatus
from dream_lms.assignments.service import attempt_out, is_past_due, latest_attempts, utc_now
from dream_lms.auth.models import User
from dream_lms.auth.tokens import Principal
from dream_lms.books.models import Book
from dream_lms.core.errors import Forbidden, NotFound
from dream_lms.core.model_base import pg_enum
from dream_lms.orgs.models import ClassStudent, Teacher

DUE_SOON = timedelta(hours=48)


def _student_id(student: Principal) -> uuid.UUID:
    if student.profile_id is None:
        raise Forbidden("Your account has no student profile.")
    return student.profile_id


def readable_student_assignments(student: Principal) -> Select[Assignment]:
    """The assignments the student may read: live ones that target it (directly, through a class it is in now, or
    because it already has work on them)."""
    student_id = _student_id(student)
    targeting = union(
        select(col(AssignmentTarget.assignment_id)).where(col(AssignmentTarget.student_id) == student_id),
        select(col(AssignmentTarget.assignment_id))
        .join(ClassStudent, col(ClassStudent.class_id) == col(AssignmentTarget.class_id))
        .where(col(ClassStudent.student_id) == student_id),
        select(col(AssignmentStudent.assignment_id)).where(
            col(AssignmentStudent.student_id) == student_id,
            col(AssignmentStudent.status) != AssignmentStatus.NOT_STARTED,
        ),
    )
    return select(Assignment).where(col(Assignment.id).in_(targeting), col(Assignment.is_deleted).is_(False))


def _out(
    assignment: Assignment,
    row: AssignmentStudent | None,
    book_title: str,
    teacher_name: str,
    activity_count: int,
    now: datetime,
) -> StudentAssignmentOut:
    status = row.status if row else AssignmentStatus.NOT_STARTED
    due_at = (row.due_at_override if row else None) or assignment.due_at
    attempts_used = row.attempts_used if row else 0
    not_done = status != AssignmentStatus.SUBMITTED
    return StudentAssignmentOut(
        id=assignment.id,
        name=assignment.name,
        instructions=assignment.instructions,
        book_id=assignment.book_id,
        book_title=book_title,
        teacher_name=teacher_name,
        activity_count=activity_count,
        due_at=due_at,
        time_limit_minutes=(row.time_limit_override_minutes if row else None) or assignment.time_limit_minutes,
        show_answers=assignment.show_answers,
        max_attempts=assignment.max_attempts,
        attempts_used=attempts_used,
        attempts_left=max(0, assignment.max_attempts - attempts_used),
        status=status,
        past_due=is_past_due(status, due_at, now),
        due_soon=not_done and due_at is not None and now <= due_at <= now + DUE_SOON,
        score=row.score if row else None,
        started_at=row.started_at if row else None,
        completed_at=row.completed_at if row else None,
        created_at=assignment.created_at,
    )


async def list_my_assignments(
    session: AsyncSession,
    student: Principal,
    *,
    status: StudentListStatus | None,
    due_soon: bool,
    past_due: bool,
    offset: int,
    limit: int,
) -> tuple[list[StudentAssignmentOut], int]:
    student_id = _student_id(student)
    now = utc_now()
    status_type = pg_enum(AssignmentStatus, "assignment_status")
    status_expr = func.coalesce(
        col(AssignmentStudent.status), literal(AssignmentStatus.NOT_STARTED, type_=status_type), type_=status_type
    )
    due_expr = func.coalesce(col(AssignmentStudent.due_at_override), col(Assignment.due_at))
    activity_count = (
        select(func.count())
        .where(col(AssignmentActivity.assignment_id) == col(Assignment.id))
        .correlate(Assignment)
        .scalar_subquery()
    )
    query = (
        readable_student_assignments(student)
        .add_columns(AssignmentStudent, col(Book.title), col(User.full_name), activity_count)
        .join(Book, col(Book.id) == col(Assignment.book_id))
        .join(Teacher, col(Teacher.id) == col(Assignment.teacher_id))
        .join(User, col(User.id) == col(Teacher.user_id))
        .outerjoin(
            AssignmentStudent,
            and_(
                col(AssignmentStudent.assignment_id) == col(Assignment.id),
                col(AssignmentStudent.student_id) == student_id,
            ),
        )
    )
    submitted = status_expr == AssignmentStatus.SUBMITTED
    if status == "todo":
        query = query.where(status_expr == AssignmentStatus.NOT_STARTED)
    elif status == "in_progress":
        query = query.where(status_expr == AssignmentStatus.IN_PROGRESS)
    elif status == "done":
        query = query.where(submitted)
    if due_soon:
        query = query.where(~submitted, due_expr >= now, due_expr <= now + DUE_SOON)
    if past_due:
        query = query.where(~submitted, due_expr < now)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    # Not done first, soonest due first (no due date last), then newest.
    order = [
        case((submitted, 1), else_=0),
        due_expr.asc().nulls_last(),
        col(Assignment.created_at).desc(),
        col(Assignment.id),
    ]
    rows = await session.execute(query.order_by(*order).offset(offset).limit(limit))
    return [
        _out(assignment, row, book_title, teacher_name, count, now)
        for assignment, row, book_title, teacher_name, count in rows
    ], total


async def get_my_assignment(
    session: AsyncSession, student: Principal, assignment_id: uuid.UUID
) -> StudentAssignmentDetail:
    student_id = _student_id(student)
    view = await student_assignment(session, student_id, assignment_id)
    if view is None:
        raise NotFound("Assignment not found.")
    found = (
        await session.execute(
            select(Assignment, AssignmentStudent, col(Book.title), col(User.full_name))
            .join(Book, col(Book.id) == col(Assignment.book_id))
            .join(Teacher, col(Teacher.id) == col(Assignment.teacher_id))
            .join(User, col(User.id) == col(Teacher.user_id))
            .join(AssignmentStudent, col(AssignmentStudent.id) == view.assignment_student_id)
            .where(col(Assignment.id) == assignment_id)
        )
    ).one()
    assignment, row, book_title, teacher_name = found
    activities = (await activities_of(session, [assignment_id])).get(assignment_id, [])
    summary = _out(assignment, row, book_title, teacher_name, len(activities), utc_now())
    attempt = (await latest_attempts(session, [row.id])).get(row.id)
    show = assignment.show_answers and row.status == AssignmentStatus.SUBMITTED
    return StudentAssignmentDetail(
        **summary.model_dump(),
        activities=activities,
        latest_attempt=attempt_out(attempt, with_results=show) if attempt else None,
    )
