"""Sign-in, refresh-token rotation with reuse detection, sign-out and password changes.

Services never commit: the request's transaction does. Outcomes that must be kept even though the caller gets
an error (a revoked token family after a reuse) are returned as values, so the route can answer 401 while the
transaction still commits.
"""

import uuid
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth.models import RefreshToken, User, UserRole
from dream_lms.auth.passwords import check_new_password, hash_password, needs_rehash, verify_password
from dream_lms.auth.schemas import Me, TokenPair
from dream_lms.auth.tokens import Principal, create_access_token, hash_refresh_token, new_refresh_token
from dream_lms.core.envelope import ErrorDetail
from dream_lms.core.errors import InvalidInput, NotFound, Unauthorized
from dream_lms.settings import Settings

# Two tabs of one app may refresh with the same token at once. Within this window after a rotation, the loser of
# that race is told to retry (its sibling already holds the new token) rather than being treated as a thief.
ROTATION_GRACE = timedelta(seconds=10)

INVALID_CREDENTIALS = "The username/email or password is not correct."


@dataclass(frozen=True)
class ClientInfo:
    ip: str | None
    user_agent: str | None
    device_id: uuid.UUID | None = None


async def find_user_by_login(session: AsyncSession, login: str) -> User | None:
    normalized = login.strip().lower()
    matches_email = func.lower(col(User.email)) == normalized
    query = select(User).where(or_(matches_email, func.lower(col(User.username)) == normalized))
    return (await session.execute(query)).scalars().first()


ProfileIds = tuple[uuid.UUID | None, uuid.UUID | None, uuid.UUID | None]  # (profile, school, publisher)


class ProfileLookup(Protocol):
    """The ids of a user's publisher/teacher/student row, its school and its publisher (None where the role has none).

    Those rows are orgs': the app wires `dream_lms.orgs.profiles.profile_ids` in, as orgs builds on auth (its rows
    belong to users) and auth may not import orgs."""

    def __call__(self, session: AsyncSession, user_id: uuid.UUID, role: UserRole) -> Awaitable[ProfileIds]: ...


async def principal_for(session: AsyncSession, user: User, profiles: ProfileLookup) -> Principal:
    """The principal of a user, with the role-specific ids read from its publisher/teacher/student row."""
    profile_id, school_id, publisher_id = await profiles(session, user.id, user.role)
    return Principal(
        user_id=user.id, role=user.role, profile_id=profile_id, school_id=school_id, publisher_id=publisher_id
    )


def me_of(user: User, principal: Principal) -> Me:
    return Me(
        id=user.id,
        email=user.email,
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        is_active=user.is_active,
        profile_id=principal.profile_id,
        school_id=principal.school_id,
        publisher_id=principal.publisher_id,
    )


async def _issue_tokens(
    session: AsyncSession,
    user: User,
    settings: Settings,
    client: ClientInfo,
    family_id: uuid.UUID,
    profiles: ProfileLookup,
) -> tuple[TokenPair, RefreshToken]:
    now = datetime.now(UTC)
    principal = await principal_for(session, user, profiles)
    raw_refresh = new_refresh_token()
    lifetime = timedelta(days=settings.refresh_token_days)
    record = RefreshToken(
        user_id=user.id,
        family_id=family_id,
        token_hash=hash_refresh_token(raw_refresh),
        expires_at=now + lifetime,
        device_id=client.device_id,
        ip=client.ip,
        user_agent=(client.user_agent or "")[:500] or None,
    )
    session.add(record)
    await session.flush()
    pair = TokenPair(
        access_token=create_access_token(principal, settings, now),
        refresh_token=raw_refresh,
        expires_in=settings.access_token_minutes * 60,
        refresh_expires_in=int(lifetime.total_seconds()),
        user=me_of(user, principal),
    )
    return pair, record


async def login(
    session: AsyncSession,
    settings: Settings,
    login_name: str,
    password: str,
    client: ClientInfo,
    profiles: ProfileLookup,
) -> TokenPair | None:
    """Tokens for valid credentials of an active user; None otherwise (the caller counts the failure)."""
    user = await find_user_by_login(session, login_name)
    if not verify_password(user.password_hash if user else None, password) or user is None:
        return None
    if not user.is_active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = datetime.now(UTC)
    pair, _ = await _issue_tokens(session, user, settings, client, uuid.uuid4(), profiles)
    return pair


@dataclass(frozen=True)
class RefreshRefused:
    message: str


@dataclass(frozen=True)
class RefreshRaced:
    """The token was rotated a moment ago by another request of the same client: retry shortly."""

    retry_after_seconds: int


async def _revoke_family(session: AsyncSession, family_id: uuid.UUID, now: datetime) -> None:
    await session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.family_id) == family_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=now)
    )


async def _successor_unused(session: AsyncSession, record: RefreshToken) -> RefreshToken | None:
    """The token that replaced `record`, if nobody has presented it yet (so its response may never have arrived)."""
    successor = await session.get(RefreshToken, record.replaced_by_id, with_for_update=True)
    return successor if successor is not None and successor.revoked_at is None else None


async def refresh(
    session: AsyncSession, settings: Settings, raw_token: str, client: ClientInfo, profiles: ProfileLookup
) -> TokenPair | RefreshRefused | RefreshRaced:
    now = datetime.now(UTC)
    record = (
        await session.execute(
            select(RefreshToken).where(col(RefreshToken.token_hash) == hash_refresh_token(raw_token)).with_for_update()
        )
    ).scalar_one_or_none()
    if record is None:
        return RefreshRefused("The session is not valid; sign in again.")
    if record.revoked_at is not None:
        if record.replaced_by_id is None:
            return RefreshRefused("The session has ended; sign in again.")
        if now - record.revoked_at <= ROTATION_GRACE:
            return RefreshRaced(retry_after_seconds=int(ROTATION_GRACE.total_seconds()))
        lost = await _successor_unused(session, record)
        if lost is None:
            # A rotated token came back after its successor was used: someone kept a copy. End the whole family.
            await _revoke_family(session, record.family_id, now)
            return RefreshRefused("The session has ended; sign in again.")
        # The successor was never presented: on patchy Wi-Fi the response that carried it was lost. Replace it, so a
        # tablet that lost one reply does not sign a child out.
        lost.revoked_at = now
        record.revoked_at = None
    if record.expires_at <= now:
        return RefreshRefused("The session has expired; sign in again.")
    user = await session.get(User, record.user_id)
    if user is None or not user.is_active:
        await _revoke_family(session, record.family_id, now)
        return RefreshRefused("This account is not active.")
    client = ClientInfo(client.ip, client.user_agent, client.device_id or record.device_id)
    pair, successor = await _issue_tokens(session, user, settings, client, record.family_id, profiles)
    record.revoked_at = now
    record.replaced_by_id = successor.id
    return pair


async def logout(session: AsyncSession, raw_token: str) -> None:
    record = (
        await session.execute(select(RefreshToken).where(col(RefreshToken.token_hash) == hash_refresh_token(raw_token)))
    ).scalar_one_or_none()
    if record is not None:
        await _revoke_family(session, record.family_id, datetime.now(UTC))


async def get_user(session: AsyncSession, user_id: uuid.UUID) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise NotFound("User not found.")
    return user


async def change_password(
    session: AsyncSession,
    settings: Settings,
    user: User,
    current: str,
    new: str,
    client: ClientInfo,
    profiles: ProfileLookup,
) -> TokenPair:
    if not verify_password(user.password_hash, current):
        raise InvalidInput(
            "The current password is not correct.",
            [ErrorDetail(field="current_password", message="The current password is not correct.")],
        )
    check_new_password(new)
    user.password_hash = hash_password(new)
    now = datetime.now(UTC)
    # Every other session of this user ends; this device gets a fresh one.
    await session.execute(
        update(RefreshToken)
        .where(col(RefreshToken.user_id) == user.id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=now)
    )
    pair, _ = await _issue_tokens(session, user, settings, client, uuid.uuid4(), profiles)
    return pair


def require_active(user: User | None) -> User:
    if user is None or not user.is_active:
        raise Unauthorized("This account is not active.")
    return user
