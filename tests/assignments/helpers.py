"""A school with a teacher, students, a class and a book with activities, for the assignment tests."""

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.auth.models import UserRole
from dream_lms.books.models import Activity, ActivityType, Book
from dream_lms.orgs.models import ClassStudent, School, SchoolClass, Student
from tests.factories import Account, bearer, login, make_account, make_publisher

CIRCLE_CONFIG = {"type": "circle", "answer": [{"isCorrect": True}, {"isCorrect": False}, {"isCorrect": False}]}
BLANKS_CONFIG = {"type": "fillpicture", "answer": [{"text": "cat"}, {"text": "dog"}]}


@dataclass
class World:
    school: School
    teacher: Account
    teacher_headers: dict[str, str]
    students: list[Account]
    student_headers: list[dict[str, str]]
    school_class: SchoolClass
    book: Book
    activities: list[Activity]
    other_book_activity: Activity
    extra: dict[str, Any] = field(default_factory=dict)


async def make_book(session: AsyncSession, publisher_id: uuid.UUID, activities: int = 2) -> tuple[Book, list[Activity]]:
    book = Book(dream_storage_id=f"book-{uuid.uuid4().hex[:10]}", title="Test Book", publisher_id=publisher_id)
    session.add(book)
    await session.flush()
    made = []
    for index in range(activities):
        circle = index % 2 == 0
        activity = Activity(
            book_id=book.id,
            location_key=f"0/{index}/0",
            module_name="Module 1",
            page_number=index,
            section_index=0,
            order_index=index,
            activity_type=ActivityType.CIRCLE if circle else ActivityType.FILL_PICTURE,
            title=f"Activity {index}",
            config=CIRCLE_CONFIG if circle else BLANKS_CONFIG,
            content_hash=uuid.uuid4().hex,
        )
        session.add(activity)
        made.append(activity)
    await session.flush()
    return book, made


async def add_student(
    session: AsyncSession, client: httpx.AsyncClient, school: School, teacher: Account
) -> tuple[Account, dict[str, str]]:
    account = await make_account(session, UserRole.STUDENT, school=school)
    student = await session.get(Student, account.profile_id)
    assert student is not None
    student.created_by_teacher_id = teacher.profile_id
    await session.flush()
    return account, bearer(await login(client, account.login))


async def join_class(session: AsyncSession, school_class: SchoolClass, student: Account) -> None:
    assert student.profile_id is not None
    session.add(ClassStudent(class_id=school_class.id, student_id=student.profile_id))
    await session.flush()


async def make_world(session: AsyncSession, client: httpx.AsyncClient, students: int = 3) -> World:
    publisher, school = await make_publisher(session)
    assert publisher.profile_id is not None
    teacher = await make_account(session, UserRole.TEACHER, school=school)
    teacher_headers = bearer(await login(client, teacher.login))
    assert teacher.profile_id is not None
    school_class = SchoolClass(teacher_id=teacher.profile_id, school_id=school.id, name="5A")
    session.add(school_class)
    await session.flush()
    book, activities = await make_book(session, publisher.profile_id)
    _, other = await make_book(session, publisher.profile_id, activities=1)
    accounts, headers = [], []
    for _ in range(students):
        account, header = await add_student(session, client, school, teacher)
        accounts.append(account)
        headers.append(header)
    return World(school, teacher, teacher_headers, accounts, headers, school_class, book, activities, other[0])


def assignment_body(world: World, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "Homework 1",
        "instructions": "Do your best.",
        "book_id": str(world.book.id),
        "activity_ids": [str(a.id) for a in world.activities],
        "targets": {"class_ids": [str(world.school_class.id)], "student_ids": []},
        "due_at": None,
        "time_limit_minutes": 20,
        "show_answers": True,
        "max_attempts": 2,
    }
    body.update(overrides)
    return body


def data(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()["data"]
