import uuid
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth.models import RefreshToken, User, UserRole
from dream_lms.auth.tokens import Principal
from dream_lms.core.errors import NotFound, Unprocessable
from dream_lms.orgs import audit
from dream_lms.orgs.listing import matches_search


async def list_users(
    session: AsyncSession, *, role: UserRole | None, search: str | None, offset: int, limit: int
) -> tuple[list[User], int]:
    query = select(User)
    if role is not None:
        query = query.where(col(User.role) == role)
    search_filter = matches_search(search, col(User.full_name), col(User.email), col(User.username))
    if search_filter is not None:
        query = query.where(search_filter)
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = await session.scalars(query.order_by(col(User.full_name), col(User.id)).offset(offset).limit(limit))
    return list(rows), int(total or 0)


async def set_active(session: AsyncSession, actor: Principal, user_id: uuid.UUID, active: bool, ip: str | None) -> User:
    user = await session.get(User, user_id, with_for_update=True)
    if user is None:
        raise NotFound("User not found.")
    if user.id == actor.user_id and not active:
        raise Unprocessable("You cannot deactivate your own account.")
    before = {"is_active": user.is_active}
    user.is_active = active
    if not active:
        # Their sessions end now; the next refresh of any device is refused.
        await session.execute(
            update(RefreshToken)
            .where(col(RefreshToken.user_id) == user.id, col(RefreshToken.revoked_at).is_(None))
            .values(revoked_at=datetime.now(UTC))
        )
    action = "user.activate" if active else "user.deactivate"
    await audit.record(session, actor, action, "user", user.id, before=before, after={"is_active": active}, ip=ip)
    return user
