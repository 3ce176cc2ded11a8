"""The signed-in user's own notifications (every role): list, mark one read, mark all read."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from dream_lms.auth.deps import CurrentUser
from dream_lms.communication import service
from dream_lms.communication.schemas import NotificationOut, ReadAllIn, ReadAllOut
from dream_lms.core.deps import PageDep, SessionDep
from dream_lms.core.envelope import Envelope, PageEnvelope, Pagination

router = APIRouter(prefix="/notifications", tags=["notifications"])


@router.get("", response_model=PageEnvelope[NotificationOut])
async def list_notifications(
    user: CurrentUser,
    session: SessionDep,
    page: PageDep,
    unread: Annotated[bool, Query(description="Only notifications not read yet")] = False,
) -> PageEnvelope[NotificationOut]:
    """The caller's notifications, newest first."""
    items, total = await service.list_notifications(
        session, user.user_id, unread=unread, offset=page.offset, limit=page.per_page
    )
    return PageEnvelope(data=items, pagination=Pagination.of(page.page, page.per_page, total))


@router.post("/read-all", response_model=Envelope[ReadAllOut])
async def mark_all_read(user: CurrentUser, session: SessionDep, body: ReadAllIn | None = None) -> Envelope[ReadAllOut]:
    up_to = body.up_to if body else None
    return Envelope(data=ReadAllOut(updated=await service.mark_all_read(session, user.user_id, up_to)))


@router.post("/{notification_id}/read", response_model=Envelope[NotificationOut])
async def mark_read(notification_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> Envelope[NotificationOut]:
    """Idempotent: reading a read notification again changes nothing."""
    return Envelope(data=await service.mark_read(session, user.user_id, notification_id))
