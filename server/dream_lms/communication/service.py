"""Listing a user's notifications and marking them read. Every change is also published to the user's change
feed, so their other devices see it (PROTOCOL.md section 9)."""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.communication.models import Notification
from dream_lms.communication.schemas import NotificationOut
from dream_lms.core.errors import NotFound
from dream_lms.core.feed import publish_to_users
from dream_lms.core.listing import fetch_page

FEED_ENTITY = "notification"


def notification_payload(notification: Notification) -> dict[str, Any]:
    """The feed payload: the same shape as the API's `NotificationOut`."""
    return NotificationOut.model_validate(notification).model_dump(mode="json")


async def publish_notifications(session: AsyncSession, notifications: list[Notification]) -> None:
    for notification in notifications:
        await publish_to_users(
            session, [notification.user_id], FEED_ENTITY, notification.id, "upsert", notification_payload(notification)
        )


async def list_notifications(
    session: AsyncSession, user_id: uuid.UUID, *, unread: bool, offset: int, limit: int
) -> tuple[list[NotificationOut], int]:
    query = select(Notification).where(col(Notification.user_id) == user_id)
    if unread:
        query = query.where(col(Notification.read_at).is_(None))
    order = [col(Notification.created_at).desc(), col(Notification.id).desc()]
    rows, total = await fetch_page(session, query, order, offset, limit)
    return [NotificationOut.model_validate(row[0]) for row in rows], total


async def mark_read(session: AsyncSession, user_id: uuid.UUID, notification_id: uuid.UUID) -> NotificationOut:
    """Marks one of the user's notifications read; an already read one keeps its first `read_at`."""
    notification = await session.scalar(
        select(Notification)
        .where(col(Notification.id) == notification_id, col(Notification.user_id) == user_id)
        .with_for_update()
    )
    if notification is None:
        raise NotFound("Notification not found.")
    if notification.read_at is None:
        notification.read_at = datetime.now(UTC)
        await session.flush()
        await publish_notifications(session, [notification])
    return NotificationOut.model_validate(notification)


async def mark_all_read(session: AsyncSession, user_id: uuid.UUID, up_to: datetime | None) -> int:
    """Marks the user's unread notifications (created at or before `up_to`, when given) read."""
    statement = (
        update(Notification)
        .where(col(Notification.user_id) == user_id, col(Notification.read_at).is_(None))
        .values(read_at=datetime.now(UTC))
        .returning(Notification)
        .execution_options(synchronize_session=False)
    )
    if up_to is not None:
        statement = statement.where(col(Notification.created_at) <= up_to)
    notifications = list(await session.scalars(statement))
    await publish_notifications(session, notifications)
    return len(notifications)
