"""Assignments, whom they target, and each student's progress (the attempts are `dream_lms.attempts.models`).

The rule "an assignment has at least one target" spans two tables, so it is not a CHECK: the
migration installs a deferrable constraint trigger (`assignment_requires_target`) that checks it at
commit, so an assignment and its targets can be inserted in any order in one transaction.
"""

import enum
import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from dream_lms.core.model_base import (
    SCORE_RANGE,
    TIMESTAMPTZ,
    CreatedAt,
    Timestamps,
    UUIDPrimaryKey,
    pg_enum,
)


class AssignmentStatus(enum.StrEnum):
    """A student's progress on an assignment; "past due" is derived from the due date, not stored."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"


class Assignment(UUIDPrimaryKey, Timestamps, table=True):
    __tablename__ = "assignments"
    __table_args__ = (
        CheckConstraint("time_limit_minutes > 0", name="time_limit_positive"),
        CheckConstraint("max_attempts >= 1", name="max_attempts_positive"),
        CheckConstraint("is_deleted = (deleted_at IS NOT NULL)", name="deleted_at_when_deleted"),
        Index(
            "ix_assignments_teacher_id_due_at_live",
            "teacher_id",
            "due_at",
            postgresql_where=text("NOT is_deleted"),
        ),
    )

    teacher_id: uuid.UUID = Field(foreign_key="teachers.id", ondelete="RESTRICT", index=True)
    book_id: uuid.UUID = Field(foreign_key="books.id", ondelete="RESTRICT", index=True)
    name: str = Field(sa_type=String(200))
    instructions: str | None = Field(default=None, sa_type=Text)
    due_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    time_limit_minutes: int | None = Field(default=None)
    show_answers: bool = Field(default=True, sa_column_kwargs={"server_default": text("true")})
    max_attempts: int = Field(default=1, sa_column_kwargs={"server_default": text("1")})
    is_deleted: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})
    deleted_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)


class AssignmentActivity(SQLModel, table=True):
    """The activities of an assignment, in order (all of the assignment's book)."""

    __tablename__ = "assignment_activities"
    __table_args__ = (
        CheckConstraint("position >= 0", name="position_non_negative"),
        # Deferred so that reordering (swapping positions) works within one transaction.
        UniqueConstraint("assignment_id", "position", deferrable=True, initially="DEFERRED"),
    )

    assignment_id: uuid.UUID = Field(foreign_key="assignments.id", ondelete="CASCADE", primary_key=True)
    activity_id: uuid.UUID = Field(foreign_key="activities.id", ondelete="RESTRICT", primary_key=True, index=True)
    position: int


class AssignmentTarget(UUIDPrimaryKey, CreatedAt, table=True):
    """A class or a single student an assignment is given to.

    A class target also reaches students who join the class later.
    """

    __tablename__ = "assignment_targets"
    __table_args__ = (
        CheckConstraint("num_nonnulls(class_id, student_id) = 1", name="exactly_one_target"),
        UniqueConstraint("assignment_id", "class_id"),
        UniqueConstraint("assignment_id", "student_id"),
    )

    assignment_id: uuid.UUID = Field(foreign_key="assignments.id", ondelete="CASCADE")
    class_id: uuid.UUID | None = Field(default=None, foreign_key="classes.id", ondelete="CASCADE", index=True)
    student_id: uuid.UUID | None = Field(default=None, foreign_key="students.id", ondelete="CASCADE", index=True)


class AssignmentStudent(UUIDPrimaryKey, Timestamps, table=True):
    """One student's copy of an assignment: status, the score that counts, and their extensions."""

    __tablename__ = "assignment_students"
    __table_args__ = (
        UniqueConstraint("assignment_id", "student_id"),
        CheckConstraint(f"score {SCORE_RANGE}", name="score_range"),
        CheckConstraint("time_spent_seconds >= 0", name="time_spent_non_negative"),
        CheckConstraint("attempts_used >= 0", name="attempts_used_non_negative"),
        CheckConstraint("time_limit_override_minutes > 0", name="time_limit_override_positive"),
        Index("ix_assignment_students_assignment_id_status", "assignment_id", "status"),
        Index("ix_assignment_students_student_id_status", "student_id", "status"),
        # A student's "to do" list.
        Index(
            "ix_assignment_students_student_id_to_do",
            "student_id",
            postgresql_where=text("status <> 'submitted'"),
        ),
    )

    assignment_id: uuid.UUID = Field(foreign_key="assignments.id", ondelete="CASCADE")
    student_id: uuid.UUID = Field(foreign_key="students.id", ondelete="CASCADE")
    status: AssignmentStatus = Field(
        default=AssignmentStatus.NOT_STARTED,
        sa_type=pg_enum(AssignmentStatus, "assignment_status"),
        sa_column_kwargs={"server_default": AssignmentStatus.NOT_STARTED.value},
    )
    score: int | None = Field(default=None)
    time_spent_seconds: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})
    started_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    completed_at: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    # Submitted on time by the device's (skew-corrected) clock, but received after the due date.
    synced_late: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})
    due_at_override: datetime | None = Field(default=None, sa_type=TIMESTAMPTZ)
    time_limit_override_minutes: int | None = Field(default=None)
    attempts_used: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})
