import uuid

from pydantic import BaseModel, Field

from dream_lms.auth.models import UserRole
from dream_lms.auth.passwords import MAX_PASSWORD_LENGTH
from dream_lms.core.schemas import InputModel


class LoginIn(InputModel):
    login: str = Field(min_length=1, max_length=320, description="Email address or username")
    password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)
    device_id: uuid.UUID | None = Field(default=None, description="The installed app's device id, if known")


class RefreshIn(InputModel):
    refresh_token: str = Field(min_length=16, max_length=200)


class ChangePasswordIn(InputModel):
    current_password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)
    new_password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)


class Me(BaseModel):
    id: uuid.UUID
    email: str | None
    username: str | None
    full_name: str
    role: UserRole
    is_active: bool
    profile_id: uuid.UUID | None
    school_id: uuid.UUID | None
    publisher_id: uuid.UUID | None


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret
    expires_in: int = Field(description="Seconds until the access token expires")
    refresh_expires_in: int = Field(description="Seconds until the refresh token expires")
    user: Me
