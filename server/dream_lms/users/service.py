import uuid
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth import audit
from dream_lms.auth.models import RefreshToken, User, UserRole
from dream_lms.auth.passwords import check_new_password, hash_password
from dream_lms.auth.tokens import Principal
from dream_lms.core.errors import NotFound, Unprocessable
from dream_lms.core.listing import matches_search
from dream_lms.users.friendly_passwords import friendly_password, strong_password
from dream_lms.users.schemas import PasswordResetOut


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


async def revoke_sessions(session: AsyncSession, user_id: uuid.UUID) -> None:
    """Their sessions end now; the next refresh of any device is refused."""
    await session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.user_id) == user_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=datetime.now(UTC))
    )


async def reset_password(
    session: AsyncSession, actor: Principal, user: User, chosen: str | None, ip: str | None
) -> PasswordResetOut:
    """Give `user` a new password (the chosen one, or a generated one), end their sessions and audit it.

    The caller has already checked that `actor` may manage `user`. The password is returned once, never stored.
    """
    if user.id == actor.user_id:
        raise Unprocessable("Change your own password from your account settings.")
    if chosen is not None:
        check_new_password(chosen, field="password")
        password = chosen
    else:
        # A child types a friendly password on a tablet; an adult gets a strong random one.
        password = friendly_password() if user.role == UserRole.STUDENT else strong_password()
    user.password_hash = hash_password(password)
    await revoke_sessions(session, user.id)
    await audit.record(
        session, actor, "user.reset_password", "user", user.id, after={"generated": chosen is None}, ip=ip
    )
    return PasswordResetOut(user_id=user.id, password=password)


async def admin_reset_password(
    session: AsyncSession, actor: Principal, user_id: uuid.UUID, chosen: str | None, ip: str | None
) -> PasswordResetOut:
    user = await session.get(User, user_id, with_for_update=True)
    if user is None:
        raise NotFound("User not found.")
    return await reset_password(session, actor, user, chosen, ip)


async def set_active(session: AsyncSession, actor: Principal, user_id: uuid.UUID, active: bool, ip: str | None) -> User:
    user = await session.get(User, user_id, with_for_update=True)
    if user is None:
        raise NotFound("User not found.")
    if user.id == actor.user_id and not active:
        raise Unprocessable("You cannot deactivate your own account.")
    before = {"is_active": user.is_active}
    user.is_active = active
    if not active:
        await revoke_sessions(session, user.id)
    action = "user.activate" if active else "user.deactivate"
    await audit.record(session, actor, action, "user", user.id, before=before, after={"is_active": active}, ip=ip)
    return user
