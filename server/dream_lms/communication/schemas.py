import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from dream_lms.core.schemas import InputModel


class NotificationOut(BaseModel):
    """A notification as the API lists it and as the change feed carries it (entity `notification`)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    type: str = Field(description="e.g. assignment_created, student_completed")
    title: str
    body: str | None
    data: dict[str, Any] = Field(description="What it is about, e.g. assignment_id")
    read_at: datetime | None
    created_at: datetime


class ReadAllIn(InputModel):
    up_to: datetime | None = Field(
        default=None,
        description="Only notifications created at or before this time (the newest one the device has shown), "
        "so a late replay from an offline device does not mark notifications the user never saw",
    )


class ReadAllOut(BaseModel):
    updated: int = Field(description="How many notifications were unread and are read now")
