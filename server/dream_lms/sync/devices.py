"""The devices of each user (`devices`): registered or refreshed by every push, pull and registration."""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.sync.models import Device


async def register_device(
    session: AsyncSession,
    user_id: uuid.UUID,
    device_id: uuid.UUID,
    *,
    skew_ms: int | None = None,
    user_agent: str | None = None,
    name: str | None = None,
) -> None:
    """Create or refresh the (user, device) row: last seen, user agent, and the skew measured now."""
    values: dict[str, Any] = {"user_id": user_id, "id": device_id, "last_seen_at": datetime.now(UTC)}
    if skew_ms is not None:
        values["clock_skew_ms"] = skew_ms
    if user_agent is not None:
        values["user_agent"] = user_agent[:1000]
    if name is not None:
        values["name"] = name[:200]
    statement = insert(Device).values(**values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["user_id", "id"],
            set_={key: statement.excluded[key] for key in values if key not in ("user_id", "id")},
        )
    )
