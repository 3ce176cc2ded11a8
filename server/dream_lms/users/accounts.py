"""Creating accounts: the one place that checks an email, a username and a password before a user row exists."""

import uuid

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth.models import User, UserRole
from dream_lms.auth.passwords import hash_password, password_problem
from dream_lms.core.envelope import ErrorDetail
from dream_lms.core.errors import Conflict, InvalidInput


def normalize_email(email: str, field: str = "email") -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise InvalidInput("The email address is not valid.", [ErrorDetail(field=field, message=str(exc))]) from exc


async def ensure_login_free(
    session: AsyncSession, *, email: str | None, username: str | None, except_user_id: uuid.UUID | None = None
) -> None:
    """Refuse an email or username another account already signs in with (case-insensitively)."""
    clash_query = select(col(User.id)).where(
        or_(
            func.lower(col(User.email)) == (email or "").lower(),
            func.lower(col(User.username)) == (username or "").lower(),
        )
    )
    if except_user_id is not None:
        clash_query = clash_query.where(col(User.id) != except_user_id)
    if await session.scalar(clash_query.limit(1)) is not None:
        raise Conflict("An account with this email or username already exists.")


async def create_user(
    session: AsyncSession,
    *,
    role: UserRole,
    full_name: str,
    password: str,
    email: str | None = None,
    username: str | None = None,
) -> User:
    problems: list[ErrorDetail] = []
    if not email and not username:
        problems.append(ErrorDetail(field="email", message="Give an email address or a username."))
    if problem := password_problem(password):
        problems.append(ErrorDetail(field="password", message=problem))
    if problems:
        raise InvalidInput("The account cannot be created.", problems)
    email = normalize_email(email) if email else None
    username = username.strip() if username else None
    await ensure_login_free(session, email=email, username=username)
    user = User(
        role=role,
        full_name=full_name.strip(),
        email=email,
        username=username,
        password_hash=hash_password(password),
    )
    session.add(user)
    await session.flush()
    return user


async def create_admin(session: AsyncSession, *, email: str, full_name: str, password: str) -> User:
    return await create_user(session, role=UserRole.ADMIN, full_name=full_name, password=password, email=email)
