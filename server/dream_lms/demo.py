"""Demo data for `make run`: one account per role, a school, a class of five students. Idempotent."""

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.auth.models import User, UserRole
from dream_lms.auth.passwords import hash_password
from dream_lms.orgs.models import ClassStudent, Publisher, School, SchoolClass, Student, Teacher

Profile = TypeVar("Profile", Publisher, Teacher, Student)

DEMO_PASSWORD = "dream-demo-pass"  # noqa: S105 - the documented demo password
DEMO_SCHOOL = "Riverside Primary School"
DEMO_PUBLISHER = "Dream Publishing"
DEMO_CLASS = "Class 3B"


async def _user(
    session: AsyncSession,
    password_hash: str,
    role: UserRole,
    full_name: str,
    email: str | None,
    username: str | None = None,
) -> User:
    login = email or username
    existing = (
        await session.execute(select(User).where((User.email == login) | (User.username == login)))
    ).scalar_one_or_none()
    if existing:
        return existing
    user = User(email=email, username=username, full_name=full_name, role=role, password_hash=password_hash)
    session.add(user)
    await session.flush()
    return user


async def _profile(session: AsyncSession, model: type[Profile], **fields: object) -> Profile:
    existing = (await session.execute(select(model).where(model.user_id == fields["user_id"]))).scalar_one_or_none()
    if existing:
        return existing
    row = model(**fields)
    session.add(row)
    await session.flush()
    return row


def demo_logins() -> list[tuple[str, str]]:
    """(role, login) of every demo account, for the start-up banner."""
    students = [("student", f"student{n}@dream.test") for n in range(1, 5)] + [("student", "student5")]
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
    publisher = await _profile(
        session,
        Publisher,
        user_id=publisher_user.id,
        name=DEMO_PUBLISHER,
        contact_email="publisher@dream.test",
    )
    school = (await session.execute(select(School).where(School.name == DEMO_SCHOOL))).scalar_one_or_none()
    if school is None:
        school = School(publisher_id=publisher.id, name=DEMO_SCHOOL, address="1 River Road")
        session.add(school)
        await session.flush()
    teacher_user = await _user(session, password_hash, UserRole.TEACHER, "Tess Teacher", "teacher@dream.test")
    teacher = await _profile(session, Teacher, user_id=teacher_user.id, school_id=school.id, subject="English")
    school_class = (
        await session.execute(
            select(SchoolClass).where(SchoolClass.teacher_id == teacher.id, SchoolClass.name == DEMO_CLASS)
        )
    ).scalar_one_or_none()
    if school_class is None:
        school_class = SchoolClass(teacher_id=teacher.id, school_id=school.id, name=DEMO_CLASS, grade="3")
        session.add(school_class)
        await session.flush()
    names = ["Sam Student", "Mia Student", "Leo Student", "Ava Student", "Noah Student"]
    for number, name in enumerate(names, start=1):
        email, username = (f"student{number}@dream.test", None) if number < 5 else (None, "student5")
        user = await _user(session, password_hash, UserRole.STUDENT, name, email, username)
        student = await _profile(
            session,
            Student,
            user_id=user.id,
            school_id=school.id,
            grade="3",
            created_by_teacher_id=teacher.id,
        )
        linked = await session.get(ClassStudent, (school_class.id, student.id))
        if linked is None:
            session.add(ClassStudent(class_id=school_class.id, student_id=student.id))
    await session.flush()
