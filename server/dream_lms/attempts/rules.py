"""The rules an op must meet before it changes an attempt (sync-protocol/PROTOCOL.md sections 7 and 11): its shape,
its answers, the device of its new events, and the attempt allowance. Each refusal raises `OpRejected`."""

import uuid
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.access import StudentAssignment
from dream_lms.attempts.merge import AttemptEvent, AttemptState
from dream_lms.attempts.models import Attempt, AttemptStatus
from dream_lms.attempts.schemas import OpIn
from dream_lms.books.models import Activity
from dream_lms.core.clock import hlc_key
from dream_lms.core.schemas import NUL_MESSAGE, contains_nul
from dream_lms.scoring import ActivityConfigInvalid, AnswersInvalid, score_activity


class OpRejected(Exception):
    """An op the server refuses (PROTOCOL.md section 11); it changes nothing."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error.get("loc", ())) or "op"
    return f"{where}: {error.get('msg', 'not valid')}"


def check_shape(op: OpIn, state: AttemptState) -> None:
    started, submitted, status = state["started"], state["submitted"], state["status"]
    if (status == "submitted") != (submitted is not None):
        raise OpRejected("invalid_op", "status: 'submitted' exactly when submitted is set")
    if status == "in_progress" and started is None:
        raise OpRejected("invalid_op", "status: 'in_progress' needs started")
    if status == "not_started" and started is not None:
        raise OpRejected("invalid_op", "status: a started attempt is 'in_progress' or 'submitted'")
    if submitted is None and state["answers_not_submitted"]:
        raise OpRejected("invalid_op", "answers_not_submitted: only in submitted attempts")
    kind, client_score = op["kind"], op.get("client_score")
    if kind == "start_attempt" and (status != "in_progress" or started is None or submitted is not None):
        raise OpRejected("kind_mismatch", "start_attempt needs an in-progress state with started set")
    if kind == "save_progress" and submitted is not None:
        raise OpRejected("kind_mismatch", "save_progress needs a state that is not submitted")
    if kind == "submit_attempt" and (status != "submitted" or submitted is None):
        raise OpRejected("kind_mismatch", "submit_attempt needs a submitted state")
    if client_score is not None and kind != "submit_attempt":
        raise OpRejected("invalid_op", "client_score: only on submit_attempt")


class AnswerChecker:
    """Checks answers against their activities, loading the assignment's activities once and checking each distinct
    answer once (consecutive ops of one attempt repeat most of their answers)."""

    def __init__(self, session: AsyncSession, sa: StudentAssignment) -> None:
        self._session = session
        self._activity_ids = sa.activity_ids
        self._activities: dict[str, tuple[str, Any]] | None = None
        self._valid: dict[tuple[str, tuple[int, int, str]], dict[str, object]] = {}  # (activity, stamp) -> value

    async def check(self, state: AttemptState) -> None:
        entries = [*state["answers"].items(), *state["answers_not_submitted"].items()]
        if not entries:
            return
        activities = await self._load()
        unknown = sorted({activity for activity, _ in entries if activity not in activities})
        if unknown:
            raise OpRejected("invalid_op", f"answers.{unknown[0]}: not an activity of this assignment")
        for activity, entry in entries:
            key = (activity, hlc_key(entry["hlc"]))
            if self._valid.get(key) == entry["value"]:
                continue
            if contains_nul(entry["value"]):
                raise OpRejected("invalid_op", f"answers.{activity}.value: {NUL_MESSAGE}")
            activity_type, config = activities[activity]
            try:
                score_activity(activity_type, config, entry["value"])
            except AnswersInvalid as exc:
                raise OpRejected("invalid_op", f"answers.{activity}.value: {exc}") from exc
            except ActivityConfigInvalid:
                pass  # the activity itself cannot be scored: nothing to hold against the answers
            self._valid[key] = entry["value"]

    async def _load(self) -> dict[str, tuple[str, Any]]:
        if self._activities is None:
            rows = await self._session.execute(
                select(col(Activity.id), col(Activity.activity_type), col(Activity.config)).where(
                    col(Activity.id).in_(self._activity_ids)
                )
            )
            self._activities = {str(row[0]): (str(row[1]), row[2]) for row in rows}
        return self._activities


def event_key(event: AttemptEvent | None) -> tuple[int, int, str] | None:
    return (event["hlc"]["wall"], event["hlc"]["counter"], event["hlc"]["device"]) if event else None


def check_event_devices(device_id: uuid.UUID, state: AttemptState, stored: AttemptState | None) -> None:
    pairs: list[tuple[str, AttemptEvent | None, AttemptEvent | None]] = [
        ("started", state["started"], stored["started"] if stored else None),
        ("submitted", state["submitted"], stored["submitted"] if stored else None),
    ]
    for name, event, known in pairs:
        if event is None or event["hlc"]["device"] == str(device_id):
            continue
        # Only an event that would replace the stored one (the earliest wins) needs this push's skew. A later one is
        # from a state relayed after an older pull, and the merge leaves it aside: refusing it would refuse answers.
        if known is None or hlc_key(event["hlc"]) < hlc_key(known["hlc"]):
            raise OpRejected("event_device_mismatch", f"{name}: a new event must come from the device that made it")


async def check_new_attempt(session: AsyncSession, sa: StudentAssignment, number: int) -> None:
    if number > sa.max_attempts:
        raise OpRejected(
            "attempts_exhausted", f"attempt {number} is beyond the {sa.max_attempts} allowed for this assignment"
        )
    if number > 1:
        previous = await session.scalar(
            select(col(Attempt.status)).where(
                col(Attempt.assignment_student_id) == sa.assignment_student_id,
                col(Attempt.attempt_number) == number - 1,
            )
        )
        if previous != AttemptStatus.SUBMITTED:
            raise OpRejected("attempts_exhausted", f"attempt {number - 1} must be submitted before attempt {number}")
