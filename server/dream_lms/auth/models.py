"""Accounts and refresh tokens."""

import enum
import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String, Text, text
from sqlmodel import Field

from dream_lms.core.model_base import TIMESTAMPTZ, CreatedAt, Timestamps, UUIDPrimaryKey, pg_enum

# Deliberately loose (one @, a dot in the domain, no spaces): strict validation happens in the API
# with email-validator; this guards the table against whatever bypasses the API.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
# No "@" so a login identifier is unambiguous: with "@" it is an email, without it a username.
USERNAME_PATTERN = r"^[^@\s]{3,64}$"


class UserRole(enum.StrEnum):
    ADMIN = "admin"
    PUBLISHER = "publisher"
    TEACHER = "teacher"
    STUDENT = "student"


class User(UUIDPrimaryKey, Timestamps, table=True):
    """A person who signs in, with an email, a username (children without email), or both."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("email IS NOT NULL OR username IS NOT NULL", name="email_or_username"),
        CheckConstraint("email = lower(email)", name="email_lowercase"),
        CheckConstraint(f"email ~ '{EMAIL_PATTERN}'", name="email_format"),
        CheckConstraint(f"username ~ '{USERNAME_PATTERN}'", name="username_format"),
        Index("uq_users_lower_email", text("lower(email)"), unique=True),
        Index("uq_users_lower_username", text("lower(username)"), unique=True),
    )

    email: str | None = Field(default=None, sa_type=String(320))
    username: str | None = Field(default=None, sa_type=String(64))
    password_hash: str = Field(sa_type=String(255))
    full_name: str = Field(sa_type=String(200))
    role: UserRole = Field(sa_type=pg_enum(UserRole, "user_role"), index=True)
    is_active: bool = Field(default=True, sa_column_kwargs={"server_default": text("true")})
    last_login_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)


class RefreshToken(UUIDPrimaryKey, CreatedAt, table=True):
    """One opaque refresh token (only its SHA-256 is stored); rotation chains tokens of one family.

    `device_id` is the client's device id when it sent one; it has no foreign key because a device
    signs in before it registers for sync.
    """

    __tablename__ = "refresh_tokens"
    __table_args__ = (CheckConstraint("token_hash ~ '^[0-9a-f]{64}$'", name="token_hash_sha256_hex"),)

    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    family_id: uuid.UUID = Field(index=True)
    token_hash: str = Field(sa_type=String(64), unique=True)
    expires_at: datetime = Field(sa_type=TIMESTAMPTZ)
    revoked_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    replaced_by_id: uuid.UUID | None = Field(
        default=None, foreign_key="refresh_tokens.id", ondelete="SET NULL", index=True
    )
    device_id: uuid.UUID | None = Field(default=None)
    user_agent: str | None = Field(default=None, sa_type=Text)
    ip: str | None = Field(default=None, sa_type=String(45))
