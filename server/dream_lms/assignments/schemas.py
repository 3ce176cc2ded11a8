"""Request and response bodies of the assignment endpoints (teacher and student views)."""

import uuid
from datetime import datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AwareDatetime, BaseModel, Field, StringConstraints

from dream_lms.assignments.models import AssignmentStatus
from dream_lms.attempts.models import AttemptStatus
from dream_lms.books.models import ActivityType
from dream_lms.core.schemas import InputModel, Name, UpdateInput

Instructions = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)]
TimeLimit = Annotated[int, Field(ge=1, le=24 * 60, description="Minutes (1 to 1440)")]
MaxAttempts = Annotated[int, Field(ge=1, le=100)]
ActivityIds = Annotated[list[uuid.UUID], Field(min_length=1, max_length=200, description="In order; one book")]

StudentListStatus = Literal["todo", "in_progress", "done"]


class Targets(InputModel):
    """Whom an assignment is given to: the teacher's classes (also students who join later) and/or students."""

    student_ids: list[uuid.UUID] = Field(default_factory=list, max_length=1000)
    class_ids: list[uuid.UUID] = Field(default_factory=list, max_length=200)


class AssignmentCreate(InputModel):
    name: Name
    instructions: Instructions | None = None
    book_id: uuid.UUID
    activity_ids: ActivityIds
    targets: Targets
    due_at: AwareDatetime | None = None
    time_limit_minutes: TimeLimit | None = None
    show_answers: bool = True
    max_attempts: MaxAttempts = 1


class AssignmentUpdate(UpdateInput):
    """Only the fields sent change; `targets` and `activity_ids` replace the whole list. A new `book_id` needs
    `activity_ids` of that book."""

    required_fields: ClassVar[frozenset[str]] = frozenset(
        {"name", "book_id", "activity_ids", "targets", "show_answers", "max_attempts"}
    )

    name: Name | None = None
    instructions: Instructions | None = None
    book_id: uuid.UUID | None = None
    activity_ids: ActivityIds | None = None
    targets: Targets | None = None
    due_at: AwareDatetime | None = None
    time_limit_minutes: TimeLimit | None = None
    show_answers: bool | None = None
    max_attempts: MaxAttempts | None = None


class ExtensionIn(UpdateInput):
    """A student's own due date and/or time limit; only the fields sent change, `null` removes that extension."""

    due_at: AwareDatetime | None = None
    time_limit_minutes: TimeLimit | None = None


class AssignmentActivityOut(BaseModel):
    activity_id: uuid.UUID
    position: int
    activity_type: ActivityType
    title: str | None
    module_name: str
    page_number: int


class TargetsOut(BaseModel):
    student_ids: list[uuid.UUID]
    class_ids: list[uuid.UUID]


class CompletionStats(BaseModel):
    targeted: int
    not_started: int
    in_progress: int
    submitted: int
    average_score: float | None


class AssignmentOut(BaseModel):
    id: uuid.UUID
    teacher_id: uuid.UUID
    book_id: uuid.UUID
    book_title: str
    name: str
    instructions: str | None
    due_at: datetime | None
    time_limit_minutes: int | None
    show_answers: bool
    max_attempts: int
    activities: list[AssignmentActivityOut]
    targets: TargetsOut
    stats: CompletionStats
    created_at: datetime
    updated_at: datetime


class AttemptOut(BaseModel):
    id: uuid.UUID
    attempt_number: int
    status: AttemptStatus
    started_at: datetime
    submitted_at: datetime | None
    score: int | None
    synced_late: bool
    # Keyed by activity id (answers as in sync-protocol/schemas/answers.schema.json).
    answers: dict[str, Any] | None
    item_results: dict[str, Any] | None


class NotSubmittedAnswer(BaseModel):
    """One activity's answers given on another device after the counting submission (sync-protocol/PROTOCOL.md,
    "Merging"): kept and shown to the teacher, never scored."""

    value: dict[str, Any] = Field(description="The activity's answers (sync-protocol/schemas/answers.schema.json)")
    answered_at: datetime = Field(description="When they were given (the write's stamp, server-aligned)")


class ResultAttemptOut(AttemptOut):
    """An attempt as the teacher sees it in the results: also the answers that were given but not counted."""

    answers_not_submitted: dict[str, NotSubmittedAnswer] = Field(
        description="Keyed by activity id; answered on another device after submitting, not scored"
    )


class StudentResult(BaseModel):
    student_id: uuid.UUID
    user_id: uuid.UUID
    full_name: str
    status: AssignmentStatus
    past_due: bool
    score: int | None
    time_spent_seconds: int
    started_at: datetime | None
    completed_at: datetime | None
    synced_late: bool
    attempts_used: int
    due_at: datetime | None  # effective
    time_limit_minutes: int | None  # effective
    due_at_extension: datetime | None
    time_limit_extension_minutes: int | None
    latest_attempt: ResultAttemptOut | None


class AssignmentResults(BaseModel):
    assignment: AssignmentOut
    students: list[StudentResult]


class WrongAnswer(BaseModel):
    answer: Any
    count: int


class ItemAnalytics(BaseModel):
    index: int
    answered: int
    correct: int
    correct_rate: float
    common_wrong_answers: list[WrongAnswer]


class ActivityAnalytics(BaseModel):
    activity_id: uuid.UUID
    position: int
    activity_type: ActivityType
    title: str | None
    attempts: int  # scored attempts counted
    average_score: float | None
    correct_rate: float | None
    items: list[ItemAnalytics]


class AssignmentAnalytics(BaseModel):
    assignment_id: uuid.UUID
    targeted: int
    submitted: int
    average_score: float | None
    activities: list[ActivityAnalytics]


class StudentAssignmentOut(BaseModel):
    id: uuid.UUID
    name: str
    instructions: str | None
    book_id: uuid.UUID
    book_title: str
    teacher_name: str
    activity_count: int
    due_at: datetime | None  # effective (the student's extension if any)
    time_limit_minutes: int | None  # effective
    show_answers: bool
    max_attempts: int
    attempts_used: int
    attempts_left: int
    status: AssignmentStatus
    past_due: bool
    due_soon: bool
    score: int | None
    started_at: datetime | None
    completed_at: datetime | None
    created_at: datetime


class StudentAssignmentDetail(StudentAssignmentOut):
    activities: list[AssignmentActivityOut]
    # The latest attempt with the student's own answers; its score and per-item results only once submitted
    # and when the assignment shows answers after submission (the assignment's score above is always shown).
    # The latest attempt; its answers and per-item results only when the assignment shows answers after submission.
    latest_attempt: AttemptOut | None
