"""The online start / save-progress / submit endpoints (the same attempt service as sync push), attempt limits,
and re-scoring by a real arq worker in burst mode (a tampered client score never counts)."""

import uuid
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.models import AssignmentStudent
from dream_lms.attempts.jobs import rescore
from dream_lms.attempts.models import Attempt
from tests.attempts.helpers import make_setup


async def test_start_save_submit_and_attempt_limit(client: httpx.AsyncClient, session: AsyncSession) -> None:
    setup = await make_setup(session, client, max_attempts=2)
    base = f"/api/v1/assignments/{setup.assignment_id}"
    headers = setup.headers[0]
    started = await client.get(f"{base}/start", headers=headers)
    assert started.status_code == 200, started.text
    data = started.json()["data"]
    assert [a["activity_id"] for a in data["activities"]] == setup.activity_ids
    assert data["attempt"]["state"]["status"] == "in_progress"
    # Starting again opens the same attempt.
    again = (await client.get(f"{base}/start", headers=headers)).json()["data"]
    assert again["attempt"]["state"]["attempt_id"] == data["attempt"]["state"]["attempt_id"]
    saved = await client.post(
        f"{base}/save-progress",
        headers=headers,
        json={"answers": {setup.activity_ids[0]: {"blanks": {"0": "cat"}}}, "time_spent_seconds": 30},
    )
    assert saved.status_code == 200, saved.text
    bad = await client.post(
        f"{base}/save-progress", headers=headers, json={"answers": {setup.activity_ids[2]: {"nope": 1}}}
    )
    assert bad.status_code == 400
    submitted = await client.post(
        f"{base}/submit",
        headers=headers,
        json={"answers": {setup.activity_ids[2]: {"selected": [1]}}, "client_score": 100},
    )
    assert submitted.status_code == 200, submitted.text
    attempt = submitted.json()["data"]
    assert attempt["state"]["status"] == "submitted" and attempt["score"] is None
    assert set(attempt["state"]["answers"]) == {setup.activity_ids[0], setup.activity_ids[2]}
    assert (await client.post(f"{base}/submit", headers=headers, json={})).status_code == 409

    # The server's score: blanks 1 of 2 right (50), nothing for activity 1 (0), the wrong circle (0) -> 17.
    score, _ = await rescore(session, uuid.UUID(attempt["state"]["attempt_id"]), grace_ms=30_000)
    assert score == 17
    row = (
        await session.execute(
            select(AssignmentStudent).where(col(AssignmentStudent.student_id) == setup.students[0].profile_id)
        )
    ).scalar_one()
    await session.refresh(row)
    assert row.score == 17 and row.status == "submitted" and row.time_spent_seconds == 30
    stored = await session.get(Attempt, uuid.UUID(attempt["state"]["attempt_id"]), populate_existing=True)
    assert stored is not None and stored.client_score == 100 and stored.needs_rescore is False

    second = await client.get(f"{base}/start", headers=headers)
    assert second.status_code == 200 and second.json()["data"]["attempt"]["state"]["attempt_number"] == 2
    assert (await client.post(f"{base}/submit", headers=headers, json={})).status_code == 200
    exhausted = await client.get(f"{base}/start", headers=headers)
    assert exhausted.status_code == 409
    assert "all 2 attempt" in exhausted.json()["error"]["message"]


async def test_other_students_and_roles_cannot_start(client: httpx.AsyncClient, session: AsyncSession) -> None:
    setup = await make_setup(session, client, students=1)
    elsewhere = await make_setup(session, client, students=1)
    response = await client.get(f"/api/v1/assignments/{elsewhere.assignment_id}/start", headers=setup.headers[0])
    assert response.status_code == 404
    response = await client.post(f"/api/v1/assignments/{setup.assignment_id}/submit", headers=setup.headers[0], json={})
    assert response.status_code == 409  # nothing started


async def test_answers_changed_after_the_time_limit_do_not_count(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    setup = await make_setup(session, client, time_limit_minutes=20)
    base, headers = f"/api/v1/assignments/{setup.assignment_id}", setup.headers[0]
    attempt_id = uuid.UUID(
        (await client.get(f"{base}/start", headers=headers)).json()["data"]["attempt"]["state"]["attempt_id"]
    )
    on_time, late = setup.activity_ids[0], setup.activity_ids[1]
    both_right = {"blanks": {"0": "cat", "1": "dog"}}
    saved = await client.post(f"{base}/save-progress", headers=headers, json={"answers": {on_time: both_right}})
    assert saved.status_code == 200, saved.text
    submitted = await client.post(f"{base}/submit", headers=headers, json={"answers": {late: both_right}})
    assert submitted.status_code == 200, submitted.text

    # Replay the clock: the attempt started 30 minutes ago; the first activity was answered 5 minutes in, the
    # second only now, ten minutes after the 20-minute limit (and its grace) ran out.
    attempt = await session.get(Attempt, attempt_id, populate_existing=True)
    assert attempt is not None and attempt.started_at is not None
    started = datetime.now(UTC) - timedelta(minutes=30)
    answers = dict(attempt.answers)
    answers[on_time] = {
        **answers[on_time],
        "hlc": {**answers[on_time]["hlc"], "wall": int(started.timestamp() * 1000) + 300_000},
    }
    await session.execute(
        update(Attempt).where(col(Attempt.id) == attempt_id).values(started_at=started, answers=answers)
    )

    score, _ = await rescore(session, attempt_id, grace_ms=30_000)
    assert score == 33  # (100 + 0 + 0) / 3: the late activity counts 0, the unanswered circle 0
    stored = await session.get(Attempt, attempt_id, populate_existing=True)
    assert stored is not None
    assert stored.item_results[late]["after_time_limit"] is True
    assert stored.answers[late]["value"] == both_right  # kept for the teacher, not counted
    assert stored.item_results[on_time]["score"] == 100
