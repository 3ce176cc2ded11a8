"""Teachers, managed by the publisher that owns their school; another publisher's teachers answer 404."""

import uuid
from typing import Literal

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth import audit
from dream_lms.auth.models import User, UserRole
from dream_lms.auth.tokens import Principal
from dream_lms.core.audit import snapshot
from dream_lms.core.errors import NotFound
from dream_lms.core.listing import fetch_page, matches_search, sort_order
from dream_lms.orgs.models import School, Teacher
from dream_lms.orgs.schemas import TeacherCreate, TeacherCreated, TeacherOut, TeacherUpdate
from dream_lms.orgs.schools import readable_schools
from dream_lms.users.accounts import create_user, ensure_login_free, normalize_email
from dream_lms.users.friendly_passwords import strong_password

TeacherSort = Literal["name", "-name", "created_at", "-created_at"]
_SORT_COLUMNS = {"name": func.lower(col(User.full_name)), "created_at": col(Teacher.created_at)}
_ACCOUNT_FIELDS = frozenset({"email", "full_name"})


def _teacher_out(teacher: Teacher, user: User) -> TeacherOut:
    return TeacherOut(
        id=teacher.id,
        user_id=user.id,
        school_id=teacher.school_id,
        email=user.email,
        full_name=user.full_name,
        subject=teacher.subject,
        is_active=user.is_active,
        created_at=teacher.created_at,
    )


def readable_teachers(publisher: Principal) -> Select[Teacher, User]:
    """The teachers the publisher may read, with their accounts: those of its own schools."""
    return (
        select(Teacher, User)
        .join(User, col(User.id) == col(Teacher.user_id))
        .join(School, col(School.id) == col(Teacher.school_id))
        .where(col(School.publisher_id) == publisher.publisher_id)
    )


async def _own_school(session: AsyncSession, publisher: Principal, school_id: uuid.UUID) -> School:
    school = await session.scalar(readable_schools(publisher).where(col(School.id) == school_id))
    if school is None:
        raise NotFound("School not found.")
    return school


async def get_own_teacher(session: AsyncSession, publisher: Principal, teacher_id: uuid.UUID) -> tuple[Teacher, User]:
    """A teacher of one of the publisher's own schools with its account; any other teacher is 404."""
    row = (await session.execute(readable_teachers(publisher).where(col(Teacher.id) == teacher_id))).one_or_none()
    if row is None:
        raise NotFound("Teacher not found.")
    return row[0], row[1]


async def list_teachers(
    session: AsyncSession,
    publisher: Principal,
    *,
    school_id: uuid.UUID | None,
    search: str | None,
    sort: TeacherSort,
    offset: int,
    limit: int,
) -> tuple[list[TeacherOut], int]:
    query = readable_teachers(publisher)
    if school_id is not None:
        query = query.where(col(Teacher.school_id) == school_id)
    search_filter = matches_search(search, col(User.full_name), col(User.email), col(Teacher.subject))
    if search_filter is not None:
        query = query.where(search_filter)
    rows, total = await fetch_page(session, query, sort_order(sort, _SORT_COLUMNS, col(Teacher.id)), offset, limit)
    return [_teacher_out(teacher, user) for teacher, user in rows], total


async def create_teacher(
    session: AsyncSession, publisher: Principal, body: TeacherCreate, ip: str | None
) -> TeacherCreated:
    school = await _own_school(session, publisher, body.school_id)
    password = body.password or strong_password()
    user = await create_user(
        session, role=UserRole.TEACHER, full_name=body.full_name, password=password, email=body.email
    )
    teacher = Teacher(user_id=user.id, school_id=school.id, subject=body.subject)
    session.add(teacher)
    await session.flush()
    after = {"school_id": str(school.id), "email": user.email, "full_name": user.full_name, "subject": body.subject}
    await audit.record(session, publisher, "teacher.create", "teacher", teacher.id, after=after, ip=ip)
    return TeacherCreated(
        **_teacher_out(teacher, user).model_dump(), generated_password=None if body.password else password
    )


async def update_teacher(
    session: AsyncSession, publisher: Principal, teacher_id: uuid.UUID, body: TeacherUpdate, ip: str | None
) -> TeacherOut:
    teacher, user = await get_own_teacher(session, publisher, teacher_id)
    changes = body.changes()
    if "school_id" in changes:
        await _own_school(session, publisher, changes["school_id"])
    if "email" in changes:
        changes["email"] = normalize_email(changes["email"])
        await ensure_login_free(session, email=changes["email"], username=None, except_user_id=user.id)
    before = snapshot(teacher, changes) | snapshot(user, changes)
    for field, value in changes.items():
        setattr(user if field in _ACCOUNT_FIELDS else teacher, field, value)
    await session.flush()
    after = snapshot(teacher, changes) | snapshot(user, changes)
    await audit.record(session, publisher, "teacher.update", "teacher", teacher.id, before=before, after=after, ip=ip)
    return _teacher_out(teacher, user)
