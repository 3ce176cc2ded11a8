"""The audit log of admin and publisher actions: who did what to which object, with before/after."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.auth.tokens import Principal
from dream_lms.orgs.models import AuditLogEntry


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
    session.add(
        AuditLogEntry(
            actor_user_id=actor.user_id,
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            before=before,
            after=after,
            ip=ip,
        )
    )
    await session.flush()
