"""The demo's first assignment, so `make run` shows Dream LMS at work: the demo teacher gives Class 3B
"Welcome to Dream LMS" (one activity of each type of the first sample book) and student5 has already submitted it.

Both go through the real services (the assignment service's create, the attempt service's online submit), so student
rows, notifications, change feed entries and the worker's scoring follow as for real work. Idempotent; skipped
(never failing start-up) when the demo accounts or the sample book are missing.
"""

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.models import Assignment
from dream_lms.assignments.schemas import AssignmentCreate, Targets
from dream_lms.assignments.service import create_assignment, utc_now
from dream_lms.attempts.merge import AnswerEntry, AttemptState, attempt_id_for
from dream_lms.attempts.online import apply_online, online_device_id
from dream_lms.auth.service import find_user_by_login, principal_for
from dream_lms.auth.tokens import Principal
from dream_lms.books.models import Activity, ActivityType, Book
from dream_lms.books.samples import sample_books
from dream_lms.books.service import list_activities
from dream_lms.core.clock import now_ms
from dream_lms.core.errors import DreamError, NotFound
from dream_lms.demo import DEMO_CLASS
from dream_lms.orgs.models import SchoolClass
from dream_lms.orgs.profiles import profile_ids
from dream_lms.settings import get_settings
from dream_lms.sync.op_log import open_device_op_log

DEMO_ASSIGNMENT = "Welcome to Dream LMS"
DEMO_TEACHER = "teacher@dream.test"
DEMO_SUBMITTER = "student5"
_DUE_IN = timedelta(days=7)
_MAX_ACTIVITIES = 6
_WORK_MINUTES = 8  # how long student5 "worked" on it


async def seed_demo_assignment(session: AsyncSession) -> str:
    """Create the demo assignment unless the demo teacher already has one of that name; returns a line for the log."""
    teacher_user = await find_user_by_login(session, DEMO_TEACHER)
    if teacher_user is None:
        return "Demo assignment skipped: no demo teacher (run seed-demo first)."
    teacher = await principal_for(session, teacher_user, profile_ids)
    # Deleted ones count too: a demo assignment the teacher deleted stays deleted across restarts.
    if await session.scalar(
        select(col(Assignment.id)).where(
            col(Assignment.teacher_id) == teacher.profile_id, col(Assignment.name) == DEMO_ASSIGNMENT
        )
    ):
        return f"Demo assignment {DEMO_ASSIGNMENT!r} is already there."
    class_id = await session.scalar(
        select(col(SchoolClass.id)).where(
            col(SchoolClass.teacher_id) == teacher.profile_id, col(SchoolClass.name) == DEMO_CLASS
        )
    )
    book_id = await session.scalar(
        select(col(Book.id)).where(col(Book.dream_storage_id) == sample_books()[0].storage_id)
    )
    if class_id is None or book_id is None:
        return "Demo assignment skipped: the demo class or the first sample book is not in the database."
    try:
        activities = _one_of_each_type(await list_activities(session, teacher, book_id))
    except NotFound:
        return "Demo assignment skipped: the first sample book is not available to the demo teacher."
    if not activities:
        return "Demo assignment skipped: the first sample book has no activities."
    assignment = await create_assignment(
        session,
        teacher,
        AssignmentCreate(
            name=DEMO_ASSIGNMENT,
            instructions="A first look: one activity of each kind. Take your time!",
            book_id=book_id,
            activity_ids=[activity.id for activity in activities],
            targets=Targets(class_ids=[class_id]),
            due_at=utc_now() + _DUE_IN,
        ),
    )
    submitted = await _submit_as_demo_student(session, assignment.id, activities)
    return f"Demo assignment {DEMO_ASSIGNMENT!r} given to {DEMO_CLASS}; {submitted}"


def _one_of_each_type(activities: list[Activity]) -> list[Activity]:
    """The first activity of each type, in book order, at most `_MAX_ACTIVITIES`."""
    chosen: dict[ActivityType, Activity] = {}
    for activity in activities:
        chosen.setdefault(activity.activity_type, activity)
    return list(chosen.values())[:_MAX_ACTIVITIES]


def _right_answers(activity: Activity) -> dict[str, Any] | None:
    """Full marks for the types whose answer key is plain in the config; None leaves the activity unanswered (the word
    search's answer depends on the grid the player drew), which also gives the teacher a less than perfect score."""
    config = activity.config
    match activity.activity_type:
        case ActivityType.DRAG_DROP_PICTURE:
            return {"placements": {str(i): zone["text"] for i, zone in enumerate(config["answer"])}}
        case ActivityType.MATCH_THE_WORDS:
            return {"matches": {str(i): sentence["word"] for i, sentence in enumerate(config["sentences"])}}
        case ActivityType.CIRCLE | ActivityType.MARK_WITH_X:
            return {"selected": [i for i, option in enumerate(config["answer"]) if option.get("isCorrect") is True]}
        case ActivityType.FILL_SENTENCES_WITH_DOTS:
            return {"blanks": {str(i): sentence["word"] for i, sentence in enumerate(config["sentences"])}}
        case ActivityType.FILL_PICTURE:
            return {"blanks": {str(i): zone["text"] for i, zone in enumerate(config["answer"])}}
    return None


async def _submit_as_demo_student(session: AsyncSession, assignment_id: uuid.UUID, activities: list[Activity]) -> str:
    """student5 starts and submits the assignment online: one `submit_attempt` op of the student's online device,
    applied as the online endpoints apply theirs. The worker scores it (its start-up sweep picks up every attempt
    marked for re-scoring)."""
    user = await find_user_by_login(session, DEMO_SUBMITTER)
    if user is None:
        return f"{DEMO_SUBMITTER} not found, so no submission."
    student: Principal = await principal_for(session, user, profile_ids)
    assert student.profile_id is not None
    device = str(online_device_id(user.id))
    now = now_ms()
    started = now - _WORK_MINUTES * 60_000
    answers: dict[str, AnswerEntry] = {
        str(activity.id): {"value": value, "hlc": {"wall": now - 60_000, "counter": index, "device": device}}
        for index, activity in enumerate(activities)
        if (value := _right_answers(activity)) is not None
    }
    state: AttemptState = {
        "attempt_id": attempt_id_for(str(assignment_id), str(student.profile_id), 1),
        "assignment_id": str(assignment_id),
        "attempt_number": 1,
        "status": "submitted",
        "version_vector": {device: 1},
        "answers": answers,
        "answers_not_submitted": {},
        "time_spent": {device: _WORK_MINUTES * 60},
        "started": {"hlc": {"wall": started, "counter": 0, "device": device}, "device_time": started},
        "submitted": {"hlc": {"wall": now, "counter": 0, "device": device}, "device_time": now},
    }
    try:
        await apply_online(session, student, get_settings(), open_device_op_log, "submit_attempt", state, None)
    except DreamError as refused:
        return f"{DEMO_SUBMITTER}'s submission was refused: {refused.message}"
    return f"{DEMO_SUBMITTER} has submitted it ({len(answers)} of {len(activities)} activities answered)."
