"""What the teacher's assignment pages read: which assignments a teacher may see, and each page's data.

`readable_assignments` is the one place that says which assignments a teacher sees (its own live ones; any other
id answers 404). A page is built with one query per kind of data for all its assignments (activities, targets,
completion stats, book titles), so it costs the same number of statements whatever its size.
"""

import uuid
from collections import defaultdict
from collections.abc import Collection
from typing import Literal

from sqlalchemy import Select, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.access import targeted_students_of
from dream_lms.assignments.models import (
    Assignment,
    AssignmentActivity,
    AssignmentStatus,
    AssignmentStudent,
    AssignmentTarget,
)
from dream_lms.assignments.schemas import AssignmentActivityOut, AssignmentOut, CompletionStats, TargetsOut
from dream_lms.auth.tokens import Principal
from dream_lms.books.models import Activity, Book
from dream_lms.core.errors import NotFound
from dream_lms.core.listing import fetch_page, matches_search, sort_order
from dream_lms.orgs.students import teacher_id_of

AssignmentSort = Literal["-created_at", "created_at", "due_at", "-due_at", "name", "-name"]
_SORT_COLUMNS = {
    "created_at": col(Assignment.created_at),
    "due_at": col(Assignment.due_at),
    "name": func.lower(col(Assignment.name)),
}


def readable_assignments(teacher: Principal) -> Select[Assignment]:
    """The assignments the teacher may read: its own, not deleted."""
    return select(Assignment).where(
        col(Assignment.teacher_id) == teacher_id_of(teacher), col(Assignment.is_deleted).is_(False)
    )


async def own_assignment(
    session: AsyncSession, teacher: Principal, assignment_id: uuid.UUID, *, lock: bool = False
) -> Assignment:
    query = readable_assignments(teacher).where(col(Assignment.id) == assignment_id)
    if lock:
        query = query.with_for_update()
    assignment = await session.scalar(query)
    if assignment is None:
        raise NotFound("Assignment not found.")
    return assignment


async def activities_of(
    session: AsyncSession, assignment_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[AssignmentActivityOut]]:
    rows = await session.execute(
        select(AssignmentActivity, Activity)
        .join(Activity, col(Activity.id) == col(AssignmentActivity.activity_id))
        .where(col(AssignmentActivity.assignment_id).in_(assignment_ids))
        .order_by(col(AssignmentActivity.assignment_id), col(AssignmentActivity.position))
    )
    result: dict[uuid.UUID, list[AssignmentActivityOut]] = defaultdict(list)
    for link, activity in rows:
        result[link.assignment_id].append(
            AssignmentActivityOut(
                activity_id=activity.id,
                position=link.position,
                activity_type=activity.activity_type,
                title=activity.title,
                module_name=activity.module_name,
                page_number=activity.page_number,
            )
        )
    return result


async def _targets_of(session: AsyncSession, assignment_ids: list[uuid.UUID]) -> dict[uuid.UUID, TargetsOut]:
    rows = await session.execute(
        select(
            col(AssignmentTarget.assignment_id), col(AssignmentTarget.student_id), col(AssignmentTarget.class_id)
        ).where(col(AssignmentTarget.assignment_id).in_(assignment_ids))
    )
    students: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    classes: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for assignment_id, student_id, class_id in rows:
        if student_id:
            students[assignment_id].append(student_id)
        if class_id:
            classes[assignment_id].append(class_id)
    return {
        assignment_id: TargetsOut(student_ids=sorted(students[assignment_id]), class_ids=sorted(classes[assignment_id]))
        for assignment_id in assignment_ids
    }


async def _stats_of(session: AsyncSession, assignment_ids: list[uuid.UUID]) -> dict[uuid.UUID, CompletionStats]:
    """Completion of each assignment by the students it targets now (`access.py`); the average is that of their
    counted scores (`assignment_students.score`) among those who submitted."""
    targeted = targeted_students_of(assignment_ids).subquery()
    status = col(AssignmentStudent.status)
    submitted = status == AssignmentStatus.SUBMITTED
    rows = await session.execute(
        select(
            targeted.c.assignment_id,
            func.count(),
            func.count().filter(status == AssignmentStatus.IN_PROGRESS),
            func.count().filter(submitted),
            func.avg(col(AssignmentStudent.score)).filter(submitted),
        )
        .select_from(targeted)
        .outerjoin(
            AssignmentStudent,
            and_(
                col(AssignmentStudent.assignment_id) == targeted.c.assignment_id,
                col(AssignmentStudent.student_id) == targeted.c.student_id,
            ),
        )
        .group_by(targeted.c.assignment_id)
    )
    stats = {
        assignment_id: CompletionStats(
            targeted=count,
            not_started=count - in_progress - done,
            in_progress=in_progress,
            submitted=done,
            average_score=round(float(average), 1) if average is not None else None,
        )
        for assignment_id, count, in_progress, done, average in rows
    }
    nobody = CompletionStats(targeted=0, not_started=0, in_progress=0, submitted=0, average_score=None)
    return {assignment_id: stats.get(assignment_id, nobody) for assignment_id in assignment_ids}


async def _book_titles(session: AsyncSession, book_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str]:
    rows = await session.execute(select(col(Book.id), col(Book.title)).where(col(Book.id).in_(book_ids)))
    return dict(rows.all())


async def assignment_outs(session: AsyncSession, assignments: list[Assignment]) -> list[AssignmentOut]:
    """The views of these assignments, in their order, with one query per kind of data for all of them."""
    if not assignments:
        return []
    ids = [assignment.id for assignment in assignments]
    activities = await activities_of(session, ids)
    targets = await _targets_of(session, ids)
    stats = await _stats_of(session, ids)
    book_titles = await _book_titles(session, {assignment.book_id for assignment in assignments})
    return [
        AssignmentOut(
            id=assignment.id,
            teacher_id=assignment.teacher_id,
            book_id=assignment.book_id,
            book_title=book_titles.get(assignment.book_id) or "",
            name=assignment.name,
            instructions=assignment.instructions,
            due_at=assignment.due_at,
            time_limit_minutes=assignment.time_limit_minutes,
            show_answers=assignment.show_answers,
            max_attempts=assignment.max_attempts,
            activities=activities.get(assignment.id, []),
            targets=targets[assignment.id],
            stats=stats[assignment.id],
            created_at=assignment.created_at,
            updated_at=assignment.updated_at,
        )
        for assignment in assignments
    ]


async def assignment_out(session: AsyncSession, assignment: Assignment) -> AssignmentOut:
    return (await assignment_outs(session, [assignment]))[0]


async def list_assignments(
    session: AsyncSession,
    teacher: Principal,
    *,
    search: str | None,
    book_id: uuid.UUID | None,
    class_id: uuid.UUID | None,
    sort: AssignmentSort,
    offset: int,
    limit: int,
) -> tuple[list[AssignmentOut], int]:
    query = readable_assignments(teacher)
    if (search_filter := matches_search(search, col(Assignment.name))) is not None:
        query = query.where(search_filter)
    if book_id is not None:
        query = query.where(col(Assignment.book_id) == book_id)
    if class_id is not None:
        query = query.where(
            col(Assignment.id).in_(
                select(col(AssignmentTarget.assignment_id)).where(col(AssignmentTarget.class_id) == class_id)
            )
        )
    rows, total = await fetch_page(session, query, sort_order(sort, _SORT_COLUMNS, col(Assignment.id)), offset, limit)
    return await assignment_outs(session, [row[0] for row in rows]), total


async def get_assignment(session: AsyncSession, teacher: Principal, assignment_id: uuid.UUID) -> AssignmentOut:
    return await assignment_out(session, await own_assignment(session, teacher, assignment_id))
