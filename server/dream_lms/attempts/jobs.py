"""Worker jobs of attempts: the server's score (re-scoring submissions) and the debounced aggregate refresh.

The score that counts is computed here from the stored answers with `dream_lms.scoring`; a client-claimed score
that differs is logged. A submission is marked `needs_rescore` in the same transaction that stores it, and the
API enqueues `rescore_attempt` after the commit; when that enqueue fails (Redis down) or the job is lost, the
`sweep_rescores` cron (also run when a worker starts) scores every attempt still marked.

`refresh_assignment_aggregates` recomputes an assignment's summary (counts, average score, per-activity
correctness) into Redis for results and analytics; it is enqueued with a fixed job id and a delay, so a whole
class syncing at once triggers one refresh per assignment, not thirty.
"""

import json
import logging
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from arq.connections import ArqRedis
from arq.worker import func
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.access import student_assignment
from dream_lms.assignments.models import AssignmentStudent, Attempt, AttemptStatus
from dream_lms.assignments.notifications import notify_student_completed
from dream_lms.attempts.service import activities_of, refresh_student_row
from dream_lms.core.resources import Resources
from dream_lms.scoring import ActivityConfigInvalid, AnswersInvalid, blank_items, score_activity
from dream_lms.scoring.counted import answer_counts, answers_deadline_ms, attempt_score, counted_attempt
from dream_lms.settings import Settings

log = logging.getLogger(__name__)

RESCORE_JOB = "rescore_attempt"
REFRESH_JOB = "refresh_assignment_aggregates"
AGGREGATES_TTL_SECONDS = 30 * 24 * 3600


def aggregates_key(assignment_id: uuid.UUID) -> str:
    return f"assignments:aggregates:{assignment_id}"


def _rescore_job_id(attempt_id: uuid.UUID) -> str:
    # Unique per enqueue: a finished job's result would otherwise block a later re-score of the same attempt.
    return f"rescore:{attempt_id}:{uuid.uuid4().hex}"


async def enqueue_after_commit(
    redis: Redis, settings: Settings, rescore: Iterable[uuid.UUID], refresh: Iterable[uuid.UUID]
) -> None:
    """Enqueue the jobs a committed change needs. A failure only logs: the attempts stay marked `needs_rescore`
    (the sweep scores them) and aggregates refresh on the next change or the next sweep."""
    try:
        pool = ArqRedis(redis.connection_pool)
        for attempt_id in rescore:
            await pool.enqueue_job(RESCORE_JOB, str(attempt_id), _job_id=_rescore_job_id(attempt_id))
        for assignment_id in refresh:
            await enqueue_refresh(pool, settings, assignment_id)
    except (RedisError, OSError):
        log.warning("could not enqueue re-score/refresh jobs; the re-score sweep will pick them up", exc_info=True)


async def enqueue_refresh(pool: ArqRedis, settings: Settings, assignment_id: uuid.UUID) -> None:
    # arq refuses a second job with the id of one still queued: that is the debounce.
    await pool.enqueue_job(
        REFRESH_JOB,
        str(assignment_id),
        _job_id=f"refresh-aggregates:{assignment_id}",
        _defer_by=timedelta(seconds=settings.aggregates_debounce_seconds),
    )


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


async def compute_aggregates(session: AsyncSession, assignment_id: uuid.UUID) -> dict[str, Any]:
    rows = (
        (await session.execute(select(AssignmentStudent).where(col(AssignmentStudent.assignment_id) == assignment_id)))
        .scalars()
        .all()
    )
    scores = [row.score for row in rows if row.score is not None]
    by_status: dict[str, int] = {}
    for row in rows:
        by_status[row.status.value] = by_status.get(row.status.value, 0) + 1
    # Each student's counted attempt only (dream_lms.scoring.counted), like the results and the analytics.
    attempts = (
        await session.scalars(
            select(Attempt)
            .join(AssignmentStudent, col(AssignmentStudent.id) == col(Attempt.assignment_student_id))
            .where(col(AssignmentStudent.assignment_id) == assignment_id, col(Attempt.item_results).is_not(None))
        )
    ).all()
    by_student: dict[uuid.UUID, list[Attempt]] = {}
    for attempt in attempts:
        by_student.setdefault(attempt.assignment_student_id, []).append(attempt)
    counted = [counted_attempt(student_attempts) for student_attempts in by_student.values()]
    per_activity: dict[str, dict[str, int]] = {}
    for results in (attempt.item_results for attempt in counted if attempt is not None):
        for activity_id, result in (results or {}).items():
            totals = per_activity.setdefault(activity_id, {"items": 0, "correct": 0})
            for item in result.get("items", []):
                totals["items"] += 1
                totals["correct"] += int(bool(item.get("correct")))
    return {
        "assignment_id": str(assignment_id),
        "students": len(rows),
        "by_status": by_status,
        "scored": len(scores),
        "average_score": round(sum(scores) / len(scores), 1) if scores else None,
        "per_activity": per_activity,
        "refreshed_at": datetime.now(UTC).isoformat(),
    }


async def load_aggregates(redis: Redis, assignment_id: uuid.UUID) -> dict[str, Any] | None:
    """The last refreshed summary of an assignment, or None (not computed yet, or Redis unavailable)."""
    try:
        raw = await redis.get(aggregates_key(assignment_id))
    except RedisError:
        return None
    loaded: dict[str, Any] | None = json.loads(raw) if raw else None
    return loaded


# ---------------------------------------------------------------------------------------------------------------
# arq jobs (registered in dream_lms.worker)


async def rescore_attempt(ctx: dict[str, Any], attempt_id: str) -> int | None:
    resources: Resources = ctx["resources"]
    async with resources.sessionmaker() as session, session.begin():
        score, assignment_id = await rescore(session, uuid.UUID(attempt_id), resources.settings.time_limit_grace_ms)
    if assignment_id is not None:
        await enqueue_refresh(ArqRedis(resources.redis.connection_pool), resources.settings, assignment_id)
    return score


async def _refresh(ctx: dict[str, Any], assignment_id: str) -> dict[str, Any]:
    resources: Resources = ctx["resources"]
    async with resources.sessionmaker() as session, session.begin():
        aggregates = await compute_aggregates(session, uuid.UUID(assignment_id))
    await resources.redis.set(
        aggregates_key(uuid.UUID(assignment_id)), json.dumps(aggregates), ex=AGGREGATES_TTL_SECONDS
    )
    count: int = await resources.redis.incr(f"{aggregates_key(uuid.UUID(assignment_id))}:runs")
    aggregates["runs"] = count
    return aggregates


# keep_result=0: once a refresh ran, its job id is free again for the next change.
refresh_assignment_aggregates = func(_refresh, name=REFRESH_JOB, keep_result=0)


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
