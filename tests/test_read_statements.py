"""Every list a dashboard loads, and the student's assignment list, sends as many SQL statements for 50 rows as
for 5: a page is read with one query per kind of data, never one per row.

The data is what a lazy per-row load would trip over: assignments given to several classes and to a student
directly, with students in progress and submitted (with attempts), classes with members, books with activities.
The pages are asked with the dashboards' parameters (pwa/src/features/dashboard/components/*-dashboard.tsx) but
100 per page, so that every row is on the page.
"""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from dream_lms.assignments.models import (
    Assignment,
    AssignmentActivity,
    AssignmentStatus,
    AssignmentStudent,
    AssignmentTarget,
)
from dream_lms.attempts.models import Attempt, AttemptStatus
from dream_lms.auth.models import UserRole
from dream_lms.books.models import Activity
from dream_lms.core.audit import AuditLogEntry
from dream_lms.core.resources import Resources
from dream_lms.orgs.models import ClassStudent, School, SchoolClass, Student
from tests.assignments.helpers import make_book
from tests.factories import Account, bearer, login, make_account, make_publisher
from tests.statements import statements_of

PAGE = {"page": 1, "per_page": 100}
# name: (who asks, path, query) for each list of the dashboards and the student's assignment list.
ENDPOINTS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "teacher: assignments": ("teacher", "/api/v1/assignments", {"per_page": 100, "sort": "-created_at"}),
    "teacher: books": ("teacher", "/api/v1/books", PAGE),
    "teacher: classes": ("teacher", "/api/v1/classes", {**PAGE, "sort": "name"}),
    "teacher: students": ("teacher", "/api/v1/teachers/me/students", PAGE),
    "admin: publishers": ("admin", "/api/v1/admin/publishers", PAGE),
    "admin: schools": ("admin", "/api/v1/admin/schools", PAGE),
    "admin: teachers": ("admin", "/api/v1/admin/users", {**PAGE, "role": "teacher"}),
    "admin: students": ("admin", "/api/v1/admin/users", {**PAGE, "role": "student"}),
    "admin: books": ("admin", "/api/v1/books", PAGE),
    "admin: audit log": ("admin", "/api/v1/admin/audit-log", PAGE),
    "publisher: schools": ("publisher", "/api/v1/publishers/me/schools", PAGE),
    "publisher: teachers": ("publisher", "/api/v1/publishers/me/teachers", PAGE),
    "publisher: books": ("publisher", "/api/v1/books", PAGE),
    "student: assignments": ("student", "/api/v1/students/me/assignments", {"per_page": 100}),
}
STUDENTS_PER_CLASS = 3


@dataclass
class Dashboards:
    """One account of each role, and the rows of each kind made so far for them to see."""

    headers: dict[str, dict[str, str]]
    admin: Account
    publisher_id: uuid.UUID
    school: School
    teacher_id: uuid.UUID
    student_id: uuid.UUID
    books: list[tuple[uuid.UUID, list[Activity]]] = field(default_factory=list)
    classes: list[tuple[uuid.UUID, list[uuid.UUID]]] = field(default_factory=list)
    made: dict[str, int] = field(default_factory=dict)


async def _dashboards(session: AsyncSession, client: httpx.AsyncClient) -> Dashboards:
    publisher, school = await make_publisher(session)
    admin = await make_account(session, UserRole.ADMIN)
    teacher = await make_account(session, UserRole.TEACHER, school=school)
    student = await make_account(session, UserRole.STUDENT, school=school)
    accounts = {"admin": admin, "publisher": publisher, "teacher": teacher, "student": student}
    headers = {role: bearer(await login(client, account.login)) for role, account in accounts.items()}
    assert publisher.profile_id and teacher.profile_id and student.profile_id
    return Dashboards(headers, admin, publisher.profile_id, school, teacher.profile_id, student.profile_id)


async def _add_class(session: AsyncSession, world: Dashboards, index: int) -> None:
    """A class with new students of the teacher's, and the signed-in student."""
    school_class = SchoolClass(
        teacher_id=world.teacher_id, school_id=world.school.id, name=f"Class {index:02}", subject="English"
    )
    session.add(school_class)
    members = []
    for _ in range(STUDENTS_PER_CLASS):
        account = await make_account(session, UserRole.STUDENT, school=world.school)
        student = await session.get(Student, account.profile_id)
        assert student is not None
        student.created_by_teacher_id = world.teacher_id
        members.append(student.id)
    await session.flush()
    session.add_all(ClassStudent(class_id=school_class.id, student_id=s) for s in [*members, world.student_id])
    world.classes.append((school_class.id, members))


async def _add_assignment(session: AsyncSession, world: Dashboards, index: int) -> None:
    """An assignment for two classes and one student directly, with students at every stage."""
    book_id, activities = world.books[index % len(world.books)]
    (class_a, members_a), (class_b, members_b) = world.classes[index % len(world.classes)], world.classes[-1]
    now = datetime.now(UTC)
    assignment = Assignment(
        teacher_id=world.teacher_id,
        book_id=book_id,
        name=f"Homework {index:02}",
        due_at=now + timedelta(days=index % 7 - 2),
        max_attempts=2,
        created_at=now - timedelta(minutes=index),
    )
    session.add(assignment)
    await session.flush()
    direct = members_b[0] if class_b != class_a else None
    session.add_all(
        [AssignmentTarget(assignment_id=assignment.id, class_id=class_id) for class_id in {class_a, class_b}]
        + ([AssignmentTarget(assignment_id=assignment.id, student_id=direct)] if direct else [])
        + [
            AssignmentActivity(assignment_id=assignment.id, activity_id=activity.id, position=position)
            for position, activity in enumerate(activities)
        ]
    )
    progress = [
        (world.student_id, AssignmentStatus.SUBMITTED, 60 + index % 40),
        (members_a[0], AssignmentStatus.SUBMITTED, 90),
        (members_a[1], AssignmentStatus.IN_PROGRESS, None),
    ]
    for student_id, status, score in progress:
        row = AssignmentStudent(
            assignment_id=assignment.id, student_id=student_id, status=status, score=score, attempts_used=1
        )
        session.add(row)
        await session.flush()
        submitted = status == AssignmentStatus.SUBMITTED
        session.add(
            Attempt(
                assignment_student_id=row.id,
                attempt_number=1,
                status=AttemptStatus.SUBMITTED if submitted else AttemptStatus.IN_PROGRESS,
                started_at=now - timedelta(hours=1),
                submitted_at=now if submitted else None,
                score=score,
            )
        )


async def _add_rows(session: AsyncSession, world: Dashboards, kind: str, index: int) -> None:
    if kind == "publishers":
        await make_publisher(session)
    elif kind == "schools":
        session.add(School(publisher_id=world.publisher_id, name=f"School {index:02}"))
    elif kind == "teachers":
        await make_account(session, UserRole.TEACHER, school=world.school)
    elif kind == "books":
        book, activities = await make_book(session, world.publisher_id, activities=2)
        world.books.append((book.id, activities))
    elif kind == "classes":
        await _add_class(session, world, index)
    elif kind == "assignments":
        await _add_assignment(session, world, index)
    elif kind == "audit":
        actor = world.admin.user.id if index % 2 else None
        session.add(AuditLogEntry(actor_user_id=actor, action="school.create", entity_type="school"))


async def _grow(session: AsyncSession, world: Dashboards, rows: int) -> None:
    """`rows` of each kind (the kinds that others refer to first)."""
    for kind in ("publishers", "schools", "teachers", "books", "classes", "assignments", "audit"):
        for index in range(world.made.get(kind, 0), rows):
            await _add_rows(session, world, kind, index)
        world.made[kind] = rows
        await session.flush()


async def _statement_counts(client: httpx.AsyncClient, engine: AsyncEngine, world: Dashboards, rows: int) -> Any:
    counts = {}
    for name, (role, path, query) in ENDPOINTS.items():
        response, statements = await statements_of(engine, client.get(path, params=query, headers=world.headers[role]))
        assert len(response.json()["data"]) >= rows, name
        counts[name] = len(statements)
    return counts


async def test_dashboard_lists_send_as_many_statements_for_50_rows_as_for_5(
    client: httpx.AsyncClient, session: AsyncSession, resources: Resources
) -> None:
    world = await _dashboards(session, client)
    await _grow(session, world, 5)
    with_5 = await _statement_counts(client, resources.engine, world, 5)
    await _grow(session, world, 50)
    with_50 = await _statement_counts(client, resources.engine, world, 50)
    assert with_50 == with_5, f"statements with 5 rows {with_5}, with 50 {with_50}"
