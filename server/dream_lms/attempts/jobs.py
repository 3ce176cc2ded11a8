"""Worker jobs of attempts: the server's score (re-scoring submissions).

The score that counts is computed here from the stored answers with `dream_lms.scoring`; a client-claimed score
that differs is logged. A submission is marked `needs_rescore` in the same transaction that stores it, and the
attempt service schedules `rescore_attempt` for after the commit (`dream_lms.core.jobs`); when that enqueue fails
(Redis down) or the job is lost, the `sweep_rescores` cron (also run when a worker starts) scores every attempt still
marked.
"""

import logging
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.access import student_assignment
from dream_lms.assignments.models import AssignmentStudent
from dream_lms.assignments.notifications import notify_student_completed
from dream_lms.attempts.models import Attempt, AttemptStatus
from dream_lms.attempts.progress import refresh_student_row
from dream_lms.attempts.states import activities_of
from dream_lms.core.resources import Resources
from dream_lms.scoring import ActivityConfigInvalid, AnswersInvalid, blank_items, score_activity
from dream_lms.scoring.counted import answer_counts, answers_deadline_ms, attempt_score

log = logging.getLogger(__name__)


def _all_wrong(activity_type: str, config: Any) -> list[dict[str, Any]]:
    """The items of an activity that scores 0 without being judged (left blank, or answered after the time limit), each
    wrong: the class's per-item figures count them, as a teacher expects."""
    return [{"index": index, "correct": False} for index in blank_items(activity_type, config)]


def _score_answers(
    activities: list[tuple[str, Any, Any]], answers: dict[str, Any], deadline_ms: int | None = None
) -> tuple[int, dict[str, Any]]:
    """The attempt's score (dream_lms.scoring.counted.attempt_score: the mean of its activities' scores, an
    unanswered activity scoring 0, round half up) and each activity's result.

    With a deadline (a time-limited attempt), an activity whose answers were last changed after time ran out scores 0
    and is marked `after_time_limit`: the answers stay stored and visible to the teacher, they just do not count.
    """
    results: dict[str, Any] = {}
    scores: list[int] = []
    for activity_id, activity_type, config in activities:
        entry = answers.get(activity_id)
        if entry is None:
            results[activity_id] = {"score": 0, "answered": False, "items": _all_wrong(activity_type, config)}
            scores.append(0)
            continue
        if not answer_counts(int(entry["hlc"]["wall"]), deadline_ms):
            items = _all_wrong(activity_type, config)
            results[activity_id] = {"score": 0, "answered": True, "after_time_limit": True, "items": items}
            scores.append(0)
            continue
        try:
            scored = score_activity(activity_type, config, entry["value"])
        except (AnswersInvalid, ActivityConfigInvalid) as exc:
            log.warning("activity %s cannot be scored: %s", activity_id, exc)
            results[activity_id] = {"score": 0, "answered": True, "error": str(exc), "items": []}
            scores.append(0)
            continue
        results[activity_id] = {
            "score": scored.score,
            "answered": True,
            "correct": scored.correct,
            "total": scored.total,
            "items": [{"index": item.index, "correct": item.correct} for item in scored.items],
        }
        scores.append(scored.score)
    return attempt_score(scores), results


def _deadline_ms(attempt: Attempt, time_limit_minutes: int | None, grace_ms: int) -> int | None:
    """When a time-limited attempt's answers stop counting (HLC walls are server-aligned): start + limit + grace."""
    if attempt.started_at is None:
        return None
    return answers_deadline_ms(int(attempt.started_at.timestamp() * 1000), time_limit_minutes, grace_ms)


async def rescore(session: AsyncSession, attempt_id: uuid.UUID, grace_ms: int) -> tuple[int | None, uuid.UUID | None]:
    """Score a submitted attempt from its stored answers; returns (score, assignment id), (None, None) if there is
    nothing to score. Runs in the caller's transaction. The time limit is enforced here, with `grace_ms` of grace."""
    # The student's row first, then the attempt: the order in which a sync push takes them, so the two never
    # deadlock (refresh_student_row below writes the student's row).
    await session.execute(
        select(col(AssignmentStudent.id))
        .where(
            col(AssignmentStudent.id)
            == select(col(Attempt.assignment_student_id)).where(col(Attempt.id) == attempt_id).scalar_subquery()
        )
        .with_for_update()
    )
    row = (
        await session.execute(
            select(Attempt, AssignmentStudent)
            .join(AssignmentStudent, col(AssignmentStudent.id) == col(Attempt.assignment_student_id))
            .where(col(Attempt.id) == attempt_id)
            .with_for_update(of=Attempt)
            .execution_options(populate_existing=True)
        )
    ).first()
    if row is None:
        return None, None
    attempt, student_row = row[0], row[1]
    if attempt.status != AttemptStatus.SUBMITTED:
        return None, None
    activities = [
        (str(activity.id), activity.activity_type.value, activity.config)
        for _, activity in await activities_of(session, student_row.assignment_id)
    ]
    sa = await student_assignment(session, student_row.student_id, student_row.assignment_id)
    deadline = _deadline_ms(attempt, sa.time_limit_minutes if sa else None, grace_ms)
    score, item_results = _score_answers(activities, attempt.answers, deadline)
    if attempt.client_score is not None and attempt.client_score != score:
        log.warning(
            "client-claimed score differs: attempt %s claimed %s, server scored %s",
            attempt_id,
            attempt.client_score,
            score,
        )
    first_scoring = attempt.scored_at is None
    await session.execute(
        update(Attempt)
        .where(col(Attempt.id) == attempt_id)
        .values(score=score, item_results=item_results, scored_at=datetime.now(UTC), needs_rescore=False)
    )
    await refresh_student_row(session, attempt.assignment_student_id)
    if first_scoring and sa is not None:
        await notify_student_completed(session, sa, score)
    return score, student_row.assignment_id


# ---------------------------------------------------------------------------------------------------------------
# arq jobs (registered in dream_lms.worker)


async def rescore_attempt(ctx: dict[str, Any], attempt_id: str) -> int | None:
    resources: Resources = ctx["resources"]
    async with resources.sessionmaker() as session, session.begin():
        score, _ = await rescore(session, uuid.UUID(attempt_id), resources.settings.time_limit_grace_ms)
    return score


async def sweep_rescores(ctx: dict[str, Any]) -> int:
    """Score every attempt still marked `needs_rescore` (its enqueue failed or its job was lost)."""
    resources: Resources = ctx["resources"]
    async with resources.sessionmaker() as session:
        pending = list(await session.scalars(select(col(Attempt.id)).where(col(Attempt.needs_rescore)).limit(500)))
    for attempt_id in pending:
        try:
            await rescore_attempt(ctx, str(attempt_id))
        except Exception:
            log.exception("re-score of attempt %s failed", attempt_id)
    return len(pending)
