"""Push and pull through the real endpoints: the apply vectors, outcomes, rejections, replays and the feed."""

import json
import uuid
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.assignments.models import AssignmentStudent
from dream_lms.attempts.merge import attempt_id_for
from dream_lms.attempts.models import Attempt
from dream_lms.core.feed import ChangeFeedEntry
from tests.attempts.helpers import DEVICE_A, DEVICE_B, answer, make_setup, new_state, now_ms, op, push, submit

VECTORS = Path(__file__).resolve().parents[2] / "sync-protocol" / "vectors" / "sync"


def _remap(value: Any, mapping: dict[str, str]) -> Any:
    text = json.dumps(value)
    for old, new in mapping.items():
        text = text.replace(old, new)
    return json.loads(text)


def _pushing_device(incoming: dict[str, Any], stored: dict[str, Any] | None) -> str:
    # A new event must come from its own device (PROTOCOL.md 7.4); otherwise any device of the vector.
    for name in ("submitted", "started"):
        event = incoming[name]
        if event and (stored is None or stored[name] != event):
            device: str = event["hlc"]["device"]
            return device
    return sorted(incoming["version_vector"])[0]


async def test_apply_vectors_through_push(client: httpx.AsyncClient, session: AsyncSession) -> None:
    cases = json.loads((VECTORS / "apply.json").read_text())["cases"]
    setup = await make_setup(session, client, students=len(cases))
    for index, case in enumerate(cases):
        sample = case["pushes"][0]["incoming"]
        student_id = str(setup.students[index].profile_id)
        mapping = {
            sample["attempt_id"]: attempt_id_for(setup.assignment_id, student_id, sample["attempt_number"]),
            sample["assignment_id"]: setup.assignment_id,
            "aaaaaaaa-0000-4000-8000-000000000001": setup.activity_ids[0],
            "aaaaaaaa-0000-4000-8000-000000000002": setup.activity_ids[1],
        }
        stored = None
        for step in case["pushes"]:
            incoming = _remap(step["incoming"], mapping)
            kind = "submit_attempt" if incoming["submitted"] else "save_progress"
            data = await push(client, setup.headers[index], _pushing_device(incoming, stored), [op(kind, incoming)])
            assert data["results"][0]["outcome"] == step["outcome"], (case["name"], data["results"])
            assert data["attempts"] == [_remap(step["state"], mapping)], case["name"]
            stored = data["attempts"][0]


async def test_replay_returns_the_stored_result_and_changes_nothing(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    setup = await make_setup(session, client)
    wall = now_ms()
    state = new_state(setup, DEVICE_A, wall=wall)
    ops = [
        op("start_attempt", state),
        op("save_progress", answer(state, DEVICE_A, setup.activity_ids[0], {"blanks": {"0": "cat"}}, wall + 1)),
    ]
    first = await push(client, setup.headers[0], DEVICE_A, ops)
    assert [r["outcome"] for r in first["results"]] == ["applied", "applied"]
    again = await push(client, setup.headers[0], DEVICE_A, ops)
    assert [r | {"replayed": True} for r in first["results"]] == again["results"]
    assert again["attempts"] == first["attempts"]
    # The same op ids from another device are other ops (the op log is per device).
    rows = (await session.execute(select(Attempt))).scalars().all()
    assert len([row for row in rows if str(row.id) == state["attempt_id"]]) == 1


async def test_forged_attempt_is_rejected_and_the_rest_of_the_batch_applies(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    setup = await make_setup(session, client)
    wall = now_ms()
    other = new_state(setup, DEVICE_B, wall=wall, student=1)
    assert (await push(client, setup.headers[1], DEVICE_B, [op("start_attempt", other)]))["results"][0][
        "outcome"
    ] == "applied"
    forged = answer(other, DEVICE_A, setup.activity_ids[0], {"blanks": {"0": "dog"}}, wall + 5)
    mine = new_state(setup, DEVICE_A, wall=wall)
    bad_kind = op("submit_attempt", mine)
    unknown_activity = op("save_progress", answer(mine, DEVICE_A, str(uuid.uuid4()), {"blanks": {}}, wall + 2))
    data = await push(
        client,
        setup.headers[0],
        DEVICE_A,
        [op("save_progress", forged), bad_kind, unknown_activity, op("start_attempt", mine)],
    )
    codes = [r.get("error", {}).get("code") for r in data["results"]]
    assert codes == ["not_your_attempt", "kind_mismatch", "invalid_op", None]
    assert data["results"][3]["outcome"] == "applied"
    assert [a["attempt_id"] for a in data["attempts"]] == [mine["attempt_id"]]
    stored = await session.get(Attempt, uuid.UUID(other["attempt_id"]), populate_existing=True)
    assert stored is not None and stored.answers == {}


async def test_an_answer_holding_a_nul_character_is_refused_alone(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    setup = await make_setup(session, client)
    wall = now_ms()
    state = new_state(setup, DEVICE_A, wall=wall)
    nul = answer(state, DEVICE_A, setup.activity_ids[0], {"blanks": {"0": "c\u0000t"}}, wall + 1)
    literal = answer(state, DEVICE_A, setup.activity_ids[0], {"blanks": {"0": "c\\u0000t"}}, wall + 2)
    data = await push(
        client,
        setup.headers[0],
        DEVICE_A,
        [op("start_attempt", state), op("save_progress", nul), op("save_progress", literal)],
    )
    assert [r["outcome"] for r in data["results"]] == ["applied", "rejected", "applied"]
    assert data["results"][1]["error"]["code"] == "invalid_op"
    assert "NUL" in data["results"][1]["error"]["reason"]
    row = await session.get(Attempt, uuid.UUID(state["attempt_id"]), populate_existing=True)
    assert row is not None
    assert row.answers[setup.activity_ids[0]]["value"] == {"blanks": {"0": "c\\u0000t"}}  # the text, not a NUL


async def test_rejections_of_unknown_and_unassigned_assignments(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    setup = await make_setup(session, client)
    elsewhere = await make_setup(session, client, students=1)
    state = new_state(setup, DEVICE_A)
    missing = {**state, "assignment_id": str(uuid.uuid4())}
    not_mine = new_state(elsewhere, DEVICE_A)
    not_mine["attempt_id"] = attempt_id_for(elsewhere.assignment_id, setup.student_id, 1)
    wrong_id = {**state, "attempt_id": str(uuid.uuid4())}
    beyond = new_state(setup, DEVICE_A, number=2)
    foreign_event = new_state(setup, DEVICE_B)
    data = await push(
        client,
        setup.headers[0],
        DEVICE_A,
        [op("start_attempt", s) for s in (missing, not_mine, wrong_id, beyond, foreign_event)],
    )
    assert [r["error"]["code"] for r in data["results"]] == [
        "assignment_not_found",
        "not_assigned",
        "attempt_id_mismatch",
        "attempts_exhausted",
        "event_device_mismatch",
    ]


async def test_two_devices_merge_and_submission_is_a_snapshot(client: httpx.AsyncClient, session: AsyncSession) -> None:
    setup = await make_setup(session, client)
    wall = now_ms() - 60_000
    a = new_state(setup, DEVICE_A, wall=wall)
    await push(client, setup.headers[0], DEVICE_A, [op("start_attempt", a)])
    # Device B learns the state (as from a pull), then both edit offline.
    b = answer(a, DEVICE_B, setup.activity_ids[1], {"blanks": {"1": "dog"}}, wall + 20)
    a = answer(a, DEVICE_A, setup.activity_ids[0], {"blanks": {"0": "cat"}}, wall + 10)
    a = submit(a, DEVICE_A, wall + 30)
    first = await push(client, setup.headers[0], DEVICE_A, [op("submit_attempt", a, client_score=100)])
    assert first["results"][0]["outcome"] == "applied"
    second = await push(client, setup.headers[0], DEVICE_B, [op("save_progress", b)])
    assert second["results"][0]["outcome"] == "merged"
    merged = second["attempts"][0]
    assert set(merged["answers"]) == {setup.activity_ids[0]}
    assert set(merged["answers_not_submitted"]) == {setup.activity_ids[1]}  # kept, not counted
    assert merged["version_vector"] == {DEVICE_A: 3, DEVICE_B: 1}
    row = (
        await session.execute(
            select(AssignmentStudent).where(col(AssignmentStudent.student_id) == setup.students[0].profile_id)
        )
    ).scalar_one()
    assert row.status == "submitted" and row.attempts_used == 1


async def test_a_relayed_event_an_earlier_one_replaced_is_accepted(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    setup = await make_setup(session, client)
    device_c = str(uuid.uuid4())
    wall = now_ms() - 60_000
    started_by_b = (
        await push(client, setup.headers[0], DEVICE_B, [op("start_attempt", new_state(setup, DEVICE_B, wall=wall))])
    )["attempts"][0]
    # Device A learns B's start from a pull and works offline; device C had started the attempt earlier, offline.
    on_a = answer(started_by_b, DEVICE_A, setup.activity_ids[0], {"blanks": {"0": "cat"}}, wall + 50)
    on_a = submit(on_a, DEVICE_A, wall + 60)
    started_by_c = new_state(setup, device_c, wall=wall - 1_000)
    assert (await push(client, setup.headers[0], device_c, [op("start_attempt", started_by_c)]))["results"][0][
        "outcome"
    ] == "merged"
    # A's submission still carries B's start, which C's replaced: genuine work, applied (C's start stays).
    data = await push(client, setup.headers[0], DEVICE_A, [op("submit_attempt", on_a)])
    assert data["results"][0]["outcome"] == "merged", data["results"]
    state = data["attempts"][0]
    assert state["started"] == started_by_c["started"]
    assert state["submitted"] == on_a["submitted"]
    assert state["answers"][setup.activity_ids[0]]["value"] == {"blanks": {"0": "cat"}}
    # A start no one has stored, earlier than the stored one, is still refused from a device that did not make it.
    forged = {**on_a, "started": {"hlc": {**started_by_c["started"]["hlc"], "wall": wall - 5_000}, "device_time": 1}}
    forged["version_vector"] = {**forged["version_vector"], DEVICE_A: 9}
    refused = await push(
        client,
        setup.headers[0],
        DEVICE_A,
        [op("save_progress", {**forged, "status": "in_progress", "submitted": None})],
    )
    assert refused["results"][0]["error"]["code"] == "event_device_mismatch"


async def test_skew_corrected_submission_is_on_time_and_synced_late(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    from datetime import UTC, datetime, timedelta

    due = datetime.now(UTC) - timedelta(minutes=10)
    setup = await make_setup(session, client, due_at=due, time_limit_minutes=5)
    skew = 120_000  # the device clock runs two minutes fast
    device_due = int(due.timestamp() * 1000) + skew
    state = new_state(setup, DEVICE_A, wall=device_due - 8 * 60_000)  # started 8 minutes before the due date
    state = submit(state, DEVICE_A, device_due - 60_000)  # submitted a minute before it (device clock)
    data = await push(client, setup.headers[0], DEVICE_A, [op("submit_attempt", state)], client_time=now_ms() + skew)
    assert data["results"][0]["outcome"] == "applied"
    assert abs(data["clock_skew_ms"] - skew) < 5_000
    row = await session.get(Attempt, uuid.UUID(state["attempt_id"]), populate_existing=True)
    assert row is not None
    assert row.on_time is True and row.synced_late is True
    assert row.within_time_limit is False  # 7 minutes of a 5-minute limit (+30 s grace)
    assert row.needs_rescore is True


async def test_pull_returns_the_feed_in_pages_with_a_cursor(client: httpx.AsyncClient, session: AsyncSession) -> None:
    setup = await make_setup(session, client)
    wall = now_ms()
    state = new_state(setup, DEVICE_A, wall=wall)
    await push(client, setup.headers[0], DEVICE_A, [op("start_attempt", state)])
    state = answer(state, DEVICE_A, setup.activity_ids[0], {"blanks": {"0": "cat"}}, wall + 1)
    await push(client, setup.headers[0], DEVICE_A, [op("save_progress", state)])
    # In the test's one transaction every row is "still running" for the horizon; read it like a later pull.
    response = await client.post(
        "/api/v1/sync/pull", headers=setup.headers[0], json={"device_id": DEVICE_A, "cursor": "garbage!"}
    )
    assert response.status_code == 409 and response.json()["error"]["details"][0]["field"] == "cursor"
    response = await client.post(
        "/api/v1/sync/pull", headers=setup.headers[0], json={"device_id": DEVICE_A, "cursor": None, "limit": 1}
    )
    assert response.status_code == 200, response.text
    page = response.json()["data"]
    assert isinstance(page["cursor"], str) and isinstance(page["has_more"], bool)


async def test_a_batch_is_answered_op_by_op_as_if_applied_one_at_a_time(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    """Ops of two attempts interleaved, a bad op amid them, an op repeated and a stale one: attempts are taken in
    a fixed order (assignment, number), each op gets the outcome it would have had alone in that order, the bad op
    blocks nothing, and each changed attempt is written once."""
    setup = await make_setup(session, client, max_attempts=2)
    wall = now_ms() - 60_000
    first = new_state(setup, DEVICE_A, wall=wall)
    first_answered = answer(first, DEVICE_A, setup.activity_ids[0], {"blanks": {"0": "cat"}}, wall + 1)
    first_submitted = submit(first_answered, DEVICE_A, wall + 2)
    second = new_state(setup, DEVICE_A, wall=wall + 3, number=2)
    bad_answers = answer(second, DEVICE_A, setup.activity_ids[2], {"selected": "not a list"}, wall + 4)
    second_answered = answer(second, DEVICE_A, setup.activity_ids[1], {"blanks": {"0": "cow"}}, wall + 5)
    repeated = op("start_attempt", first)
    ops = [
        op("start_attempt", second),  # first in the batch, but attempt 1 is taken first and is submitted by then
        repeated,
        op("save_progress", first_answered),
        op("submit_attempt", first_submitted),
        op("save_progress", bad_answers),  # creates attempt 2, but its answers are not valid
        op("save_progress", second_answered),  # creates attempt 2
        repeated,
        op("save_progress", first_answered),  # stale: attempt 1 already holds this and more
    ]
    data = await push(client, setup.headers[0], DEVICE_A, ops)
    summary = [(r["outcome"], r.get("error", {}).get("code"), r.get("replayed", False)) for r in data["results"]]
    assert summary == [
        ("applied", None, False),
        ("applied", None, False),
        ("applied", None, False),
        ("applied", None, False),
        ("rejected", "invalid_op", False),
        ("applied", None, False),
        ("applied", None, True),
        ("duplicate", None, False),
    ]
    assert [a["attempt_id"] for a in data["attempts"]] == [first["attempt_id"], second["attempt_id"]]
    assert data["attempts"][0]["status"] == "submitted"
    assert data["attempts"][0]["answers"] == first_submitted["answers"]
    assert data["attempts"][1]["answers"] == second_answered["answers"]

    feed = await session.scalars(
        select(col(ChangeFeedEntry.entity_id)).where(
            col(ChangeFeedEntry.entity_type) == "attempt",
            col(ChangeFeedEntry.user_id) == setup.students[0].user.id,
        )
    )
    assert sorted(str(entity_id) for entity_id in feed) == sorted([first["attempt_id"], second["attempt_id"]])

    # The whole batch again: every op answered as before, from the op log.
    again = await push(client, setup.headers[0], DEVICE_A, ops)
    assert [(r["outcome"], r.get("error", {}).get("code")) for r in again["results"]] == [
        (outcome, code) for outcome, code, _ in summary
    ]
    assert all(r["replayed"] for r in again["results"])
