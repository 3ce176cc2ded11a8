"""Notifications through the real API: the caller's own only, newest first and paged, marking read (one or all)
idempotently, and each change published to the user's change feed for their other devices."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth.models import UserRole
from dream_lms.communication.models import Notification
from dream_lms.core.feed import ChangeFeedEntry
from tests.factories import Account, bearer, login, make_account

API = "/api/v1/notifications"
START = datetime(2030, 1, 1, 8, 0, tzinfo=UTC)


async def _signed_in(
    client: httpx.AsyncClient, session: AsyncSession, role: UserRole
) -> tuple[Account, dict[str, str]]:
    account = await make_account(session, role)
    return account, bearer(await login(client, account.login))


async def _notify(session: AsyncSession, account: Account, count: int, *, read: bool = False) -> list[Notification]:
    """`count` notifications one minute apart, oldest first."""
    rows = [
        Notification(
            user_id=account.user.id,
            type="assignment_created",
            title=f"New assignment {index}",
            data={"assignment_id": str(uuid.uuid4())},
            created_at=START + timedelta(minutes=index),
            read_at=START if read else None,
        )
        for index in range(count)
    ]
    session.add_all(rows)
    await session.flush()
    return rows


async def _feed(session: AsyncSession, account: Account) -> list[dict[str, Any] | None]:
    entries = await session.scalars(
        select(ChangeFeedEntry)
        .where(col(ChangeFeedEntry.user_id) == account.user.id, col(ChangeFeedEntry.entity_type) == "notification")
        .order_by(col(ChangeFeedEntry.seq))
    )
    return [entry.payload for entry in entries]


def _data(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()["data"]


def _error_code(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["success"] is False
    code: str = body["error"]["code"]
    return code


async def test_lists_only_own_newest_first_paged_and_unread(client: httpx.AsyncClient, session: AsyncSession) -> None:
    me, headers = await _signed_in(client, session, UserRole.STUDENT)
    other, _ = await _signed_in(client, session, UserRole.STUDENT)
    mine = await _notify(session, me, 3)
    await _notify(session, other, 2)
    mine[0].read_at = START
    await session.flush()

    first = await client.get(API, params={"per_page": 2}, headers=headers)
    assert [n["id"] for n in _data(first)] == [str(mine[2].id), str(mine[1].id)]
    assert first.json()["pagination"] == {
        "page": 1,
        "per_page": 2,
        "total": 3,
        "total_pages": 2,
        "next_page": 2,
        "prev_page": None,
    }
    second = _data(await client.get(API, params={"per_page": 2, "page": 2}, headers=headers))
    assert [n["id"] for n in second] == [str(mine[0].id)]
    assert second[0]["read_at"] is not None and second[0]["data"] == mine[0].data

    unread = await client.get(API, params={"unread": "true"}, headers=headers)
    assert [n["id"] for n in _data(unread)] == [str(mine[2].id), str(mine[1].id)]
    assert unread.json()["pagination"]["total"] == 2

    # Every role has a list, empty without notifications.
    _, teacher_headers = await _signed_in(client, session, UserRole.TEACHER)
    assert _data(await client.get(API, headers=teacher_headers)) == []


async def test_mark_read_is_idempotent_and_published_to_the_feed(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    me, headers = await _signed_in(client, session, UserRole.TEACHER)
    target, untouched = await _notify(session, me, 2)

    read = _data(await client.post(f"{API}/{target.id}/read", headers=headers))
    assert read["id"] == str(target.id) and read["read_at"] is not None
    again = _data(await client.post(f"{API}/{target.id}/read", headers=headers))
    assert again["read_at"] == read["read_at"]

    # One feed entry: the second call changed nothing, so the other devices have nothing new to learn.
    assert await _feed(session, me) == [read]
    listed = _data(await client.get(API, headers=headers))
    assert {n["id"]: n["read_at"] is not None for n in listed} == {str(target.id): True, str(untouched.id): False}


async def test_someone_elses_or_unknown_notification_is_not_found(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    owner, _ = await _signed_in(client, session, UserRole.STUDENT)
    _, intruder_headers = await _signed_in(client, session, UserRole.STUDENT)
    (foreign,) = await _notify(session, owner, 1)

    assert _error_code(await client.post(f"{API}/{foreign.id}/read", headers=intruder_headers), 404) == "NOT_FOUND"
    assert _error_code(await client.post(f"{API}/{uuid.uuid4()}/read", headers=intruder_headers), 404) == "NOT_FOUND"
    await session.refresh(foreign)
    assert foreign.read_at is None
    assert await _feed(session, owner) == []


async def test_bad_ids_and_bodies_get_the_error_envelope(client: httpx.AsyncClient, session: AsyncSession) -> None:
    _, headers = await _signed_in(client, session, UserRole.STUDENT)
    assert _error_code(await client.post(f"{API}/not-a-uuid/read", headers=headers), 400) == "INVALID_INPUT"
    assert _error_code(await client.get(API, params={"unread": "maybe"}, headers=headers), 400) == "INVALID_INPUT"
    assert _error_code(await client.get(API, params={"per_page": 0}, headers=headers), 400) == "INVALID_INPUT"
    bad_time = await client.post(f"{API}/read-all", json={"up_to": "yesterday"}, headers=headers)
    assert _error_code(bad_time, 400) == "INVALID_INPUT"
    assert (
        _error_code(await client.post(f"{API}/read-all", json={"all": True}, headers=headers), 400) == "INVALID_INPUT"
    )
    assert _error_code(await client.get(API), 401) == "UNAUTHORIZED"


async def test_read_all_marks_own_unread_up_to_a_time_idempotently(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    me, headers = await _signed_in(client, session, UserRole.STUDENT)
    other, _ = await _signed_in(client, session, UserRole.STUDENT)
    (already_read,) = await _notify(session, me, 1, read=True)
    old, seen, unseen = await _notify(session, me, 3)
    (others,) = await _notify(session, other, 1)

    # A device that had shown up to `seen` replays its "mark all read": `unseen` came later and stays unread.
    body = {"up_to": seen.created_at.isoformat()}
    assert _data(await client.post(f"{API}/read-all", json=body, headers=headers)) == {"updated": 2}
    assert _data(await client.post(f"{API}/read-all", json=body, headers=headers)) == {"updated": 0}
    unread = _data(await client.get(API, params={"unread": True}, headers=headers))
    assert [n["id"] for n in unread] == [str(unseen.id)]

    published = await _feed(session, me)
    assert sorted(p["id"] for p in published if p) == sorted([str(old.id), str(seen.id)])
    assert all(p is not None and p["read_at"] is not None for p in published)

    # Without a body: everything of the caller's, nobody else's.
    assert _data(await client.post(f"{API}/read-all", headers=headers)) == {"updated": 1}
    assert _data(await client.get(API, params={"unread": True}, headers=headers)) == []
    await session.refresh(others)
    await session.refresh(already_read)
    assert others.read_at is None and already_read.read_at == START
    assert await _feed(session, other) == []
