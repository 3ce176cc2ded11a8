"""The attempts students make at their assignments, merged from every device that worked on them (sync-protocol/
PROTOCOL.md; the lifecycle is `dream_lms.attempts.service`)."""

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Index, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field

from dream_lms.core.model_base import SCORE_RANGE, TIMESTAMPTZ, Timestamps, UUIDPrimaryKey, jsonb_object_field, pg_enum


class AttemptStatus(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"


class Attempt(UUIDPrimaryKey, Timestamps, table=True):
    """One attempt at an assignment, merged from every device that worked on it.

    `answers` and `item_results` are keyed by activity id; `version_vector` maps device id to a
    counter; `time_spent` maps device id to seconds (a per-device grow-only sum). `submitted_at` is
    the device's claim corrected by its measured clock skew; `server_received_at` is when the
    server got the submission.
    """

    __tablename__ = "attempts"
    __table_args__ = (
        UniqueConstraint("assignment_student_id", "attempt_number"),
        CheckConstraint("attempt_number >= 1", name="attempt_number_positive"),
        CheckConstraint(f"score {SCORE_RANGE}", name="score_range"),
        CheckConstraint(f"client_score {SCORE_RANGE}", name="client_score_range"),
        CheckConstraint("status <> 'submitted' OR submitted_at IS NOT NULL", name="submitted_at_when_submitted"),
        # The re-score sweep's work list.
        Index("ix_attempts_needs_rescore", "id", postgresql_where=text("needs_rescore")),
    )

    assignment_student_id: uuid.UUID = Field(foreign_key="assignment_students.id", ondelete="CASCADE")
    attempt_number: int
    status: AttemptStatus = Field(
        default=AttemptStatus.IN_PROGRESS,
        sa_type=pg_enum(AttemptStatus, "attempt_status"),
        sa_column_kwargs={"server_default": AttemptStatus.IN_PROGRESS.value},
    )
    answers: dict[str, Any] = jsonb_object_field()
    version_vector: dict[str, Any] = jsonb_object_field()
    time_spent: dict[str, Any] = jsonb_object_field()
    started_at: datetime = Field(sa_type=TIMESTAMPTZ)
    submitted_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    server_received_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    client_score: int | None = Field(default=None)
    score: int | None = Field(default=None)
    item_results: dict[str, Any] | None = Field(default=None, sa_type=JSONB)
    scored_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    synced_late: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})
    # Sync protocol (sync-protocol/PROTOCOL.md, owned by dream_lms.attempts): answers given after the submission
    # on a device that had not seen it (kept, never scored), the start/submission events as the devices made
    # them ({hlc, device_time}), how the submission was judged, and whether the server's score is still to come.
    answers_not_submitted: dict[str, Any] = jsonb_object_field()
    started_event: dict[str, Any] | None = Field(default=None, sa_type=JSONB)
    submitted_event: dict[str, Any] | None = Field(default=None, sa_type=JSONB)
    on_time: bool | None = Field(default=None)
    within_time_limit: bool | None = Field(default=None)
    needs_rescore: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})
