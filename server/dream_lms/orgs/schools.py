"""Schools: admins manage them; a publisher sees its own."""

import uuid
from typing import Literal

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth import audit
from dream_lms.auth.models import UserRole
from dream_lms.auth.tokens import Principal
from dream_lms.core.audit import snapshot
from dream_lms.core.errors import Conflict, NotFound
from dream_lms.core.listing import fetch_page, matches_search, sort_order
from dream_lms.orgs.models import Publisher, School, SchoolClass, Student, Teacher
from dream_lms.orgs.schemas import SchoolCreate, SchoolOut, SchoolUpdate

SchoolSort = Literal["name", "-name", "created_at", "-created_at"]
_SORT_COLUMNS = {"name": func.lower(col(School.name)), "created_at": col(School.created_at)}
_AUDITED_FIELDS = ("publisher_id", "name", "address", "contact_email", "contact_phone")


async def _ensure_name_free(
    session: AsyncSession, publisher_id: uuid.UUID, name: str, except_id: uuid.UUID | None = None
) -> None:
    query = select(col(School.id)).where(
        col(School.publisher_id) == publisher_id, func.lower(col(School.name)) == name.lower()
    )
    if except_id is not None:
        query = query.where(col(School.id) != except_id)
    if await session.scalar(query.limit(1)) is not None:
        raise Conflict("This publisher already has a school with this name.")


async def _load(session: AsyncSession, school_id: uuid.UUID) -> School:
    school = await session.get(School, school_id, with_for_update=True)
    if school is None:
        raise NotFound("School not found.")
    return school


def readable_schools(principal: Principal) -> Select[School]:
    """The schools the principal may read: every school for an admin, its own for a publisher."""
    query = select(School)
    if principal.role != UserRole.ADMIN:
        query = query.where(col(School.publisher_id) == principal.publisher_id)
    return query


async def list_schools(
    session: AsyncSession,
    principal: Principal,
    *,
    publisher_id: uuid.UUID | None,
    search: str | None,
    sort: SchoolSort,
    offset: int,
    limit: int,
) -> tuple[list[SchoolOut], int]:
    query = readable_schools(principal)
    if publisher_id is not None:
        query = query.where(col(School.publisher_id) == publisher_id)
    search_filter = matches_search(search, col(School.name), col(School.address))
    if search_filter is not None:
        query = query.where(search_filter)
    rows, total = await fetch_page(session, query, sort_order(sort, _SORT_COLUMNS, col(School.id)), offset, limit)
    return [SchoolOut.model_validate(row[0]) for row in rows], total


async def create_school(session: AsyncSession, actor: Principal, body: SchoolCreate, ip: str | None) -> SchoolOut:
    if await session.get(Publisher, body.publisher_id) is None:
        raise NotFound("Publisher not found.")
    await _ensure_name_free(session, body.publisher_id, body.name)
    school = School(**body.model_dump())
    session.add(school)
    await session.flush()
    after = snapshot(school, _AUDITED_FIELDS)
    await audit.record(session, actor, "school.create", "school", school.id, after=after, ip=ip)
    return SchoolOut.model_validate(school)


async def update_school(
    session: AsyncSession, actor: Principal, school_id: uuid.UUID, body: SchoolUpdate, ip: str | None
) -> SchoolOut:
    school = await _load(session, school_id)
    changes = body.changes()
    if "name" in changes:
        await _ensure_name_free(session, school.publisher_id, changes["name"], except_id=school.id)
    before = snapshot(school, changes)
    for field, value in changes.items():
        setattr(school, field, value)
    await session.flush()
    after = snapshot(school, changes)
    await audit.record(session, actor, "school.update", "school", school.id, before=before, after=after, ip=ip)
    return SchoolOut.model_validate(school)


async def delete_school(session: AsyncSession, actor: Principal, school_id: uuid.UUID, ip: str | None) -> None:
    school = await _load(session, school_id)
    for member in (Teacher, Student, SchoolClass):
        if await session.scalar(select(col(member.id)).where(col(member.school_id) == school.id).limit(1)):
            raise Conflict("This school still has teachers, students or classes; remove them first.")
    before = snapshot(school, _AUDITED_FIELDS)
    await session.delete(school)
    await session.flush()
    await audit.record(session, actor, "school.delete", "school", school_id, before=before, ip=ip)
