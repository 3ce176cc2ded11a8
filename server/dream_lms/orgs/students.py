"""Students, managed by teachers. A teacher sees the students of its school that it created or teaches;
every other student answers 404."""

import uuid
from typing import Literal

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth.models import User, UserRole
from dream_lms.auth.passwords import hash_password
from dream_lms.auth.tokens import Principal
from dream_lms.core.envelope import ErrorDetail
from dream_lms.core.errors import Forbidden, InvalidInput, NotFound
from dream_lms.core.listing import fetch_page, matches_search, sort_order
from dream_lms.orgs.models import ClassStudent, SchoolClass, Student
from dream_lms.orgs.schemas import StudentCreate, StudentCreated, StudentOut, StudentPassword, StudentUpdate
from dream_lms.users.accounts import create_user, ensure_login_free, normalize_email
from dream_lms.users.friendly_passwords import friendly_password

StudentSort = Literal["name", "-name", "grade", "-grade", "created_at", "-created_at"]
_SORT_COLUMNS = {
    "name": func.lower(col(User.full_name)),
    "grade": col(Student.grade),
    "created_at": col(Student.created_at),
}
_ACCOUNT_FIELDS = frozenset({"full_name", "email", "username"})


def student_out(student: Student, user: User) -> StudentOut:
    return StudentOut(
        id=student.id,
        user_id=user.id,
        school_id=student.school_id,
        full_name=user.full_name,
        email=user.email,
        username=user.username,
        grade=student.grade,
        parent_email=student.parent_email,
        is_active=user.is_active,
        created_by_teacher_id=student.created_by_teacher_id,
        created_at=student.created_at,
    )


def teacher_id_of(teacher: Principal) -> uuid.UUID:
    if teacher.profile_id is None:
        raise Forbidden("Your account has no teacher profile.")
    return teacher.profile_id


def school_of(teacher: Principal) -> uuid.UUID:
    if teacher.school_id is None:
        raise Forbidden("Your account is not attached to a school.")
    return teacher.school_id


def visible_students(teacher: Principal) -> Select[Student, User]:
    taught = (
        select(col(ClassStudent.student_id))
        .join(SchoolClass, col(SchoolClass.id) == col(ClassStudent.class_id))
        .where(col(SchoolClass.teacher_id) == teacher.profile_id)
    )
    return (
        select(Student, User)
        .join(User, col(User.id) == col(Student.user_id))
        .where(
            col(Student.school_id) == school_of(teacher),
            or_(col(Student.created_by_teacher_id) == teacher.profile_id, col(Student.id).in_(taught)),
        )
    )


async def _load_visible(session: AsyncSession, teacher: Principal, student_id: uuid.UUID) -> tuple[Student, User]:
    row = (await session.execute(visible_students(teacher).where(col(Student.id) == student_id))).one_or_none()
    if row is None:
        raise NotFound("Student not found.")
    return row[0], row[1]


async def list_students(
    session: AsyncSession,
    teacher: Principal,
    *,
    class_id: uuid.UUID | None,
    search: str | None,
    sort: StudentSort,
    offset: int,
    limit: int,
) -> tuple[list[StudentOut], int]:
    query = visible_students(teacher)
    if class_id is not None:
        query = query.where(
            col(Student.id).in_(select(col(ClassStudent.student_id)).where(col(ClassStudent.class_id) == class_id))
        )
    search_filter = matches_search(search, col(User.full_name), col(User.email), col(User.username))
    if search_filter is not None:
        query = query.where(search_filter)
    rows, total = await fetch_page(session, query, sort_order(sort, _SORT_COLUMNS, col(Student.id)), offset, limit)
    return [student_out(student, user) for student, user in rows], total


async def create_student(session: AsyncSession, teacher: Principal, body: StudentCreate) -> StudentCreated:
    school_id = school_of(teacher)
    password = body.password or friendly_password()
    user = await create_user(
        session,
        role=UserRole.STUDENT,
        full_name=body.full_name,
        password=password,
        email=body.email,
        username=body.username,
    )
    student = Student(
        user_id=user.id,
        school_id=school_id,
        grade=body.grade,
        parent_email=body.parent_email,
        created_by_teacher_id=teacher.profile_id,
    )
    session.add(student)
    await session.flush()
    return StudentCreated(
        **student_out(student, user).model_dump(), generated_password=None if body.password else password
    )


async def update_student(
    session: AsyncSession, teacher: Principal, student_id: uuid.UUID, body: StudentUpdate
) -> StudentOut:
    student, user = await _load_visible(session, teacher, student_id)
    changes = body.changes()
    if changes.get("email"):
        changes["email"] = normalize_email(changes["email"])
    new_email = changes.get("email", user.email)
    new_username = changes.get("username", user.username)
    if not new_email and not new_username:
        raise InvalidInput(
            "A student needs an email address or a username.",
            [ErrorDetail(field="username", message="Give a username when the student has no email address.")],
        )
    if changes.keys() & {"email", "username"}:
        await ensure_login_free(
            session,
            email=changes.get("email"),
            username=changes.get("username"),
            except_user_id=user.id,
        )
    for field, value in changes.items():
        setattr(user if field in _ACCOUNT_FIELDS else student, field, value)
    await session.flush()
    return student_out(student, user)


async def delete_student(session: AsyncSession, teacher: Principal, student_id: uuid.UUID) -> None:
    student, user = await _load_visible(session, teacher, student_id)
    if student.created_by_teacher_id != teacher.profile_id:
        # Another teacher added this child; removing the account would erase their work in that teacher's classes.
        raise Forbidden("Only the teacher who added this student can delete them; remove them from your class.")
    # The account owns the student row (ON DELETE CASCADE).
    await session.delete(user)
    await session.flush()


async def reset_password(session: AsyncSession, teacher: Principal, student_id: uuid.UUID) -> StudentPassword:
    student, user = await _load_visible(session, teacher, student_id)
    password = friendly_password()
    user.password_hash = hash_password(password)
    await session.flush()
    return StudentPassword(student_id=student.id, login=user.username or user.email or "", password=password)
