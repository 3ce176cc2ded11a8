"""Audit entries of a signed-in principal's actions (written by `dream_lms.core.audit`), and the log as admins
read it, with each actor as they are now."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth.models import User
from dream_lms.auth.tokens import Principal
from dream_lms.core.audit import AuditActor, AuditLogEntry, write_entry
from dream_lms.core.listing import fetch_page


async def actor_snapshot(session: AsyncSession, actor: Principal) -> tuple[str | None, str | None]:
    """The actor's name and email as they are now, written on its entries so that they still say who acted once
    the user is deleted (which nulls `actor_user_id`)."""
    user = await session.get(User, actor.user_id)
    return (user.full_name, user.email) if user else (None, None)


async def record(
    session: AsyncSession,
    actor: Principal,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID | None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    ip: str | None = None,
) -> None:
    actor_name, actor_email = await actor_snapshot(session, actor)
    await write_entry(
        session,
        AuditActor(actor.user_id, actor_name, actor_email),
        action,
        entity_type,
        entity_id,
        before=before,
        after=after,
        ip=ip,
    )


async def list_entries(
    session: AsyncSession,
    *,
    entity_type: str | None,
    entity_id: uuid.UUID | None,
    actor_user_id: uuid.UUID | None,
    offset: int,
    limit: int,
) -> tuple[list[tuple[AuditLogEntry, str | None, str | None]], int]:
    """A page of entries, newest first, each with its actor's name and email: as they are now, or as they were
    when the entry was written once the actor is deleted (None for the system)."""
    query = select(AuditLogEntry, col(User.id), col(User.full_name), col(User.email)).outerjoin(
        User, col(User.id) == col(AuditLogEntry.actor_user_id)
    )
    if entity_type is not None:
        query = query.where(col(AuditLogEntry.entity_type) == entity_type)
    if entity_id is not None:
        query = query.where(col(AuditLogEntry.entity_id) == entity_id)
    if actor_user_id is not None:
        query = query.where(col(AuditLogEntry.actor_user_id) == actor_user_id)
    order = [col(AuditLogEntry.created_at).desc(), col(AuditLogEntry.id).desc()]
    rows, total = await fetch_page(session, query, order, offset, limit)
    return [
        (entry, name, email) if user_id is not None else (entry, entry.actor_name, entry.actor_email)
        for entry, user_id, name, email in rows
    ], total
