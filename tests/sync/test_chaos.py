"""Chaos with committed data: concurrent and duplicated batches of two devices, Redis down while pushing, a replay
after a committed push (what a client does when the response was lost), the pull horizon, and re-scoring by a
real arq worker in burst mode (a tampered client score never counts)."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlmodel import col

from dream_lms.app import create_app
from dream_lms.assignments.models import Assignment, AssignmentActivity, AssignmentTarget
from dream_lms.attempts.merge import attempt_id_for
from dream_lms.attempts.models import Attempt
from dream_lms.core.resources import Resources, open_resources
from dream_lms.settings import Settings
from dream_lms.worker import build_worker
from tests.attempts.helpers import DEVICE_A, DEVICE_B, Setup, answer, make_setup, new_state, now_ms, op, push, submit
from tests.factories import bearer, login
from tests.sync.feed_horizon import until_the_horizon_passes_the_feed


@pytest.fixture
async def world(committed_settings: Settings) -> AsyncIterator[tuple[Resources, httpx.AsyncClient, Setup]]:
    resources = open_resources(committed_settings)
    await resources.redis.flushdb()
    app = create_app(resources=resources)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
        async with resources.sessionmaker() as session, session.begin():
            setup = await make_setup(session, client, students=2, sign_in=False)
        setup.headers = [bearer(await login(client, account.login)) for account in setup.students]
        yield resources, client, setup
    await resources.close()


async def _stored(resources: Resources, attempt_id: str) -> Attempt:
    async with resources.sessionmaker() as session:
        row = await session.get(Attempt, uuid.UUID(attempt_id))
        assert row is not None
        return row


async def test_concurrent_duplicated_reordered_batches_lose_nothing(
    world: tuple[Resources, httpx.AsyncClient, Setup],
) -> None:
    resources, client, setup = world
    wall = now_ms() - 10_000
    start = new_state(setup, DEVICE_A, wall=wall)
    await push(client, setup.headers[0], DEVICE_A, [op("start_attempt", start)])
    # Each device answers a different activity, step by step; every step is its own op.
    a_ops, b_ops = [], []
    a, b = start, start
    for step in range(5):
        a = answer(a, DEVICE_A, setup.activity_ids[0], {"blanks": {"0": f"a{step}"}}, wall + 100 + step)
        b = answer(b, DEVICE_B, setup.activity_ids[1], {"blanks": {"1": f"b{step}"}}, wall + 200 + step)
        a_ops.append(op("save_progress", a))
        b_ops.append(op("save_progress", b))
    # Device A: batches reordered and duplicated; device B: a truncated batch then the whole one, concurrently.
    results = await asyncio.gather(
        push(client, setup.headers[0], DEVICE_A, list(reversed(a_ops))),
        push(client, setup.headers[0], DEVICE_B, b_ops[:2]),
        push(client, setup.headers[0], DEVICE_A, a_ops + a_ops[:2]),
        push(client, setup.headers[0], DEVICE_B, b_ops),
    )
    assert all(r["outcome"] != "rejected" for data in results for r in data["results"])
    stored = await _stored(resources, start["attempt_id"])
    assert stored.answers[setup.activity_ids[0]]["value"] == {"blanks": {"0": "a4"}}
    assert stored.answers[setup.activity_ids[1]]["value"] == {"blanks": {"1": "b4"}}
    assert stored.version_vector == {DEVICE_A: 6, DEVICE_B: 5}

    # The response was lost after the commit: the replay returns the stored results, identical.
    replay = await push(client, setup.headers[0], DEVICE_B, b_ops)
    assert [r["replayed"] for r in replay["results"]] == [True] * 5
    assert [r["outcome"] for r in replay["results"]] == [r["outcome"] for r in results[3]["results"]]
    assert replay["attempts"][0]["version_vector"] == {DEVICE_A: 6, DEVICE_B: 5}

    # Every change reached the student's feed, in order, across pages, with no gaps.
    await until_the_horizon_passes_the_feed(resources.sessionmaker)
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        response = await client.post(
            "/api/v1/sync/pull", headers=setup.headers[0], json={"device_id": DEVICE_A, "cursor": cursor, "limit": 3}
        )
        page = response.json()["data"]
        seen += page["changes"]
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    attempts = [c for c in seen if c["entity_type"] == "attempt"]
    assert attempts[-1]["payload"]["version_vector"] == {DEVICE_A: 6, DEVICE_B: 5}
    again = await client.post(
        "/api/v1/sync/pull", headers=setup.headers[0], json={"device_id": DEVICE_A, "cursor": cursor}
    )
    assert again.json()["data"]["changes"] == [] and again.json()["data"]["cursor"] == cursor


async def test_redis_down_while_pushing_then_the_worker_rescores(
    world: tuple[Resources, httpx.AsyncClient, Setup], committed_settings: Settings
) -> None:
    resources, _client, setup = world
    down = committed_settings.model_copy(update={"redis_url": "redis://127.0.0.1:9/0"})
    broken = open_resources(down)
    app = create_app(resources=broken)
    wall = now_ms() - 5_000
    state = new_state(setup, DEVICE_A, wall=wall)
    state = answer(state, DEVICE_A, setup.activity_ids[0], {"blanks": {"0": "cat", "1": "dog"}}, wall + 1)
    state = answer(state, DEVICE_A, setup.activity_ids[2], {"selected": [0]}, wall + 2)
    state = submit(state, DEVICE_A, wall + 3)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as offline:
        # Signing in needs no Redis for the token; the rate limiter fails open or the login is done earlier.
        data = await push(offline, setup.headers[0], DEVICE_A, [op("submit_attempt", state, client_score=3)])
    await broken.close()
    assert data["results"][0]["outcome"] == "applied"
    stored = await _stored(resources, state["attempt_id"])
    assert stored.needs_rescore is True and stored.score is None

    worker = build_worker(committed_settings)
    worker.burst = True
    try:
        await worker.main()
    finally:
        await worker.close()
    stored = await _stored(resources, state["attempt_id"])
    # Blanks 100, unanswered 0, circle 50 (one of its two questions) over three activities; the claim of 3 is ignored.
    assert stored.needs_rescore is False and stored.score == 50 and stored.client_score == 3
    async with resources.sessionmaker() as session:
        pending = list(await session.scalars(select(col(Attempt.id)).where(col(Attempt.needs_rescore))))
    assert pending == []


async def _second_assignment(resources: Resources, setup: Setup) -> str:
    """Another assignment of the same book for the first student."""
    async with resources.sessionmaker() as session, session.begin():
        first = await session.get(Assignment, uuid.UUID(setup.assignment_id))
        assert first is not None
        second = Assignment(teacher_id=first.teacher_id, book_id=first.book_id, name="Second homework")
        session.add(second)
        await session.flush()
        session.add_all(
            AssignmentActivity(assignment_id=second.id, activity_id=uuid.UUID(activity), position=position)
            for position, activity in enumerate(setup.activity_ids)
        )
        session.add(AssignmentTarget(assignment_id=second.id, student_id=setup.students[0].profile_id))
        return str(second.id)


async def test_two_devices_pushing_two_attempts_in_opposite_orders_never_deadlock(
    world: tuple[Resources, httpx.AsyncClient, Setup],
) -> None:
    """Two devices of one student push changes to two attempts at once, in opposite batch orders. The server takes
    attempts in a fixed order, so the pushes never deadlock (a deadlock victim's ops would come back
    `internal_error`), and every change arrives."""
    resources, client, setup = world
    other_assignment = await _second_assignment(resources, setup)
    wall = now_ms() - 10_000
    first = new_state(setup, DEVICE_A, wall=wall)
    second = {
        **new_state(setup, DEVICE_A, wall=wall),
        "assignment_id": other_assignment,
        "attempt_id": attempt_id_for(other_assignment, setup.student_id, 1),
    }
    await push(client, setup.headers[0], DEVICE_A, [op("start_attempt", first), op("start_attempt", second)])
    # Device A answers activity 1 of both attempts, device B activity 2, four times each; every change is an op.
    states = {(device, key): state for device in (DEVICE_A, DEVICE_B) for key, state in (("1", first), ("2", second))}
    pushes = []
    for step in range(4):
        batches: dict[str, list[dict[str, Any]]] = {DEVICE_A: [], DEVICE_B: []}
        for device, activity, value in ((DEVICE_A, 0, "a"), (DEVICE_B, 1, "b")):
            for key in ("1", "2"):
                changed = answer(
                    states[device, key],
                    device,
                    setup.activity_ids[activity],
                    {"blanks": {"0": f"{value}{step}"}},
                    wall + step,
                )
                states[device, key] = changed
                batches[device].append(op("save_progress", changed))
        pushes += [
            push(client, setup.headers[0], DEVICE_A, batches[DEVICE_A]),
            push(client, setup.headers[0], DEVICE_B, list(reversed(batches[DEVICE_B]))),
        ]
    answered = await asyncio.gather(*pushes)
    assert [r["outcome"] for data in answered for r in data["results"]].count("rejected") == 0

    for state in (first, second):
        stored = await _stored(resources, state["attempt_id"])
        assert stored.answers[setup.activity_ids[0]]["value"] == {"blanks": {"0": "a3"}}
        assert stored.answers[setup.activity_ids[1]]["value"] == {"blanks": {"0": "b3"}}
        assert stored.version_vector == {DEVICE_A: 5, DEVICE_B: 4}
