"""Item analysis of an assignment, from attempts submitted through the API and scored by the server's scorer."""

import uuid
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.attempts.jobs import rescore
from dream_lms.books.models import Activity, ActivityType
from tests.assignments.helpers import World, assignment_body, data, join_class, make_world

API = "/api/v1/assignments"
FIND_WORDS_CONFIG = {"type": "puzzleFindWords", "words": ["CAT", "DOG", "BIRD"]}
# Two questions of two options: the right answers are option 0 of question 0 and option 1 of question 1.
GROUPED_CIRCLE_CONFIG = {
    "type": "circle",
    "circleCount": 2,
    "answer": [{"isCorrect": True}, {"isCorrect": False}, {"isCorrect": False}, {"isCorrect": True}],
}
# Free multi-select: each option is an item, right when picked exactly if correct.
FREE_MARK_CONFIG = {
    "type": "markwithx",
    "markCount": -1,
    "answer": [{"isCorrect": True}, {"isCorrect": False}, {"isCorrect": True}],
}


async def _find_words_activity(session: AsyncSession, world: World) -> Activity:
    return await _activity(session, world, ActivityType.PUZZLE_FIND_WORDS, FIND_WORDS_CONFIG, 9)


async def _activity(
    session: AsyncSession, world: World, activity_type: ActivityType, config: dict[str, Any], page: int
) -> Activity:
    activity = Activity(
        book_id=world.book.id,
        location_key=f"0/{page}/0",
        module_name="Module 1",
        page_number=page,
        section_index=0,
        order_index=page,
        activity_type=activity_type,
        title=f"Activity on page {page}",
        config=config,
        content_hash=uuid.uuid4().hex,
    )
    session.add(activity)
    await session.flush()
    return activity


async def _submit(
    client: httpx.AsyncClient, session: AsyncSession, headers: dict[str, str], assignment_id: str, answers: Any
) -> None:
    started = await client.get(f"{API}/{assignment_id}/start", headers=headers)
    assert started.status_code == 200, started.text
    attempt = data(await client.post(f"{API}/{assignment_id}/submit", headers=headers, json={"answers": answers}))
    score, _ = await rescore(session, uuid.UUID(attempt["state"]["attempt_id"]), grace_ms=30_000)
    assert score is not None


async def test_an_activity_left_blank_lists_its_items_as_wrong(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    world = await make_world(session, client, students=2)
    for student in world.students:
        await join_class(session, world.school_class, student)
    find_words = await _find_words_activity(session, world)
    activity_ids = [str(a.id) for a in [*world.activities, find_words]]
    circle, blanks, words = activity_ids
    created = data(
        await client.post(API, json=assignment_body(world, activity_ids=activity_ids), headers=world.teacher_headers),
        201,
    )
    # One student answers only the circle's first question (right); the other one blank of the picture (right) and
    # opens the word search without finding a word: everything else is left blank.
    await _submit(client, session, world.student_headers[0], created["id"], {circle: {"selected": [0]}})
    await _submit(
        client,
        session,
        world.student_headers[1],
        created["id"],
        {blanks: {"blanks": {"0": "cat"}}, words: {"seed": 7, "found": []}},
    )

    analytics = data(await client.get(f"{API}/{created['id']}/analytics", headers=world.teacher_headers))
    assert analytics["submitted"] == 2
    by_id = {activity["activity_id"]: activity for activity in analytics["activities"]}
    # Both students count on every item: a blank is a wrong answer, "no answer" (None).
    first, second = by_id[circle]["items"]
    assert first == _item(0, answered=2, correct=1, wrong=[{"answer": None, "count": 1}])
    assert (second["answered"], second["correct"]) == (2, 0)
    assert by_id[circle]["correct_rate"] == 0.25
    assert by_id[blanks]["items"] == [
        _item(0, answered=2, correct=1, wrong=[{"answer": None, "count": 1}]),
        _item(1, answered=2, correct=0, wrong=[{"answer": None, "count": 2}]),
    ]
    # The word search: one item per word, whether the attempt left it blank or found nothing.
    assert by_id[words]["attempts"] == 2 and by_id[words]["average_score"] == 0.0
    assert by_id[words]["correct_rate"] == 0.0
    assert by_id[words]["items"] == [
        _item(index, answered=2, correct=0, wrong=[{"answer": None, "count": 2}]) for index in range(3)
    ]


def _item(index: int, *, answered: int, correct: int, wrong: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "index": index,
        "answered": answered,
        "correct": correct,
        "correct_rate": round(correct / answered, 4),
        "common_wrong_answers": wrong,
    }


async def test_an_activity_nobody_answered_lists_every_item(client: httpx.AsyncClient, session: AsyncSession) -> None:
    world = await make_world(session, client, students=1)
    await join_class(session, world.school_class, world.students[0])
    find_words = await _find_words_activity(session, world)
    circle, words = str(world.activities[0].id), str(find_words.id)
    created = data(
        await client.post(
            API, json=assignment_body(world, activity_ids=[circle, words]), headers=world.teacher_headers
        ),
        201,
    )
    await _submit(client, session, world.student_headers[0], created["id"], {})

    analytics = data(await client.get(f"{API}/{created['id']}/analytics", headers=world.teacher_headers))
    for activity, count in zip(analytics["activities"], (2, 3), strict=True):
        assert activity["attempts"] == 1 and activity["average_score"] == 0.0 and activity["correct_rate"] == 0.0
        assert activity["items"] == [
            _item(index, answered=1, correct=0, wrong=[{"answer": None, "count": 1}]) for index in range(count)
        ]


async def test_a_selection_wrong_answer_is_the_option_picked_in_the_question(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    world = await make_world(session, client, students=2)
    for student in world.students:
        await join_class(session, world.school_class, student)
    grouped = await _activity(session, world, ActivityType.CIRCLE, GROUPED_CIRCLE_CONFIG, 10)
    free = await _activity(session, world, ActivityType.MARK_WITH_X, FREE_MARK_CONFIG, 11)
    circle, marks = str(grouped.id), str(free.id)
    created = data(
        await client.post(
            API, json=assignment_body(world, activity_ids=[circle, marks]), headers=world.teacher_headers
        ),
        201,
    )
    # Student 0: question 0 wrong (its option 1), question 1 right (option 3); marks 0 and 1, not 2.
    # Student 1: question 0 wrong too (option 1), nothing in question 1; marks nothing.
    await _submit(
        client,
        session,
        world.student_headers[0],
        created["id"],
        {circle: {"selected": [1, 3]}, marks: {"selected": [0, 1]}},
    )
    await _submit(
        client, session, world.student_headers[1], created["id"], {circle: {"selected": [1]}, marks: {"selected": []}}
    )

    analytics = data(await client.get(f"{API}/{created['id']}/analytics", headers=world.teacher_headers))
    by_id = {activity["activity_id"]: activity for activity in analytics["activities"]}
    # One item per question; a wrong answer is the position in the question of the option picked.
    assert by_id[circle]["items"] == [
        _item(0, answered=2, correct=0, wrong=[{"answer": 1, "count": 2}]),
        _item(1, answered=2, correct=1, wrong=[{"answer": None, "count": 1}]),
    ]
    # Free multi-select: one item per option, whether it was picked.
    assert by_id[marks]["items"] == [
        _item(0, answered=2, correct=1, wrong=[{"answer": "not selected", "count": 1}]),
        _item(1, answered=2, correct=1, wrong=[{"answer": "selected", "count": 1}]),
        _item(2, answered=2, correct=0, wrong=[{"answer": "not selected", "count": 2}]),
    ]


async def test_results_list_and_analytics_agree_on_the_counted_score(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    # Two submitted attempts, 80 then 60: the best one counts everywhere a score is shown (docs/scoring.md), even
    # though the latest attempt is the 60.
    world = await make_world(session, client, students=1)
    await join_class(session, world.school_class, world.students[0])
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    picture = await _activity(
        session, world, ActivityType.FILL_PICTURE, {"type": "fillpicture", "answer": [{"text": d} for d in days]}, 8
    )
    activity_id = str(picture.id)
    created = data(
        await client.post(API, json=assignment_body(world, activity_ids=[activity_id]), headers=world.teacher_headers),
        201,
    )
    four_right = {str(index): day for index, day in enumerate(days[:4])}
    three_right = {str(index): day for index, day in enumerate(days[:3])}
    for blanks in (four_right, three_right):
        await _submit(client, session, world.student_headers[0], created["id"], {activity_id: {"blanks": blanks}})

    results = data(await client.get(f"{API}/{created['id']}/results", headers=world.teacher_headers))
    (student,) = results["students"]
    assert (student["score"], student["attempts_used"], student["latest_attempt"]["score"]) == (80, 2, 60)
    listed = data(await client.get(API, headers=world.teacher_headers))
    (row,) = [item for item in listed if item["id"] == created["id"]]
    assert (row["stats"]["submitted"], row["stats"]["average_score"]) == (1, 80.0)
    analytics = data(await client.get(f"{API}/{created['id']}/analytics", headers=world.teacher_headers))
    assert (analytics["submitted"], analytics["average_score"]) == (1, 80.0)
    (activity,) = analytics["activities"]
    assert (activity["attempts"], activity["average_score"], activity["correct_rate"]) == (1, 80.0, 0.8)
    assert [item["correct"] for item in activity["items"]] == [1, 1, 1, 1, 0]
