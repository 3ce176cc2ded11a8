"""Per-activity and per-item correctness of an assignment, from the server-scored attempts.

Each student counts once: its counted attempt (dream_lms.scoring.counted: the best server score of its submitted
attempts, the one its assignment score shows), so these figures agree with the results and the assignment list.
`item_results[activity_id]` is the scoring module's result of that activity: `{"score", "items": [{"index",
"correct"}], ...}` (a bare list of items is accepted too). The student's answer to an item is read from
`answers[activity_id]["value"]` (an attempt state's answer entry) by the activity type's answer format
(sync-protocol/schemas/answers.schema.json), so the most common wrong answers can be listed. A selection
activity's items are its questions (circleCount/markCount options each; the answer is the 0-based position, in the
question, of the option picked, None for none) or, in free multi-select, its options ("selected" / "not selected").
An activity the student left blank has no items in its result; it scored 0, so each of its items (known from the
activity's config) counts as wrong, with no answer (None).
"""

import uuid
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.access import targeted_student_ids
from dream_lms.assignments.models import AssignmentStudent
from dream_lms.assignments.reads import activities_of, own_assignment
from dream_lms.assignments.schemas import (
    ActivityAnalytics,
    AssignmentActivityOut,
    AssignmentAnalytics,
    ItemAnalytics,
    WrongAnswer,
)
from dream_lms.attempts.models import Attempt, AttemptStatus
from dream_lms.auth.tokens import Principal
from dream_lms.books.models import Activity
from dream_lms.scoring import (
    FREE_MULTI_SELECT,
    ActivityConfigInvalid,
    blank_items,
    choice_group_size,
    question_options,
)
from dream_lms.scoring.counted import counted_attempt

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


def item_answer(activity_type: str, config: Any, answers: Any, index: int) -> Any:
    """What the student answered for one item: the word/text placed or typed (None when left empty); for a
    selection question the position of the option picked in it (None when none), in free multi-select whether
    the option was picked. None when the format has no per-item answer (word search)."""
    if isinstance(answers, dict) and "value" in answers:  # an attempt state's answer entry
        answers = answers["value"]
    if not isinstance(answers, dict):
        return None
    for key in _KEYED_ANSWERS:
        if isinstance(answers.get(key), dict):
            value = answers[key].get(str(index))
            return value.strip() if isinstance(value, str) and value.strip() else None
    if isinstance(answers.get("selected"), list):
        return _selection_answer(activity_type, config, answers["selected"], index)
    return None


def _selection_answer(activity_type: str, config: Any, selected: list[Any], index: int) -> Any:
    try:
        group_size = choice_group_size(activity_type, config)
    except ActivityConfigInvalid:
        return None  # unscorable now (the config changed after scoring): its items cannot be mapped to options
    if group_size is None:
        return None
    if group_size == FREE_MULTI_SELECT:
        return "selected" if index in selected else "not selected"
    options = question_options(index, group_size)
    picks = [option - options.start for option in selected if option in options]
    # A scored attempt has at most one pick per question (the scorer rejects more).
    return picks[0] if len(picks) == 1 else None


def _rate(correct: int, total: int) -> float | None:
    return round(correct / total, 4) if total else None


async def get_analytics(session: AsyncSession, teacher: Principal, assignment_id: uuid.UUID) -> AssignmentAnalytics:
    assignment = await own_assignment(session, teacher, assignment_id)
    student_ids = await targeted_student_ids(session, assignment.id)
    attempts: list[Attempt] = []
    if student_ids:
        submitted = list(
            await session.scalars(
                select(Attempt)
                .join(AssignmentStudent, col(AssignmentStudent.id) == col(Attempt.assignment_student_id))
                .where(
                    col(AssignmentStudent.assignment_id) == assignment.id,
                    col(AssignmentStudent.student_id).in_(student_ids),
                    col(Attempt.status) == AttemptStatus.SUBMITTED,
                    col(Attempt.item_results).is_not(None),
                )
                .order_by(col(Attempt.assignment_student_id), col(Attempt.attempt_number))
            )
        )
        by_student: dict[uuid.UUID, list[Attempt]] = defaultdict(list)
        for attempt in submitted:
            by_student[attempt.assignment_student_id].append(attempt)
        attempts = [counted for counted in map(counted_attempt, by_student.values()) if counted is not None]
    activities = (await activities_of(session, [assignment.id])).get(assignment.id, [])
    configs = await _configs(session, activities)
    out = [_activity_analytics(activity, configs.get(activity.activity_id), attempts) for activity in activities]
    scored = [attempt.score for attempt in attempts if attempt.score is not None]
    return AssignmentAnalytics(
        assignment_id=assignment.id,
        targeted=len(student_ids),
        submitted=len(attempts),
        average_score=round(sum(scored) / len(scored), 1) if scored else None,
        activities=out,
    )


async def _configs(session: AsyncSession, activities: list[AssignmentActivityOut]) -> dict[uuid.UUID, Any]:
    """Each activity's config: it tells the items of an activity left blank and a selection item's options."""
    if not activities:
        return {}
    rows = await session.execute(
        select(col(Activity.id), col(Activity.config)).where(
            col(Activity.id).in_([activity.activity_id for activity in activities])
        )
    )
    return {activity_id: config for activity_id, config in rows}


def _activity_analytics(activity: AssignmentActivityOut, config: Any, attempts: list[Attempt]) -> ActivityAnalytics:
    key = str(activity.activity_id)
    activity_type = activity.activity_type.value
    blank: list[int] | None = None  # the items of the activity left blank, found on its first blank attempt
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
            if blank is None:
                blank = blank_items(activity_type, config)
            items, answers = [(index, False) for index in blank], None
        for index, correct in items:
            counts[index][0] += 1
            if correct:
                counts[index][1] += 1
                continue
            answer = item_answer(activity_type, config, answers, index)
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
