import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from dream_lms.auth.models import UserRole
from dream_lms.auth.passwords import MAX_PASSWORD_LENGTH
from dream_lms.core.schemas import InputModel

FullName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str | None
    username: str | None
    full_name: str
    role: UserRole
    is_active: bool
    last_login_at: datetime | None
    created_at: datetime


class AdminCreate(InputModel):
    email: EmailStr = Field(max_length=320)
    full_name: FullName
    password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)


class PasswordReset(InputModel):
    password: str | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_PASSWORD_LENGTH,
        description="A chosen new password; a random one is generated when omitted",
    )


class PasswordResetOut(BaseModel):
    user_id: uuid.UUID
    password: str = Field(description="The new password; it is shown only this once")
