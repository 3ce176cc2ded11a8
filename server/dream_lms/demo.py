"""Demo data for `make run`: one account per role, a school, a class of five students. Idempotent."""

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, col

from dream_lms.auth.models import User, UserRole
from dream_lms.auth.passwords import hash_password
from dream_lms.orgs.models import ClassStudent, Publisher, School, SchoolClass, Student, Teacher

DEMO_PASSWORD = "dream-demo-pass"  # noqa: S105 - the documented demo password
DEMO_SCHOOL = "Riverside Primary School"
DEMO_PUBLISHER = "Dream Publishing"
DEMO_CLASS = "Class 3B"
DEMO_STUDENTS = ["Sam Student", "Mia Student", "Leo Student", "Ava Student", "Noah Student"]

Row = TypeVar("Row", bound=SQLModel)


async def _get_or_add(session: AsyncSession, existing: Select[Any], make: Callable[[], Row]) -> Row:
    found: Row | None = (await session.execute(existing)).scalar_one_or_none()
    if found is not None:
        return found
    row = make()
    session.add(row)
    await session.flush()
    return row


async def _user(session: AsyncSession, password_hash: str, role: UserRole, full_name: str, login: str) -> User:
    email, username = (login, None) if "@" in login else (None, login)
    return await _get_or_add(
        session,
        select(User).where(or_(col(User.email) == login, col(User.username) == login)),
        lambda: User(email=email, username=username, full_name=full_name, role=role, password_hash=password_hash),
    )


def demo_logins() -> list[tuple[str, str]]:
    """(role, login) of every demo account, for the start-up banner."""
    students = [("student", f"student{n}@dream.test") for n in range(1, len(DEMO_STUDENTS))] + [("student", "student5")]
    return [
        ("admin", "admin@dream.test"),
        ("publisher", "publisher@dream.test"),
        ("teacher", "teacher@dream.test"),
        *students,
    ]


async def seed_demo(session: AsyncSession) -> None:
    password_hash = hash_password(DEMO_PASSWORD)
    await _user(session, password_hash, UserRole.ADMIN, "Ada Admin", "admin@dream.test")
    publisher_user = await _user(session, password_hash, UserRole.PUBLISHER, "Pat Publisher", "publisher@dream.test")
    publisher = await _get_or_add(
        session,
        select(Publisher).where(col(Publisher.user_id) == publisher_user.id),
        lambda: Publisher(user_id=publisher_user.id, name=DEMO_PUBLISHER, contact_email="publisher@dream.test"),
    )
    school = await _get_or_add(
        session,
        select(School).where(col(School.publisher_id) == publisher.id, col(School.name) == DEMO_SCHOOL),
        lambda: School(publisher_id=publisher.id, name=DEMO_SCHOOL, address="1 River Road"),
    )
    teacher_user = await _user(session, password_hash, UserRole.TEACHER, "Tess Teacher", "teacher@dream.test")
    teacher = await _get_or_add(
        session,
        select(Teacher).where(col(Teacher.user_id) == teacher_user.id),
        lambda: Teacher(user_id=teacher_user.id, school_id=school.id, subject="English"),
    )
    school_class = await _get_or_add(
        session,
        select(SchoolClass).where(col(SchoolClass.teacher_id) == teacher.id, col(SchoolClass.name) == DEMO_CLASS),
        lambda: SchoolClass(teacher_id=teacher.id, school_id=school.id, name=DEMO_CLASS, grade="3"),
    )
    for (_, login), full_name in zip(demo_logins()[3:], DEMO_STUDENTS, strict=True):
        user = await _user(session, password_hash, UserRole.STUDENT, full_name, login)
        student = await _get_or_add(
            session,
            select(Student).where(col(Student.user_id) == user.id),
            lambda user=user: Student(  # type: ignore[misc]
                user_id=user.id, school_id=school.id, grade="3", created_by_teacher_id=teacher.id
            ),
        )
        await _get_or_add(
            session,
            select(ClassStudent).where(
                col(ClassStudent.class_id) == school_class.id, col(ClassStudent.student_id) == student.id
            ),
            lambda student=student: ClassStudent(class_id=school_class.id, student_id=student.id),  # type: ignore[misc]
        )
