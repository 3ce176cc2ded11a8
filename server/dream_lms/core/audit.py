"""The audit log of admin and publisher actions: who did what to which object, with before/after.

Core writes entries from plain actor fields; `dream_lms.auth.audit` gives them for a signed-in principal and reads
the log with the actors as they are now.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Index, String, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel

from dream_lms.core.model_base import CreatedAt, UUIDPrimaryKey


class AuditLogEntry(UUIDPrimaryKey, CreatedAt, table=True):
    """Who did what to which object, with the object before and after (admin and publisher actions)."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_entity", "entity_type", "entity_id"),
        Index("ix_audit_log_created_at", text("created_at DESC")),
    )

    actor_user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL", index=True)
    # The actor as it was when the entry was written: deleting the user nulls `actor_user_id`, not this.
    actor_name: str | None = Field(default=None, sa_type=String(200))
    actor_email: str | None = Field(default=None, sa_type=String(320))
    action: str = Field(sa_type=String(100))
    entity_type: str = Field(sa_type=String(50))
    entity_id: uuid.UUID | None = Field(default=None)
    before: dict[str, Any] | None = Field(default=None, sa_type=JSONB)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSONB)
    ip: str | None = Field(default=None, sa_type=String(45))


@dataclass(frozen=True)
class AuditActor:
    """Who acted: the user's id, and their name and email as they are now, written on the entry so that it still says
    who acted once the user is deleted (which nulls `actor_user_id`)."""

    user_id: uuid.UUID | None
    name: str | None
    email: str | None


async def write_entry(
    session: AsyncSession,
    actor: AuditActor,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID | None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    ip: str | None = None,
) -> None:
    session.add(
        AuditLogEntry(
            actor_user_id=actor.user_id,
            actor_name=actor.name,
            actor_email=actor.email,
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            before=before,
            after=after,
            ip=ip,
        )
    )
    await session.flush()


def snapshot(row: SQLModel, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of a row as JSON values, for an entry's before/after."""
    return row.model_dump(mode="json", include=set(fields))
