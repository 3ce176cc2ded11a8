"""Per-activity and per-item correctness of an assignment, from the server-scored attempts.

Each student counts once: its latest submitted attempt that the server has scored (`item_results` set).
`item_results[activity_id]` is the scoring module's result of that activity: `{"score", "items": [{"index",
"correct"}], ...}` (a bare list of items is accepted too). The student's answer to an item is read from
`answers[activity_id]["value"]` (an attempt state's answer entry) by the activity type's answer format
(sync-protocol/schemas/answers.schema.json), so the most common wrong answers can be listed. An activity the
student left blank has no items in its result; it scored 0, so each of its items (known from the activity's config)
counts as wrong, with no answer (None).
"""

import uuid
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.access import targeted_student_ids
from dream_lms.assignments.models import AssignmentStudent, Attempt, AttemptStatus
from dream_lms.assignments.schemas import (
    ActivityAnalytics,
    AssignmentActivityOut,
    AssignmentAnalytics,
    ItemAnalytics,
    WrongAnswer,
)
from dream_lms.assignments.service import activities_of, own_assignment
from dream_lms.auth.tokens import Principal
from dream_lms.books.models import Activity
from dream_lms.scoring import ActivityConfigInvalid, scored_items

TOP_WRONG_ANSWERS = 3
_KEYED_ANSWERS = ("placements", "matches", "blanks")


def _items(result: Any) -> list[tuple[int, bool]]:
    items = result.get("items") if isinstance(result, dict) else result
    if not isinstance(items, list):
        return []
    parsed = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("index"), int) and isinstance(item.get("correct"), bool):
            parsed.append((item["index"], item["correct"]))
    return parsed


def item_answer(answers: Any, index: int) -> Any:
    """What the student answered for one item: the word/text placed or typed (None when left empty), or for
    selections whether the option was picked. None when the format has no per-item answer (word search)."""
    if isinstance(answers, dict) and "value" in answers:  # an attempt state's answer entry
        answers = answers["value"]
    if not isinstance(answers, dict):
        return None
    for key in _KEYED_ANSWERS:
        if isinstance(answers.get(key), dict):
            value = answers[key].get(str(index))
            return value.strip() if isinstance(value, str) and value.strip() else None
    if isinstance(answers.get("selected"), list):
        return "selected" if index in answers["selected"] else "not selected"
    return None


def _rate(correct: int, total: int) -> float | None:
    return round(correct / total, 4) if total else None


async def get_analytics(session: AsyncSession, teacher: Principal, assignment_id: uuid.UUID) -> AssignmentAnalytics:
    assignment = await own_assignment(session, teacher, assignment_id)
    student_ids = await targeted_student_ids(session, assignment.id)
    attempts: list[Attempt] = []
    if student_ids:
        attempts = list(
            await session.scalars(
                select(Attempt)
                .join(AssignmentStudent, col(AssignmentStudent.id) == col(Attempt.assignment_student_id))
                .where(
                    col(AssignmentStudent.assignment_id) == assignment.id,
                    col(AssignmentStudent.student_id).in_(student_ids),
                    col(Attempt.status) == AttemptStatus.SUBMITTED,
                    col(Attempt.item_results).is_not(None),
                )
                .order_by(col(Attempt.assignment_student_id), col(Attempt.attempt_number).desc())
                .ext(distinct_on(col(Attempt.assignment_student_id)))
            )
        )
    activities = (await activities_of(session, [assignment.id])).get(assignment.id, [])
    blank = await _blank_items(session, activities, attempts)
    out = [_activity_analytics(activity, attempts, blank.get(activity.activity_id, [])) for activity in activities]
    scored = [attempt.score for attempt in attempts if attempt.score is not None]
    return AssignmentAnalytics(
        assignment_id=assignment.id,
        targeted=len(student_ids),
        submitted=len(attempts),
        average_score=round(sum(scored) / len(scored), 1) if scored else None,
        activities=out,
    )


async def _blank_items(
    session: AsyncSession, activities: list[AssignmentActivityOut], attempts: list[Attempt]
) -> dict[uuid.UUID, list[int]]:
    """The item indexes of each activity that some counted attempt has no item results for, from the activity's
    config (an activity left blank is stored as `{"score": 0, "answered": false, "items": []}`)."""
    keys = {str(activity.activity_id) for activity in activities}
    without_items = {
        uuid.UUID(key)
        for attempt in attempts
        for key, result in (attempt.item_results or {}).items()
        if key in keys and not _items(result)
    }
    if not without_items:
        return {}
    rows = await session.execute(
        select(col(Activity.id), col(Activity.activity_type), col(Activity.config)).where(
            col(Activity.id).in_(without_items)
        )
    )
    indexes: dict[uuid.UUID, list[int]] = {}
    for activity_id, activity_type, config in rows:
        try:
            indexes[activity_id] = scored_items(activity_type.value, config)
        except ActivityConfigInvalid:
            indexes[activity_id] = []  # unscorable: it has no items to list
    return indexes


def _activity_analytics(
    activity: AssignmentActivityOut, attempts: list[Attempt], blank_items: list[int]
) -> ActivityAnalytics:
    key = str(activity.activity_id)
    scores: list[int] = []
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])  # index -> [answered, correct]
    wrong: dict[int, Counter[str]] = defaultdict(Counter)
    wrong_values: dict[str, Any] = {}
    counted = 0
    for attempt in attempts:
        result = (attempt.item_results or {}).get(key)
        if result is None:
            continue
        counted += 1
        if isinstance(result, dict) and isinstance(result.get("score"), int):
            scores.append(result["score"])
        answers = (attempt.answers or {}).get(key)
        items = _items(result)
        if not items:
            # Left blank (or answered after the time limit) scores 0: every item is wrong, with no answer counted.
            items, answers = [(index, False) for index in blank_items], None
        for index, correct in items:
            counts[index][0] += 1
            if correct:
                counts[index][1] += 1
                continue
            answer = item_answer(answers, index)
            label = repr(answer)
            wrong_values[label] = answer
            wrong[index][label] += 1
    item_analytics = [
        ItemAnalytics(
            index=index,
            answered=answered,
            correct=correct,
            correct_rate=_rate(correct, answered) or 0.0,
            common_wrong_answers=[
                WrongAnswer(answer=wrong_values[label], count=count)
                for label, count in sorted(wrong[index].items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_WRONG_ANSWERS]
            ],
        )
        for index, (answered, correct) in sorted(counts.items())
    ]
    total_answered = sum(item.answered for item in item_analytics)
    return ActivityAnalytics(
        activity_id=activity.activity_id,
        position=activity.position,
        activity_type=activity.activity_type,
        title=activity.title,
        attempts=counted,
        average_score=round(sum(scores) / len(scores), 1) if scores else None,
        correct_rate=_rate(sum(item.correct for item in item_analytics), total_answered),
        items=item_analytics,
    )
