"""Access tokens (JWT, HS256) and opaque refresh tokens (random, stored only as a SHA-256 hash)."""

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from dream_lms.auth.models import UserRole
from dream_lms.core.errors import Unauthorized
from dream_lms.settings import Settings

_ALGORITHM = "HS256"
_ISSUER = "dream-lms"


@dataclass(frozen=True)
class Principal:
    """Who is calling: read from a verified access token."""

    user_id: uuid.UUID
    role: UserRole
    profile_id: uuid.UUID | None  # the publisher/teacher/student row of this user
    school_id: uuid.UUID | None
    publisher_id: uuid.UUID | None


def _optional_uuid(value: object) -> uuid.UUID | None:
    return uuid.UUID(str(value)) if value else None


def create_access_token(principal: Principal, settings: Settings, now: datetime | None = None) -> str:
    issued = now or datetime.now(UTC)
    claims = {
        "iss": _ISSUER,
        "sub": str(principal.user_id),
        "role": principal.role.value,
        "pid": str(principal.profile_id) if principal.profile_id else None,
        "sid": str(principal.school_id) if principal.school_id else None,
        "pub": str(principal.publisher_id) if principal.publisher_id else None,
        "iat": issued,
        "exp": issued + timedelta(minutes=settings.access_token_minutes),
        "typ": "access",
    }
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm=_ALGORITHM)


def decode_access_token(token: str, settings: Settings) -> Principal:
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret.get_secret_value(),
            algorithms=[_ALGORITHM],
            issuer=_ISSUER,
            options={"require": ["exp", "iat", "sub", "iss"]},
        )
        if claims.get("typ") != "access":
            raise Unauthorized("This is not an access token.")
        return Principal(
            user_id=uuid.UUID(claims["sub"]),
            role=UserRole(claims["role"]),
            profile_id=_optional_uuid(claims.get("pid")),
            school_id=_optional_uuid(claims.get("sid")),
            publisher_id=_optional_uuid(claims.get("pub")),
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized("Your session has expired; sign in again.") from exc
    except (jwt.InvalidTokenError, ValueError, KeyError) as exc:
        raise Unauthorized("The access token is not valid.") from exc


def token_user_id(token: str, settings: Settings) -> uuid.UUID | None:
    """The user of a valid access token, else None: how the rate limiter tells signed-in callers apart."""
    try:
        return decode_access_token(token, settings).user_id
    except Unauthorized:
        return None


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
