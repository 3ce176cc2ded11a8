"""Teacher feedback, messages between users, notifications and who wants which notification how."""

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Index, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Field

from dream_lms.core.model_base import (
    TIMESTAMPTZ,
    CreatedAt,
    Timestamps,
    UUIDPrimaryKey,
    jsonb_object_field,
    pg_enum,
)


class NotificationType(enum.StrEnum):
    """Known notification types. Stored as text, so adding a type needs no migration."""

    ASSIGNMENT_CREATED = "assignment_created"
    ASSIGNMENT_DUE_SOON = "assignment_due_soon"
    STUDENT_COMPLETED = "student_completed"
    FEEDBACK_RECEIVED = "feedback_received"
    MESSAGE_RECEIVED = "message_received"
    MATERIAL_SHARED = "material_shared"


class NotificationChannel(enum.StrEnum):
    IN_APP = "in_app"
    EMAIL = "email"
    PUSH = "push"


class Feedback(UUIDPrimaryKey, Timestamps, table=True):
    """A teacher's feedback on a student's work on an assignment (optionally on one attempt)."""

    __tablename__ = "feedback"
    __table_args__ = (CheckConstraint("score_override BETWEEN 0 AND 100", name="score_override_range"),)

    assignment_student_id: uuid.UUID = Field(foreign_key="assignment_students.id", ondelete="CASCADE", index=True)
    attempt_id: uuid.UUID | None = Field(default=None, foreign_key="attempts.id", ondelete="SET NULL", index=True)
    teacher_id: uuid.UUID = Field(foreign_key="teachers.id", ondelete="RESTRICT", index=True)
    body: str | None = Field(default=None, sa_type=Text)
    badges: list[str] = Field(
        default_factory=list, sa_type=ARRAY(Text), sa_column_kwargs={"server_default": text("'{}'")}
    )
    emoji: str | None = Field(default=None, sa_type=String(32))
    score_override: int | None = Field(default=None)


class Message(UUIDPrimaryKey, CreatedAt, table=True):
    """A message from one user to another; replies point to their parent and share the thread's id."""

    __tablename__ = "messages"
    __table_args__ = (
        CheckConstraint("sender_user_id <> recipient_user_id", name="no_self_message"),
        Index("ix_messages_recipient_user_id_read_at", "recipient_user_id", "read_at"),
        Index("ix_messages_sender_user_id_created_at", "sender_user_id", text("created_at DESC")),
    )

    sender_user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    recipient_user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    # The first message of the thread (NULL on that first message itself).
    thread_id: uuid.UUID | None = Field(default=None, foreign_key="messages.id", ondelete="CASCADE", index=True)
    parent_id: uuid.UUID | None = Field(default=None, foreign_key="messages.id", ondelete="SET NULL", index=True)
    subject: str | None = Field(default=None, sa_type=String(200))
    body: str = Field(sa_type=Text)
    read_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)


# The key and predicate of the one-`assignment_created`-per-assignment index, which the insert's ON CONFLICT
# names too (dream_lms.assignments.notifications). Literal SQL, not bound values: ON CONFLICT finds a partial
# expression index only by an identical expression and a predicate it can prove.
ASSIGNMENT_ID_KEY = text("(data ->> 'assignment_id')")
ASSIGNMENT_CREATED_ONLY = text(f"type = '{NotificationType.ASSIGNMENT_CREATED.value}'")


class Notification(UUIDPrimaryKey, CreatedAt, table=True):
    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_id_created_at", "user_id", text("created_at DESC")),
        Index(
            "ix_notifications_user_id_unread",
            "user_id",
            text("created_at DESC"),
            postgresql_where=text("read_at IS NULL"),
        ),
        # One `assignment_created` per student and assignment, even when two requests notify at the same moment.
        Index(
            "uq_notifications_user_id_assignment_created",
            "user_id",
            ASSIGNMENT_ID_KEY,
            unique=True,
            postgresql_where=ASSIGNMENT_CREATED_ONLY,
        ),
    )

    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    type: str = Field(sa_type=String(50))
    title: str = Field(sa_type=String(200))
    body: str | None = Field(default=None, sa_type=Text)
    data: dict[str, Any] = jsonb_object_field()
    read_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)


class NotificationPreference(UUIDPrimaryKey, Timestamps, table=True):
    __tablename__ = "notification_preferences"
    __table_args__ = (UniqueConstraint("user_id", "type", "channel"),)

    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    type: str = Field(sa_type=String(50))
    channel: NotificationChannel = Field(sa_type=pg_enum(NotificationChannel, "notification_channel"))
    enabled: bool = Field(default=True, sa_column_kwargs={"server_default": text("true")})
