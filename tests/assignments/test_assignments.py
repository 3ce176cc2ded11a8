"""Assignments through the real API: targets, late joiners, extensions, due dates, scope, validation,
notifications, the change feed, results and analytics."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.access import student_assignment, targeted_student_ids
from dream_lms.assignments.membership import class_members_changed
from dream_lms.assignments.models import AssignmentStatus, AssignmentStudent
from dream_lms.attempts.models import Attempt, AttemptStatus
from dream_lms.auth.models import UserRole
from dream_lms.communication.models import Notification
from dream_lms.core.feed import ChangeFeedEntry, ChangeOp
from dream_lms.orgs.models import ClassStudent
from tests.assignments.helpers import World, add_student, assignment_body, data, join_class, make_world
from tests.attempts.helpers import DEVICE_A, DEVICE_B, answer, make_setup, new_state, now_ms, op, push, submit
from tests.factories import bearer, login, make_account

API = "/api/v1/assignments"
MINE = "/api/v1/students/me/assignments"


async def _create(client: httpx.AsyncClient, world: World, **overrides: Any) -> dict[str, Any]:
    created: dict[str, Any] = data(
        await client.post(API, json=assignment_body(world, **overrides), headers=world.teacher_headers), 201
    )
    return created


async def _mine(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = data(await client.get(MINE, params=params, headers=headers))
    return items


async def test_create_with_class_and_student_targets(client: httpx.AsyncClient, session: AsyncSession) -> None:
    world = await make_world(session, client, students=3)
    in_class, direct, outsider = world.students
    await join_class(session, world.school_class, in_class)
    created = await _create(
        client,
        world,
        targets={"class_ids": [str(world.school_class.id)], "student_ids": [str(direct.profile_id)]},
    )
    assert [a["activity_id"] for a in created["activities"]] == [str(a.id) for a in world.activities]
    assert [a["position"] for a in created["activities"]] == [0, 1]
    assert created["targets"] == {"class_ids": [str(world.school_class.id)], "student_ids": [str(direct.profile_id)]}
    assert created["stats"]["targeted"] == 2 and created["stats"]["not_started"] == 2
    assert created["time_limit_minutes"] == 20 and created["max_attempts"] == 2

    assert [a["id"] for a in await _mine(client, world.student_headers[0])] == [created["id"]]
    assert [a["id"] for a in await _mine(client, world.student_headers[1])] == [created["id"]]
    assert await _mine(client, world.student_headers[2]) == []
    response = await client.get(f"{MINE}/{created['id']}", headers=world.student_headers[2])
    assert response.status_code == 404
    assert outsider.profile_id not in await targeted_student_ids(session, uuid.UUID(created["id"]))

    detail = data(await client.get(f"{MINE}/{created['id']}", headers=world.student_headers[0]))
    assert [a["activity_id"] for a in detail["activities"]] == [str(a.id) for a in world.activities]
    assert detail["attempts_left"] == 2 and detail["status"] == "not_started" and detail["latest_attempt"] is None

    listed = data(await client.get(API, headers=world.teacher_headers))
    assert [a["id"] for a in listed] == [created["id"]]
    assert data(await client.get(f"{API}/{created['id']}", headers=world.teacher_headers))["name"] == "Homework 1"


async def test_late_joiner_sees_the_assignment(client: httpx.AsyncClient, session: AsyncSession) -> None:
    world = await make_world(session, client, students=2)
    await join_class(session, world.school_class, world.students[0])
    created = await _create(client, world)
    assignment_id = uuid.UUID(created["id"])
    assert await _mine(client, world.student_headers[1]) == []

    await join_class(session, world.school_class, world.students[1])
    assert [a["id"] for a in await _mine(client, world.student_headers[1])] == [created["id"]]
    view = await student_assignment(session, world.students[1].profile_id, assignment_id)  # type: ignore[arg-type]
    assert view is not None and view.status == AssignmentStatus.NOT_STARTED and view.attempts_used == 0
    row = await session.scalar(
        select(AssignmentStudent).where(
            col(AssignmentStudent.assignment_id) == assignment_id,
            col(AssignmentStudent.student_id) == world.students[1].profile_id,
        )
    )
    assert row is not None and row.id == view.assignment_student_id
    results = data(await client.get(f"{API}/{assignment_id}/results", headers=world.teacher_headers))
    assert {r["student_id"] for r in results["students"]} == {str(s.profile_id) for s in world.students}


async def test_extensions_change_the_effective_due_date_and_time_limit(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    world = await make_world(session, client, students=2)
    for student in world.students:
        await join_class(session, world.school_class, student)
    due = datetime.now(UTC) - timedelta(hours=1)
    created = await _create(client, world, due_at=due.isoformat())
    later = datetime.now(UTC) + timedelta(hours=10)
    url = f"{API}/{created['id']}/students/{world.students[0].profile_id}/extension"
    extended = data(
        await client.put(
            url, json={"due_at": later.isoformat(), "time_limit_minutes": 45}, headers=world.teacher_headers
        )
    )
    assert extended["time_limit_minutes"] == 45 and extended["time_limit_extension_minutes"] == 45
    assert datetime.fromisoformat(extended["due_at"]) == later and extended["past_due"] is False

    mine = (await _mine(client, world.student_headers[0]))[0]
    assert mine["time_limit_minutes"] == 45 and mine["past_due"] is False and mine["due_soon"] is True
    other = (await _mine(client, world.student_headers[1]))[0]
    assert other["time_limit_minutes"] == 20 and other["past_due"] is True
    view = await student_assignment(session, world.students[0].profile_id, uuid.UUID(created["id"]))  # type: ignore[arg-type]
    assert view is not None and view.due_at == later and view.time_limit_minutes == 45

    # The student's own feed entry carries the effective values.
    entry = await session.scalar(
        select(ChangeFeedEntry)
        .where(
            col(ChangeFeedEntry.user_id) == world.students[0].user.id,
            col(ChangeFeedEntry.entity_type) == "assignment",
        )
        .order_by(col(ChangeFeedEntry.seq).desc())
        .limit(1)
    )
    assert entry is not None and entry.payload is not None and entry.payload["time_limit_minutes"] == 45

    # Only the time limit is cleared; the due date extension stays.
    cleared = data(await client.put(url, json={"time_limit_minutes": None}, headers=world.teacher_headers))
    assert cleared["time_limit_minutes"] == 20 and cleared["due_at_extension"] is not None

    response = await client.put(url, json={"time_limit_minutes": 0}, headers=world.teacher_headers)
    assert response.status_code == 400
    stranger, _ = await add_student(session, client, world.school, world.teacher)
    response = await client.put(
        f"{API}/{created['id']}/students/{stranger.profile_id}/extension",
        json={"time_limit_minutes": 5},
        headers=world.teacher_headers,
    )
    assert response.status_code == 404


async def test_status_filters_and_past_due(client: httpx.AsyncClient, session: AsyncSession) -> None:
    world = await make_world(session, client, students=1)
    await join_class(session, world.school_class, world.students[0])
    now = datetime.now(UTC)
    past = await _create(client, world, name="Past", due_at=(now - timedelta(days=1)).isoformat())
    soon = await _create(client, world, name="Soon", due_at=(now + timedelta(hours=5)).isoformat())
    later = await _create(client, world, name="Later", due_at=(now + timedelta(days=5)).isoformat())
    done = await _create(client, world, name="Done", due_at=(now - timedelta(days=2)).isoformat())
    headers = world.student_headers[0]
    row = await session.scalar(
        select(AssignmentStudent).where(col(AssignmentStudent.assignment_id) == uuid.UUID(done["id"]))
    )
    assert row is not None
    row.status, row.score, row.attempts_used = AssignmentStatus.SUBMITTED, 90, 1
    await session.flush()

    everything = await _mine(client, headers)
    assert [a["name"] for a in everything] == ["Past", "Soon", "Later", "Done"]
    by_name = {a["name"]: a for a in everything}
    assert by_name["Past"]["past_due"] is True and by_name["Done"]["past_due"] is False
    assert by_name["Done"]["score"] == 90 and by_name["Done"]["attempts_left"] == 1
    assert [a["id"] for a in await _mine(client, headers, past_due="true")] == [past["id"]]
    assert [a["id"] for a in await _mine(client, headers, due_soon="true")] == [soon["id"]]
    assert [a["id"] for a in await _mine(client, headers, status="done")] == [done["id"]]
    assert {a["id"] for a in await _mine(client, headers, status="todo")} == {past["id"], soon["id"], later["id"]}
    assert await _mine(client, headers, status="in_progress") == []
    assert (await client.get(MINE, params={"status": "nope"}, headers=headers)).status_code == 400


async def test_scope_of_each_role(client: httpx.AsyncClient, session: AsyncSession) -> None:
    world = await make_world(session, client, students=1)
    await join_class(session, world.school_class, world.students[0])
    created = await _create(client, world)
    url = f"{API}/{created['id']}"
    other_teacher = await make_account(session, UserRole.TEACHER, school=world.school)
    other_headers = bearer(await login(client, other_teacher.login))
    for method, path, body in [
        ("GET", url, None),
        ("PUT", url, {"name": "Mine now"}),
        ("DELETE", url, None),
        ("GET", f"{url}/results", None),
        ("GET", f"{url}/analytics", None),
        ("PUT", f"{url}/students/{world.students[0].profile_id}/extension", {"time_limit_minutes": 5}),
    ]:
        response = await client.request(method, path, json=body, headers=other_headers)
        assert response.status_code == 404, (method, path, response.text)
        response = await client.request(method, path, json=body, headers=world.student_headers[0])
        assert response.status_code == 403, (method, path, response.text)
    assert data(await client.get(API, headers=other_headers)) == []
    assert (await client.get(MINE, headers=world.teacher_headers)).status_code == 403

    # The other teacher cannot target this teacher's class either.
    response = await client.post(API, json=assignment_body(world), headers=other_headers)
    assert response.status_code == 400


async def test_validation(client: httpx.AsyncClient, session: AsyncSession) -> None:
    world = await make_world(session, client, students=1)
    await join_class(session, world.school_class, world.students[0])
    headers = world.teacher_headers
    cases: list[dict[str, Any]] = [
        {"activity_ids": [str(world.other_book_activity.id)]},
        {"activity_ids": [str(world.activities[0].id), str(world.activities[0].id)]},
        {"activity_ids": []},
        {"targets": {"class_ids": [], "student_ids": []}},
        {"targets": {"student_ids": [str(uuid.uuid4())]}},
        {"time_limit_minutes": 0},
        {"max_attempts": 0},
        {"name": "  "},
        {"book_id": str(uuid.uuid4())},
        {"due_at": "2030-01-01T10:00:00"},  # no time zone
    ]
    for overrides in cases:
        response = await client.post(API, json=assignment_body(world, **overrides), headers=headers)
        assert response.status_code == 400, (overrides, response.text)
        assert response.json()["error"]["code"] == "INVALID_INPUT"
    created = await _create(client, world)
    url = f"{API}/{created['id']}"
    for body in [
        {"targets": {"class_ids": []}},
        {"book_id": str(world.other_book_activity.book_id)},
        {"activity_ids": [str(world.other_book_activity.id)]},
        {"name": None},
    ]:
        response = await client.put(url, json=body, headers=headers)
        assert response.status_code == 400, (body, response.text)


async def test_update_delete_notifications_and_feed(client: httpx.AsyncClient, session: AsyncSession) -> None:
    world = await make_world(session, client, students=2)
    first, second = world.students
    await join_class(session, world.school_class, first)
    created = await _create(client, world)
    assignment_id = uuid.UUID(created["id"])

    notes = list(await session.scalars(select(Notification).where(col(Notification.user_id) == first.user.id)))
    assert [(n.type, n.data["assignment_id"]) for n in notes] == [("assignment_created", created["id"])]
    assert await session.scalar(select(Notification).where(col(Notification.user_id) == second.user.id)) is None

    async def feed(user_id: uuid.UUID) -> list[tuple[ChangeOp, dict[str, Any] | None]]:
        entries = await session.scalars(
            select(ChangeFeedEntry)
            .where(
                col(ChangeFeedEntry.user_id) == user_id,
                col(ChangeFeedEntry.entity_type) == "assignment",
                col(ChangeFeedEntry.entity_id) == assignment_id,
            )
            .order_by(col(ChangeFeedEntry.seq))
        )
        return [(e.op, e.payload) for e in entries]

    first_feed = await feed(first.user.id)
    assert [op for op, _ in first_feed] == [ChangeOp.UPSERT]
    payload = first_feed[0][1]
    assert payload is not None and payload["name"] == "Homework 1"
    assert [a["activity_id"] for a in payload["activities"]] == [str(a.id) for a in world.activities]
    assert [op for op, _ in await feed(world.teacher.user.id)] == [ChangeOp.UPSERT]

    # Retarget: the class goes, the second student comes; the first gets a tombstone and the second a notification.
    updated = data(
        await client.put(
            f"{API}/{assignment_id}",
            json={
                "name": "Homework 1b",
                "targets": {"student_ids": [str(second.profile_id)]},
                "activity_ids": [str(world.activities[1].id)],
            },
            headers=world.teacher_headers,
        )
    )
    assert updated["name"] == "Homework 1b" and [a["activity_id"] for a in updated["activities"]] == [
        str(world.activities[1].id)
    ]
    assert [op for op, _ in await feed(first.user.id)] == [ChangeOp.UPSERT, ChangeOp.DELETE]
    assert [op for op, _ in await feed(second.user.id)] == [ChangeOp.UPSERT]
    assert await _mine(client, world.student_headers[0]) == []
    second_notes = await session.scalars(select(Notification).where(col(Notification.user_id) == second.user.id))
    assert [n.type for n in second_notes] == ["assignment_created"]

    # Soft delete: gone for everyone, the student's row stays.
    assert (await client.delete(f"{API}/{assignment_id}", headers=world.teacher_headers)).status_code == 204
    assert (await client.get(f"{API}/{assignment_id}", headers=world.teacher_headers)).status_code == 404
    assert await _mine(client, world.student_headers[1]) == []
    assert [op for op, _ in await feed(second.user.id)] == [ChangeOp.UPSERT, ChangeOp.DELETE]
    assert await session.scalar(select(AssignmentStudent).where(col(AssignmentStudent.assignment_id) == assignment_id))
    assert await student_assignment(session, second.profile_id, assignment_id) is None  # type: ignore[arg-type]


async def _submitted_attempt(
    session: AsyncSession,
    assignment_id: uuid.UUID,
    student_id: uuid.UUID,
    answers: dict[str, Any],
    results: dict[str, Any],
    score: int,
) -> Attempt:
    row = await session.scalar(
        select(AssignmentStudent).where(
            col(AssignmentStudent.assignment_id) == assignment_id, col(AssignmentStudent.student_id) == student_id
        )
    )
    assert row is not None
    now = datetime.now(UTC)
    row.status, row.score, row.attempts_used, row.started_at, row.completed_at = (
        AssignmentStatus.SUBMITTED,
        score,
        1,
        now - timedelta(minutes=5),
        now,
    )
    row.time_spent_seconds = 300
    attempt = Attempt(
        assignment_student_id=row.id,
        attempt_number=1,
        status=AttemptStatus.SUBMITTED,
        answers={key: {"value": value, "hlc": "x"} for key, value in answers.items()},
        started_at=now - timedelta(minutes=5),
        submitted_at=now,
        server_received_at=now,
        score=score,
        item_results=results,
        scored_at=now,
    )
    session.add(attempt)
    await session.flush()
    return attempt


def _items(*correct: bool) -> dict[str, Any]:
    return {
        "score": round(100 * sum(correct) / len(correct)),
        "items": [{"index": i, "correct": c} for i, c in enumerate(correct)],
    }


async def test_results_and_analytics(client: httpx.AsyncClient, session: AsyncSession) -> None:
    world = await make_world(session, client, students=3)
    for student in world.students:
        await join_class(session, world.school_class, student)
    created = await _create(client, world)
    assignment_id = uuid.UUID(created["id"])
    circle, blanks = (str(a.id) for a in world.activities)
    await _submitted_attempt(
        session,
        assignment_id,
        world.students[0].profile_id,  # type: ignore[arg-type]
        {circle: {"selected": [0]}, blanks: {"blanks": {"0": "cat", "1": "dog"}}},
        {circle: _items(True, True, True), blanks: _items(True, True)},
        100,
    )
    await _submitted_attempt(
        session,
        assignment_id,
        world.students[1].profile_id,  # type: ignore[arg-type]
        {circle: {"selected": [1]}, blanks: {"blanks": {"0": "cow", "1": "dog"}}},
        {circle: _items(False, False, True), blanks: _items(False, True)},
        42,
    )

    results = data(await client.get(f"{API}/{assignment_id}/results", headers=world.teacher_headers))
    assert results["assignment"]["stats"] == {
        "targeted": 3,
        "not_started": 1,
        "in_progress": 0,
        "submitted": 2,
        "average_score": 71.0,
    }
    by_student = {r["student_id"]: r for r in results["students"]}
    top = by_student[str(world.students[0].profile_id)]
    assert top["status"] == "submitted" and top["score"] == 100 and top["time_spent_seconds"] == 300
    assert top["latest_attempt"]["answers"][blanks]["value"] == {"blanks": {"0": "cat", "1": "dog"}}
    assert top["completed_at"] is not None and top["synced_late"] is False and top["attempts_used"] == 1
    idle = by_student[str(world.students[2].profile_id)]
    assert idle["status"] == "not_started" and idle["latest_attempt"] is None and idle["score"] is None

    analytics = data(await client.get(f"{API}/{assignment_id}/analytics", headers=world.teacher_headers))
    assert analytics["targeted"] == 3 and analytics["submitted"] == 2 and analytics["average_score"] == 71.0
    first, second = analytics["activities"]
    assert first["activity_id"] == circle and first["attempts"] == 2 and first["correct_rate"] == round(4 / 6, 4)
    assert [item["correct_rate"] for item in first["items"]] == [0.5, 0.5, 1.0]
    # Question 0 of the circle (options 0 and 1): the wrong answer is its option 1.
    assert first["items"][0]["common_wrong_answers"] == [{"answer": 1, "count": 1}]
    assert second["activity_id"] == blanks and second["average_score"] == 75.0
    assert second["items"][0] == {
        "index": 0,
        "answered": 2,
        "correct": 1,
        "correct_rate": 0.5,
        "common_wrong_answers": [{"answer": "cow", "count": 1}],
    }

    # The student sees its own answers; the score and item results because the assignment shows answers.
    mine = data(await client.get(f"{MINE}/{assignment_id}", headers=world.student_headers[1]))
    assert mine["status"] == "submitted" and mine["score"] == 42
    assert mine["latest_attempt"]["item_results"][blanks]["items"][0] == {"index": 0, "correct": False}


async def test_class_membership_changes_notify_and_push(client: httpx.AsyncClient, session: AsyncSession) -> None:
    world = await make_world(session, client, students=2)
    stays, joins = world.students
    await join_class(session, world.school_class, stays)
    created = await _create(client, world)
    assignment_id = uuid.UUID(created["id"])

    await join_class(session, world.school_class, joins)
    await class_members_changed(session, world.school_class.id, added=[joins.profile_id])  # type: ignore[list-item]
    notes = list(await session.scalars(select(Notification).where(col(Notification.user_id) == joins.user.id)))
    assert [(n.type, n.data["assignment_id"]) for n in notes] == [("assignment_created", created["id"])]
    ops = await session.scalars(
        select(col(ChangeFeedEntry.op)).where(
            col(ChangeFeedEntry.user_id) == joins.user.id, col(ChangeFeedEntry.entity_id) == assignment_id
        )
    )
    assert list(ops) == [ChangeOp.UPSERT]
    # Called again (a retried request): no second notification.
    await class_members_changed(session, world.school_class.id, added=[joins.profile_id])  # type: ignore[list-item]
    again = await session.scalars(select(Notification).where(col(Notification.user_id) == joins.user.id))
    assert len(list(again)) == 1

    # Leaving without work: a tombstone; the assignment is gone from the student's list.
    await session.execute(
        delete(ClassStudent).where(
            col(ClassStudent.class_id) == world.school_class.id, col(ClassStudent.student_id) == stays.profile_id
        )
    )
    await class_members_changed(session, world.school_class.id, removed=[stays.profile_id])  # type: ignore[list-item]
    ops = await session.scalars(
        select(col(ChangeFeedEntry.op))
        .where(col(ChangeFeedEntry.user_id) == stays.user.id, col(ChangeFeedEntry.entity_id) == assignment_id)
        .order_by(col(ChangeFeedEntry.seq))
    )
    assert list(ops) == [ChangeOp.UPSERT, ChangeOp.DELETE]
    assert await _mine(client, world.student_headers[0]) == []


async def test_joining_a_class_through_the_api_notifies_and_pushes_its_assignments(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    world = await make_world(session, client, students=1)
    created = await _create(client, world)
    joiner = world.students[0]
    url = f"/api/v1/classes/{world.school_class.id}/students"
    added = await client.post(url, json={"student_ids": [str(joiner.profile_id)]}, headers=world.teacher_headers)
    assert added.status_code == 200, added.text

    notified = await session.scalars(
        select(Notification.type).where(col(Notification.user_id) == joiner.user.id)  # type: ignore[call-overload]
    )
    assert list(notified) == ["assignment_created"]
    pushed = await session.scalars(
        select(ChangeFeedEntry).where(
            col(ChangeFeedEntry.user_id) == joiner.user.id, col(ChangeFeedEntry.entity_id) == uuid.UUID(created["id"])
        )
    )
    assert [entry.op for entry in pushed] == [ChangeOp.UPSERT]

    removed = await client.delete(f"{url}/{joiner.profile_id}", headers=world.teacher_headers)
    assert removed.status_code == 204
    feed = await session.scalars(
        select(ChangeFeedEntry.op)  # type: ignore[call-overload]
        .where(
            col(ChangeFeedEntry.user_id) == joiner.user.id, col(ChangeFeedEntry.entity_id) == uuid.UUID(created["id"])
        )
        .order_by(col(ChangeFeedEntry.seq))
    )
    assert list(feed) == [ChangeOp.UPSERT, ChangeOp.DELETE]


async def test_results_show_answers_given_after_the_submission_apart(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    setup = await make_setup(session, client, students=1)
    counted, late = setup.activity_ids[0], setup.activity_ids[1]
    wall = now_ms() - 60_000
    start = new_state(setup, DEVICE_A, wall=wall)
    await push(client, setup.headers[0], DEVICE_A, [op("start_attempt", start)])
    # Device B has the started attempt but not the submission, and answers after device A submitted.
    on_b = answer(start, DEVICE_B, late, {"blanks": {"1": "dog"}}, wall + 40)
    on_a = submit(answer(start, DEVICE_A, counted, {"blanks": {"0": "cat"}}, wall + 10), DEVICE_A, wall + 30)
    await push(client, setup.headers[0], DEVICE_A, [op("submit_attempt", on_a)])
    await push(client, setup.headers[0], DEVICE_B, [op("save_progress", on_b)])

    teacher = bearer(await login(client, setup.teacher.login))
    results = data(await client.get(f"{API}/{setup.assignment_id}/results", headers=teacher))
    attempt = results["students"][0]["latest_attempt"]
    assert set(attempt["answers"]) == {counted}
    assert attempt["answers_not_submitted"] == {
        late: {"value": {"blanks": {"1": "dog"}}, "answered_at": _iso_ms(wall + 40)}
    }
    # The student's own view of the assignment does not carry them.
    mine = data(await client.get(f"{MINE}/{setup.assignment_id}", headers=setup.headers[0]))
    assert "answers_not_submitted" not in mine["latest_attempt"]


def _iso_ms(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat().replace("+00:00", "Z")


async def test_update_keeps_activities_students_answered(client: httpx.AsyncClient, session: AsyncSession) -> None:
    """Answers to an activity that left the assignment could never sync again, so the change is refused (409);
    activities nobody answered can still be removed or reordered, and the student's work keeps syncing."""
    setup = await make_setup(session, client, students=1)
    answered, unanswered, other = setup.activity_ids
    url = f"{API}/{setup.assignment_id}"
    teacher = bearer(await login(client, setup.teacher.login))
    wall = now_ms() - 60_000
    state = answer(new_state(setup, DEVICE_A, wall=wall), DEVICE_A, answered, {"blanks": {"0": "cat"}}, wall + 10)
    await push(client, setup.headers[0], DEVICE_A, [op("start_attempt", state)])

    response = await client.put(url, json={"activity_ids": [unanswered, other]}, headers=teacher)
    assert response.status_code == 409, response.text
    error = response.json()["error"]
    assert error["code"] == "CONFLICT"
    assert error["details"] == [{"field": "activity_ids", "message": "Students have already answered “Activity 0”."}]
    kept = data(await client.get(url, headers=teacher))
    assert [a["activity_id"] for a in kept["activities"]] == setup.activity_ids

    changed = data(await client.put(url, json={"activity_ids": [other, answered]}, headers=teacher))
    assert [a["activity_id"] for a in changed["activities"]] == [other, answered]
    later = answer(state, DEVICE_A, answered, {"blanks": {"0": "cat", "1": "dog"}}, wall + 20)
    pushed = await push(client, setup.headers[0], DEVICE_A, [op("save_progress", later)])
    assert pushed["results"][0]["outcome"] == "applied", pushed


async def _assignment_notes(session: AsyncSession, user_id: uuid.UUID) -> list[Notification]:
    return list(
        await session.scalars(
            select(Notification).where(
                col(Notification.user_id) == user_id, col(Notification.type) == "assignment_created"
            )
        )
    )


async def test_a_student_given_an_assignment_again_is_not_notified_again(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    world = await make_world(session, client, students=2)
    direct, member = world.students
    await join_class(session, world.school_class, member)
    created = await _create(
        client,
        world,
        targets={"class_ids": [str(world.school_class.id)], "student_ids": [str(direct.profile_id)]},
    )
    url = f"{API}/{created['id']}"
    # Read, so the check is "has one at all", not "has an unread one".
    (note,) = await _assignment_notes(session, direct.user.id)
    read = await client.post(f"/api/v1/notifications/{note.id}/read", headers=world.student_headers[0])
    assert read.status_code == 200, read.text

    # Removed from the targets, then given it again: still the one notification.
    only_class = {"class_ids": [str(world.school_class.id)], "student_ids": []}
    data(await client.put(url, json={"targets": only_class}, headers=world.teacher_headers))
    assert await _mine(client, world.student_headers[0]) == []
    both = {"class_ids": [str(world.school_class.id)], "student_ids": [str(direct.profile_id)]}
    data(await client.put(url, json={"targets": both}, headers=world.teacher_headers))
    assert [a["id"] for a in await _mine(client, world.student_headers[0])] == [created["id"]]
    assert [n.id for n in await _assignment_notes(session, direct.user.id)] == [note.id]

    # Editing what students already have (name, due date, a target that reaches them another way) notifies no one.
    edits: list[dict[str, Any]] = [
        {"name": "Homework 1b", "due_at": (datetime.now(UTC) + timedelta(days=3)).isoformat()},
        {"targets": {"class_ids": [], "student_ids": [str(direct.profile_id), str(member.profile_id)]}},
    ]
    for edit in edits:
        data(await client.put(url, json=edit, headers=world.teacher_headers))
    for student in world.students:
        assert len(await _assignment_notes(session, student.user.id)) == 1

    # Leaving the class and joining it again through the API: no second notification either.
    data(await client.put(url, json={"targets": only_class}, headers=world.teacher_headers))
    members = f"/api/v1/classes/{world.school_class.id}/students"
    removed = await client.delete(f"{members}/{member.profile_id}", headers=world.teacher_headers)
    assert removed.status_code == 204, removed.text
    assert await _mine(client, world.student_headers[1]) == []
    added = await client.post(members, json={"student_ids": [str(member.profile_id)]}, headers=world.teacher_headers)
    assert added.status_code == 200, added.text
    assert [a["id"] for a in await _mine(client, world.student_headers[1])] == [created["id"]]
    assert len(await _assignment_notes(session, member.user.id)) == 1
