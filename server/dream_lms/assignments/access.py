"""Which students an assignment reaches, and one student's effective view of it.

A student is targeted by an assignment when it is named directly, is a member of a targeted class (also
when it joined the class after the assignment was created), or already has work on it (a student removed
from a class keeps the assignment it started). A targeted student's `assignment_students` row is created
lazily (late joiners get theirs the first time they are looked up), so results and attempts always have one.
"""

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, CompoundSelect, Select, exists, func, or_, select, union
from sqlalchemy.dialects.postgresql import aggregate_order_by, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.models import (
    Assignment,
    AssignmentActivity,
    AssignmentStatus,
    AssignmentStudent,
    AssignmentTarget,
)
from dream_lms.orgs.models import ClassStudent


@dataclass(frozen=True)
class StudentAssignment:
    assignment_id: uuid.UUID
    assignment_student_id: uuid.UUID
    student_id: uuid.UUID
    teacher_id: uuid.UUID
    book_id: uuid.UUID
    activity_ids: list[uuid.UUID]  # in order
    due_at: datetime | None  # effective: the student's extension if any, else the assignment's
    time_limit_minutes: int | None  # effective, with the student's extension
    max_attempts: int
    show_answers: bool
    status: AssignmentStatus
    attempts_used: int


def targeted_students_of(assignment_ids: Collection[uuid.UUID]) -> CompoundSelect[uuid.UUID, uuid.UUID]:
    """A SELECT of the (assignment_id, student_id) pairs of every student these assignments target (see the module
    docstring), each pair once: a whole page of assignments is read in one query."""
    direct: Select[uuid.UUID, uuid.UUID] = select(
        col(AssignmentTarget.assignment_id).label("assignment_id"), col(AssignmentTarget.student_id).label("student_id")
    ).where(col(AssignmentTarget.assignment_id).in_(assignment_ids), col(AssignmentTarget.student_id).is_not(None))
    via_class: Select[uuid.UUID, uuid.UUID] = (
        select(
            col(AssignmentTarget.assignment_id).label("assignment_id"), col(ClassStudent.student_id).label("student_id")
        )
        .select_from(ClassStudent)
        .join(AssignmentTarget, col(AssignmentTarget.class_id) == col(ClassStudent.class_id))
        .where(col(AssignmentTarget.assignment_id).in_(assignment_ids))
    )
    with_work: Select[uuid.UUID, uuid.UUID] = select(
        col(AssignmentStudent.assignment_id).label("assignment_id"),
        col(AssignmentStudent.student_id).label("student_id"),
    ).where(
        col(AssignmentStudent.assignment_id).in_(assignment_ids),
        col(AssignmentStudent.status) != AssignmentStatus.NOT_STARTED,
    )
    return union(direct, via_class, with_work)


def targeted_by_list(assignment_id: uuid.UUID) -> Select[uuid.UUID]:
    """A SELECT of the ids of every student the assignment targets (see the module docstring)."""
    targeted = targeted_students_of([assignment_id]).subquery()
    return select(targeted.c.student_id)


def is_targeted(assignment_id: uuid.UUID, student_id: uuid.UUID) -> ColumnElement[bool]:
    """A boolean SQL expression: does the assignment target the student?"""
    direct = exists().where(
        col(AssignmentTarget.assignment_id) == assignment_id, col(AssignmentTarget.student_id) == student_id
    )
    via_class = exists().where(
        col(AssignmentTarget.assignment_id) == assignment_id,
        col(ClassStudent.class_id) == col(AssignmentTarget.class_id),
        col(ClassStudent.student_id) == student_id,
    )
    with_work = exists().where(
        col(AssignmentStudent.assignment_id) == assignment_id,
        col(AssignmentStudent.student_id) == student_id,
        col(AssignmentStudent.status) != AssignmentStatus.NOT_STARTED,
    )
    return or_(direct, via_class, with_work)


async def targeted_student_ids(session: AsyncSession, assignment_id: uuid.UUID) -> list[uuid.UUID]:
    """Every student the assignment targets now, sorted (whether or not the assignment is deleted)."""
    rows = await session.scalars(targeted_by_list(assignment_id))
    return sorted(set(rows))


async def ensure_student_rows(session: AsyncSession, assignment_id: uuid.UUID) -> list[uuid.UUID]:
    """Create the missing `assignment_students` rows of every targeted student (late joiners); return their ids."""
    student_ids = await targeted_student_ids(session, assignment_id)
    if student_ids:
        await session.execute(
            insert(AssignmentStudent)
            .values([{"assignment_id": assignment_id, "student_id": student_id} for student_id in student_ids])
            .on_conflict_do_nothing(index_elements=["assignment_id", "student_id"])
        )
    return student_ids


async def student_assignment(
    session: AsyncSession, student_id: uuid.UUID, assignment_id: uuid.UUID, *, for_update: bool = False
) -> StudentAssignment | None:
    """The student's effective view of the assignment, or None when not targeted or deleted.

    With `for_update`, the student's `assignment_students` row is locked until the transaction ends
    (so concurrent starts/submits of one student serialise). A student with work on the assignment is targeted
    by definition, so the common case (every sync push after the first) is one query.
    """
    found = await _assignment_and_row(session, student_id, assignment_id, for_update=for_update)
    if found is not None and found[1].status != AssignmentStatus.NOT_STARTED:
        return _view(*found)
    live_and_targeted = exists().where(
        col(Assignment.id) == assignment_id, col(Assignment.is_deleted).is_(False)
    ) & is_targeted(assignment_id, student_id)
    if not await session.scalar(select(live_and_targeted)):
        return None
    if found is None:
        await session.execute(
            insert(AssignmentStudent)
            .values(assignment_id=assignment_id, student_id=student_id)
            .on_conflict_do_nothing(index_elements=["assignment_id", "student_id"])
        )
        found = await _assignment_and_row(session, student_id, assignment_id, for_update=for_update)
    return _view(*found) if found is not None else None


async def _assignment_and_row(
    session: AsyncSession, student_id: uuid.UUID, assignment_id: uuid.UUID, *, for_update: bool
) -> tuple[Assignment, AssignmentStudent, list[uuid.UUID]] | None:
    """The live assignment, the student's row of it, and its activity ids in order, in one query."""
    activity_ids = (
        select(
            func.array_agg(aggregate_order_by(col(AssignmentActivity.activity_id), col(AssignmentActivity.position)))
        )
        .where(col(AssignmentActivity.assignment_id) == assignment_id)
        .scalar_subquery()
    )
    query = (
        select(Assignment, AssignmentStudent, activity_ids)
        .join(AssignmentStudent, col(AssignmentStudent.assignment_id) == col(Assignment.id))
        .where(
            col(Assignment.id) == assignment_id,
            col(Assignment.is_deleted).is_(False),
            col(AssignmentStudent.student_id) == student_id,
        )
        # populate_existing: a row already in the session must show what the database has now.
        .execution_options(populate_existing=True)
    )
    if for_update:
        query = query.with_for_update(of=AssignmentStudent)
    row = (await session.execute(query)).first()
    return (row[0], row[1], list(row[2] or [])) if row is not None else None


def _view(assignment: Assignment, row: AssignmentStudent, activity_ids: list[uuid.UUID]) -> StudentAssignment:
    return StudentAssignment(
        assignment_id=assignment.id,
        assignment_student_id=row.id,
        student_id=row.student_id,
        teacher_id=assignment.teacher_id,
        book_id=assignment.book_id,
        activity_ids=activity_ids,
        due_at=row.due_at_override or assignment.due_at,
        time_limit_minutes=row.time_limit_override_minutes or assignment.time_limit_minutes,
        max_attempts=assignment.max_attempts,
        show_answers=assignment.show_answers,
        status=row.status,
        attempts_used=row.attempts_used,
    )
