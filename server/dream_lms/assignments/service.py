"""Teachers' assignments: create, list, read, change, soft-delete, per-student extensions, and results.

A teacher sees only its own assignments (any other id answers 404). Books and activities must be visible to the
teacher; targets must be the teacher's own classes and students it can see. Every change is published to the
pull change feed of the targeted students (with their effective due date and time limit) and of the teacher.
"""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.access import ensure_student_rows, targeted_student_ids
from dream_lms.assignments.models import (
    Assignment,
    AssignmentActivity,
    AssignmentStatus,
    AssignmentStudent,
    AssignmentTarget,
)
from dream_lms.assignments.notifications import notify_assignment_created
from dream_lms.assignments.reads import assignment_out, own_assignment
from dream_lms.assignments.schemas import (
    AssignmentCreate,
    AssignmentOut,
    AssignmentResults,
    AssignmentUpdate,
    AttemptOut,
    ExtensionIn,
    NotSubmittedAnswer,
    ResultAttemptOut,
    StudentResult,
    Targets,
)
from dream_lms.attempts.models import Attempt
from dream_lms.auth.models import User
from dream_lms.auth.tokens import Principal
from dream_lms.books.models import Activity, Book
from dream_lms.books.paths import config_asset_keys
from dream_lms.books.service import asset_infos, get_book
from dream_lms.core.envelope import ErrorDetail
from dream_lms.core.errors import Conflict, InvalidInput, NotFound
from dream_lms.core.feed import publish_to_users
from dream_lms.orgs.models import SchoolClass, Student, Teacher
from dream_lms.orgs.students import teacher_id_of, visible_students

ENTITY = "assignment"


def utc_now() -> datetime:
    return datetime.now(UTC)


# --- validation of what an assignment refers to ---


async def _checked_book(session: AsyncSession, teacher: Principal, book_id: uuid.UUID) -> Book:
    try:
        return await get_book(session, teacher, book_id)
    except NotFound:
        raise InvalidInput(
            "This book does not exist or is not available to you.",
            [ErrorDetail(field="book_id", message=f"No book {book_id}.")],
        ) from None


async def _checked_activities(
    session: AsyncSession, book: Book, activity_ids: list[uuid.UUID], already: set[uuid.UUID]
) -> list[Activity]:
    """The activities in the given order; all of `book`, none twice, none archived unless already assigned."""
    if len(set(activity_ids)) != len(activity_ids):
        raise InvalidInput(
            "An activity appears twice.", [ErrorDetail(field="activity_ids", message="Each activity at most once.")]
        )
    found = {
        activity.id: activity
        for activity in await session.scalars(select(Activity).where(col(Activity.id).in_(activity_ids)))
    }
    details = []
    for activity_id in activity_ids:
        activity = found.get(activity_id)
        if activity is None or activity.book_id != book.id:
            details.append(ErrorDetail(field="activity_ids", message=f"Activity {activity_id} is not in this book."))
        elif activity.is_archived and activity_id not in already:
            details.append(ErrorDetail(field="activity_ids", message=f"Activity {activity_id} was removed."))
    if details:
        raise InvalidInput("Every activity must be one of the chosen book's.", details)
    return [found[activity_id] for activity_id in activity_ids]


async def _checked_targets(session: AsyncSession, teacher: Principal, targets: Targets) -> Targets:
    student_ids, class_ids = set(targets.student_ids), set(targets.class_ids)
    if not student_ids and not class_ids:
        raise InvalidInput(
            "Give the assignment to at least one class or student.",
            [ErrorDetail(field="targets", message="At least one class or student.")],
        )
    details = []
    if class_ids:
        own = set(
            await session.scalars(
                select(col(SchoolClass.id)).where(
                    col(SchoolClass.id).in_(class_ids), col(SchoolClass.teacher_id) == teacher.profile_id
                )
            )
        )
        details += [ErrorDetail(field="targets.class_ids", message=f"No class {c}.") for c in sorted(class_ids - own)]
    if student_ids:
        visible = {
            student.id
            for student in await session.scalars(visible_students(teacher).where(col(Student.id).in_(student_ids)))
        }
        details += [
            ErrorDetail(field="targets.student_ids", message=f"No student {s}.") for s in sorted(student_ids - visible)
        ]
    if details:
        raise InvalidInput("Some targets were not found.", details)
    return Targets(student_ids=sorted(student_ids), class_ids=sorted(class_ids))


# --- the change feed ---


async def feed_payload(
    session: AsyncSession, assignment: Assignment, due_at: datetime | None, time_limit_minutes: int | None
) -> dict[str, Any]:
    """The `assignment` entity of the pull feed (PROTOCOL.md 9.2) with one student's effective due date and limit.

    `assets` lists the files the activities use (size for the download estimate, sha256 to verify it) but no
    URLs: they would expire in the feed, so the client gets fresh ones from the book manifest.
    """
    rows = (
        await session.execute(
            select(AssignmentActivity, Activity)
            .join(Activity, col(Activity.id) == col(AssignmentActivity.activity_id))
            .where(col(AssignmentActivity.assignment_id) == assignment.id)
            .order_by(col(AssignmentActivity.position))
        )
    ).all()
    asset_keys = {key for _, activity in rows for key in config_asset_keys(activity.config)}
    assets = await asset_infos(session, assignment.book_id, asset_keys)
    return {
        "id": str(assignment.id),
        "book_id": str(assignment.book_id),
        "name": assignment.name,
        "instructions": assignment.instructions,
        "due_at": due_at.isoformat() if due_at else None,
        "time_limit_minutes": time_limit_minutes,
        "max_attempts": assignment.max_attempts,
        "show_answers": assignment.show_answers,
        "activities": [
            {
                "activity_id": str(activity.id),
                "position": link.position,
                "type": activity.activity_type.value,
                "config": activity.config,
            }
            for link, activity in rows
        ],
        "assets": [asset.model_dump() for asset in assets],
    }


async def _user_ids_of_students(session: AsyncSession, student_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    if not student_ids:
        return {}
    rows = await session.execute(select(col(Student.id), col(Student.user_id)).where(col(Student.id).in_(student_ids)))
    return dict(rows.all())


async def publish_assignment(
    session: AsyncSession, assignment: Assignment, student_ids: list[uuid.UUID], *, include_teacher: bool = True
) -> None:
    """Upsert the assignment in the feed of these students (each with its effective values) and of the teacher."""
    users = await _user_ids_of_students(session, student_ids)
    overrides = (
        {
            row.student_id: row
            for row in await session.scalars(
                select(AssignmentStudent).where(
                    col(AssignmentStudent.assignment_id) == assignment.id,
                    col(AssignmentStudent.student_id).in_(student_ids),
                    (col(AssignmentStudent.due_at_override).is_not(None))
                    | (col(AssignmentStudent.time_limit_override_minutes).is_not(None)),
                )
            )
        }
        if student_ids
        else {}
    )
    plain = [users[s] for s in student_ids if s in users and s not in overrides]
    if include_teacher:
        teacher_user_id = await session.scalar(
            select(col(Teacher.user_id)).where(col(Teacher.id) == assignment.teacher_id)
        )
        if teacher_user_id is not None:
            plain.append(teacher_user_id)
    if plain:
        payload = await feed_payload(session, assignment, assignment.due_at, assignment.time_limit_minutes)
        await publish_to_users(session, plain, ENTITY, assignment.id, "upsert", payload)
    for student_id, row in overrides.items():
        if student_id not in users:
            continue
        payload = await feed_payload(
            session,
            assignment,
            row.due_at_override or assignment.due_at,
            row.time_limit_override_minutes or assignment.time_limit_minutes,
        )
        await publish_to_users(session, [users[student_id]], ENTITY, assignment.id, "upsert", payload)


async def tombstone_assignment(session: AsyncSession, assignment: Assignment, student_ids: list[uuid.UUID]) -> None:
    users = await _user_ids_of_students(session, student_ids)
    await publish_to_users(session, users.values(), ENTITY, assignment.id, "delete")


# --- writing ---


async def _write_activities(session: AsyncSession, assignment_id: uuid.UUID, activities: list[Activity]) -> None:
    await session.execute(delete(AssignmentActivity).where(col(AssignmentActivity.assignment_id) == assignment_id))
    session.add_all(
        AssignmentActivity(assignment_id=assignment_id, activity_id=activity.id, position=position)
        for position, activity in enumerate(activities)
    )


async def _write_targets(session: AsyncSession, assignment_id: uuid.UUID, targets: Targets) -> None:
    await session.execute(delete(AssignmentTarget).where(col(AssignmentTarget.assignment_id) == assignment_id))
    session.add_all(
        [AssignmentTarget(assignment_id=assignment_id, class_id=class_id) for class_id in targets.class_ids]
        + [AssignmentTarget(assignment_id=assignment_id, student_id=student_id) for student_id in targets.student_ids]
    )


async def create_assignment(session: AsyncSession, teacher: Principal, body: AssignmentCreate) -> AssignmentOut:
    teacher_id = teacher_id_of(teacher)
    book = await _checked_book(session, teacher, body.book_id)
    activities = await _checked_activities(session, book, body.activity_ids, set())
    targets = await _checked_targets(session, teacher, body.targets)
    assignment = Assignment(
        teacher_id=teacher_id,
        book_id=book.id,
        name=body.name,
        instructions=body.instructions or None,
        due_at=body.due_at,
        time_limit_minutes=body.time_limit_minutes,
        show_answers=body.show_answers,
        max_attempts=body.max_attempts,
    )
    session.add(assignment)
    await session.flush()
    await _write_activities(session, assignment.id, activities)
    await _write_targets(session, assignment.id, targets)
    await session.flush()
    student_ids = await ensure_student_rows(session, assignment.id)
    await notify_assignment_created(session, assignment, student_ids)
    await publish_assignment(session, assignment, student_ids)
    return await assignment_out(session, assignment)


async def _refuse_removing_answered(session: AsyncSession, assignment_id: uuid.UUID, removed: set[uuid.UUID]) -> None:
    """Students' answers to an activity that left the assignment could never sync again (the server rejects answers
    to activities not in the assignment, PROTOCOL.md), so an activity someone answered stays."""
    if not removed:
        return
    answered: set[str] = set()
    for column in (col(Attempt.answers), col(Attempt.answers_not_submitted)):
        answered |= set(
            await session.scalars(
                select(func.jsonb_object_keys(column))
                .join(AssignmentStudent, col(AssignmentStudent.id) == col(Attempt.assignment_student_id))
                .where(col(AssignmentStudent.assignment_id) == assignment_id)
                .distinct()
            )
        )
    blocked = [activity_id for activity_id in removed if str(activity_id) in answered]
    if not blocked:
        return
    activities = await session.scalars(
        select(Activity).where(col(Activity.id).in_(blocked)).order_by(col(Activity.order_index))
    )
    raise Conflict(
        "Students have already answered activities you removed; keep those in the assignment.",
        [
            ErrorDetail(field="activity_ids", message=f"Students have already answered “{a.title or a.module_name}”.")
            for a in activities
        ],
    )


async def update_assignment(
    session: AsyncSession, teacher: Principal, assignment_id: uuid.UUID, body: AssignmentUpdate
) -> AssignmentOut:
    assignment = await own_assignment(session, teacher, assignment_id, lock=True)
    changes = body.changes()
    before = set(await targeted_student_ids(session, assignment.id))
    current_activities = set(
        await session.scalars(
            select(col(AssignmentActivity.activity_id)).where(col(AssignmentActivity.assignment_id) == assignment.id)
        )
    )
    if "book_id" in changes and body.book_id != assignment.book_id and body.activity_ids is None:
        raise InvalidInput(
            "A new book needs its activities.",
            [ErrorDetail(field="activity_ids", message="Give the activities of the new book.")],
        )
    if body.activity_ids is not None:
        book = await _checked_book(session, teacher, body.book_id or assignment.book_id)
        activities = await _checked_activities(session, book, body.activity_ids, current_activities)
        await _refuse_removing_answered(session, assignment.id, current_activities - set(body.activity_ids))
        assignment.book_id = book.id
        await _write_activities(session, assignment.id, activities)
    if body.targets is not None:
        await _write_targets(session, assignment.id, await _checked_targets(session, teacher, body.targets))
    for field in ("name", "due_at", "time_limit_minutes", "show_answers", "max_attempts"):
        if field in changes:
            setattr(assignment, field, changes[field])
    if "instructions" in changes:
        assignment.instructions = body.instructions or None
    assignment.updated_at = utc_now()
    await session.flush()
    after = await ensure_student_rows(session, assignment.id)
    await publish_assignment(session, assignment, after)
    removed = sorted(before - set(after))
    if removed:
        await tombstone_assignment(session, assignment, removed)
    new = sorted(set(after) - before)
    if new:
        await notify_assignment_created(session, assignment, new)
    return await assignment_out(session, assignment)


async def delete_assignment(session: AsyncSession, teacher: Principal, assignment_id: uuid.UUID) -> None:
    """Soft delete: students stop seeing it; their work and results are kept."""
    assignment = await own_assignment(session, teacher, assignment_id, lock=True)
    student_ids = await targeted_student_ids(session, assignment.id)
    assignment.is_deleted = True
    assignment.deleted_at = assignment.updated_at = utc_now()
    await session.flush()
    teacher_user_id = await session.scalar(select(col(Teacher.user_id)).where(col(Teacher.id) == assignment.teacher_id))
    users = list((await _user_ids_of_students(session, student_ids)).values())
    if teacher_user_id is not None:
        users.append(teacher_user_id)
    await publish_to_users(session, users, ENTITY, assignment.id, "delete")


# --- results and extensions ---


def attempt_out(attempt: Attempt, *, with_results: bool = True) -> AttemptOut:
    return AttemptOut(
        id=attempt.id,
        attempt_number=attempt.attempt_number,
        status=attempt.status,
        started_at=attempt.started_at,
        submitted_at=attempt.submitted_at,
        synced_late=attempt.synced_late,
        answers=attempt.answers,
        score=attempt.score if with_results else None,
        item_results=attempt.item_results if with_results else None,
    )


def result_attempt_out(attempt: Attempt) -> ResultAttemptOut:
    """The teacher's view of an attempt: the counted answers and, apart, those given after the submission."""
    # Entries are {value, hlc} (sync-protocol/schemas/attempt_state.schema.json); hlc.wall is server-aligned ms.
    not_submitted = {
        activity_id: NotSubmittedAnswer(
            value=entry["value"], answered_at=datetime.fromtimestamp(entry["hlc"]["wall"] / 1000, UTC)
        )
        for activity_id, entry in attempt.answers_not_submitted.items()
    }
    return ResultAttemptOut(**attempt_out(attempt).model_dump(), answers_not_submitted=not_submitted)


async def latest_attempts(session: AsyncSession, assignment_student_ids: list[uuid.UUID]) -> dict[uuid.UUID, Attempt]:
    if not assignment_student_ids:
        return {}
    attempts = await session.scalars(
        select(Attempt)
        .where(col(Attempt.assignment_student_id).in_(assignment_student_ids))
        .order_by(col(Attempt.assignment_student_id), col(Attempt.attempt_number).desc())
        .ext(distinct_on(col(Attempt.assignment_student_id)))
    )
    return {attempt.assignment_student_id: attempt for attempt in attempts}


def is_past_due(status: AssignmentStatus, due_at: datetime | None, now: datetime) -> bool:
    return status != AssignmentStatus.SUBMITTED and due_at is not None and due_at < now


async def _student_results(
    session: AsyncSession, assignment: Assignment, student_ids: list[uuid.UUID]
) -> list[StudentResult]:
    if not student_ids:
        return []
    people = await session.execute(
        select(Student, User)
        .join(User, col(User.id) == col(Student.user_id))
        .where(col(Student.id).in_(student_ids))
        .order_by(func.lower(col(User.full_name)), col(Student.id))
    )
    rows = {
        row.student_id: row
        for row in await session.scalars(
            select(AssignmentStudent).where(
                col(AssignmentStudent.assignment_id) == assignment.id,
                col(AssignmentStudent.student_id).in_(student_ids),
            )
        )
    }
    attempts = await latest_attempts(session, [row.id for row in rows.values()])
    now = utc_now()
    results = []
    for student, user in people:
        row = rows.get(student.id) or AssignmentStudent(assignment_id=assignment.id, student_id=student.id)
        status = row.status or AssignmentStatus.NOT_STARTED
        due_at = row.due_at_override or assignment.due_at
        attempt = attempts.get(row.id)
        results.append(
            StudentResult(
                student_id=student.id,
                user_id=user.id,
                full_name=user.full_name,
                status=status,
                past_due=is_past_due(status, due_at, now),
                score=row.score,
                time_spent_seconds=row.time_spent_seconds or 0,
                started_at=row.started_at,
                completed_at=row.completed_at,
                synced_late=bool(row.synced_late),
                attempts_used=row.attempts_used or 0,
                due_at=due_at,
                time_limit_minutes=row.time_limit_override_minutes or assignment.time_limit_minutes,
                due_at_extension=row.due_at_override,
                time_limit_extension_minutes=row.time_limit_override_minutes,
                latest_attempt=result_attempt_out(attempt) if attempt else None,
            )
        )
    return results


async def get_results(session: AsyncSession, teacher: Principal, assignment_id: uuid.UUID) -> AssignmentResults:
    assignment = await own_assignment(session, teacher, assignment_id)
    student_ids = await targeted_student_ids(session, assignment.id)
    return AssignmentResults(
        assignment=await assignment_out(session, assignment),
        students=await _student_results(session, assignment, student_ids),
    )


async def set_extension(
    session: AsyncSession, teacher: Principal, assignment_id: uuid.UUID, student_id: uuid.UUID, body: ExtensionIn
) -> StudentResult:
    assignment = await own_assignment(session, teacher, assignment_id)
    if student_id not in set(await targeted_student_ids(session, assignment.id)):
        raise NotFound("This student does not have this assignment.")
    await ensure_student_rows(session, assignment.id)
    row = await session.scalar(
        select(AssignmentStudent)
        .where(col(AssignmentStudent.assignment_id) == assignment.id, col(AssignmentStudent.student_id) == student_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert row is not None  # created just above
    changes = body.changes()
    if "due_at" in changes:
        row.due_at_override = body.due_at
    if "time_limit_minutes" in changes:
        row.time_limit_override_minutes = body.time_limit_minutes
    row.updated_at = utc_now()
    await session.flush()
    await publish_assignment(session, assignment, [student_id], include_teacher=False)
    return (await _student_results(session, assignment, [student_id]))[0]


# --- class membership ---
