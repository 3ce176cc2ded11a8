"""Publishers, managed by admins: each publisher organisation comes with its own sign-in account."""

import uuid
from typing import Literal

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth import audit
from dream_lms.auth.models import User, UserRole
from dream_lms.auth.tokens import Principal
from dream_lms.core.audit import snapshot
from dream_lms.core.errors import Conflict, NotFound
from dream_lms.core.listing import fetch_page, matches_search, sort_order
from dream_lms.orgs.models import Publisher, School
from dream_lms.orgs.schemas import PublisherCreate, PublisherCreated, PublisherOut, PublisherUpdate
from dream_lms.users.accounts import create_user
from dream_lms.users.friendly_passwords import strong_password

PublisherSort = Literal["name", "-name", "created_at", "-created_at"]
_SORT_COLUMNS = {"name": func.lower(col(Publisher.name)), "created_at": col(Publisher.created_at)}
_AUDITED_FIELDS = ("name", "contact_email", "contact_phone")


def _publisher_out(publisher: Publisher, user: User) -> PublisherOut:
    return PublisherOut(
        id=publisher.id,
        user_id=user.id,
        name=publisher.name,
        email=user.email,
        full_name=user.full_name,
        is_active=user.is_active,
        contact_email=publisher.contact_email,
        contact_phone=publisher.contact_phone,
        created_at=publisher.created_at,
    )


def _with_account() -> Select[Publisher, User]:
    return select(Publisher, User).join(User, col(User.id) == col(Publisher.user_id))


async def _load(session: AsyncSession, publisher_id: uuid.UUID) -> tuple[Publisher, User]:
    row = (await session.execute(_with_account().where(col(Publisher.id) == publisher_id))).one_or_none()
    if row is None:
        raise NotFound("Publisher not found.")
    return row[0], row[1]


async def _ensure_name_free(session: AsyncSession, name: str, except_id: uuid.UUID | None = None) -> None:
    query = select(col(Publisher.id)).where(func.lower(col(Publisher.name)) == name.lower())
    if except_id is not None:
        query = query.where(col(Publisher.id) != except_id)
    if await session.scalar(query.limit(1)) is not None:
        raise Conflict("A publisher with this name already exists.")


async def list_publishers(
    session: AsyncSession, *, search: str | None, sort: PublisherSort, offset: int, limit: int
) -> tuple[list[PublisherOut], int]:
    query = _with_account()
    search_filter = matches_search(search, col(Publisher.name), col(User.email), col(User.full_name))
    if search_filter is not None:
        query = query.where(search_filter)
    rows, total = await fetch_page(session, query, sort_order(sort, _SORT_COLUMNS, col(Publisher.id)), offset, limit)
    return [_publisher_out(publisher, user) for publisher, user in rows], total


async def get_publisher(session: AsyncSession, publisher_id: uuid.UUID) -> PublisherOut:
    return _publisher_out(*await _load(session, publisher_id))


async def create_publisher(
    session: AsyncSession, actor: Principal, body: PublisherCreate, ip: str | None
) -> PublisherCreated:
    await _ensure_name_free(session, body.name)
    password = body.password or strong_password()
    user = await create_user(
        session, role=UserRole.PUBLISHER, full_name=body.full_name, password=password, email=body.email
    )
    publisher = Publisher(
        user_id=user.id, name=body.name, contact_email=body.contact_email, contact_phone=body.contact_phone
    )
    session.add(publisher)
    await session.flush()
    after = snapshot(publisher, _AUDITED_FIELDS) | {"email": user.email}
    await audit.record(session, actor, "publisher.create", "publisher", publisher.id, after=after, ip=ip)
    return PublisherCreated(
        **_publisher_out(publisher, user).model_dump(),
        generated_password=None if body.password else password,
    )


async def update_publisher(
    session: AsyncSession, actor: Principal, publisher_id: uuid.UUID, body: PublisherUpdate, ip: str | None
) -> PublisherOut:
    publisher, user = await _load(session, publisher_id)
    changes = body.changes()
    if "name" in changes:
        await _ensure_name_free(session, changes["name"], except_id=publisher.id)
    before = snapshot(publisher, changes)
    for field, value in changes.items():
        setattr(publisher, field, value)
    await session.flush()
    after = snapshot(publisher, changes)
    await audit.record(session, actor, "publisher.update", "publisher", publisher.id, before=before, after=after, ip=ip)
    return _publisher_out(publisher, user)


async def delete_publisher(session: AsyncSession, actor: Principal, publisher_id: uuid.UUID, ip: str | None) -> None:
    publisher, user = await _load(session, publisher_id)
    if await session.scalar(select(col(School.id)).where(col(School.publisher_id) == publisher.id).limit(1)):
        raise Conflict("This publisher still has schools; move or delete them first.")
    before = snapshot(publisher, _AUDITED_FIELDS) | {"email": user.email}
    # The account owns the publisher row (ON DELETE CASCADE), so deleting the account removes both.
    await session.delete(user)
    await session.flush()
    await audit.record(session, actor, "publisher.delete", "publisher", publisher.id, before=before, ip=ip)
