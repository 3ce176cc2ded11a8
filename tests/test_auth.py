from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.auth.models import RefreshToken, UserRole
from dream_lms.auth.tokens import hash_refresh_token
from tests.factories import PASSWORD, bearer, login, make_account, make_user


async def test_login_by_email_returns_tokens_and_profile(client: httpx.AsyncClient, session: AsyncSession) -> None:
    teacher = await make_account(session, UserRole.TEACHER)
    tokens = await login(client, teacher.login.upper())  # emails are case-insensitive
    user = tokens["user"]
    assert isinstance(user, dict)
    assert user["role"] == "teacher"
    assert user["profile_id"] == str(teacher.profile_id)
    assert user["school_id"] == str(teacher.school_id)
    assert tokens["token_type"] == "bearer" and tokens["expires_in"] == 3600
    me = await client.get("/api/v1/auth/me", headers=bearer(tokens))
    assert me.status_code == 200
    assert me.json()["data"]["id"] == str(teacher.user.id)


async def test_login_by_username(client: httpx.AsyncClient, session: AsyncSession) -> None:
    student = await make_account(session, UserRole.STUDENT, username=True)
    assert student.user.email is None
    tokens = await login(client, student.login)
    assert tokens["user"]["username"] == student.login  # type: ignore[index]


async def test_wrong_password_and_unknown_account_look_the_same(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    student = await make_account(session, UserRole.STUDENT)
    wrong = await client.post("/api/v1/auth/login", json={"login": student.login, "password": "not-the-password"})
    unknown = await client.post("/api/v1/auth/login", json={"login": "nobody@example.org", "password": PASSWORD})
    for response in (wrong, unknown):
        assert response.status_code == 401
        body = response.json()
        assert body["success"] is False
        assert body["error"]["code"] == "UNAUTHORIZED"
    assert wrong.json()["error"]["message"] == unknown.json()["error"]["message"]


async def test_inactive_user_cannot_log_in_or_refresh(client: httpx.AsyncClient, session: AsyncSession) -> None:
    student = await make_account(session, UserRole.STUDENT)
    tokens = await login(client, student.login)
    student.user.is_active = False
    await session.flush()
    denied = await client.post("/api/v1/auth/login", json={"login": student.login, "password": PASSWORD})
    assert denied.status_code == 401
    refreshed = await client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert refreshed.status_code == 401
    me = await client.get("/api/v1/auth/me", headers=bearer(tokens))
    assert me.status_code == 401


async def _refresh(client: httpx.AsyncClient, token: object) -> httpx.Response:
    return await client.post("/api/v1/auth/refresh", json={"refresh_token": token})


async def _age_rotation(session: AsyncSession, token: object) -> None:
    """Move a rotation of `token` out of the grace window, as if minutes had passed."""
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.token_hash == hash_refresh_token(str(token)))
        .values(revoked_at=datetime.now(UTC) - timedelta(minutes=5))
    )


async def test_refresh_rotates_and_reuse_revokes_the_family(client: httpx.AsyncClient, session: AsyncSession) -> None:
    student = await make_account(session, UserRole.STUDENT)
    first = await login(client, student.login)
    rotated = await _refresh(client, first["refresh_token"])
    assert rotated.status_code == 200
    second = rotated.json()["data"]
    assert second["refresh_token"] != first["refresh_token"]
    assert (await client.get("/api/v1/auth/me", headers=bearer(second))).status_code == 200
    third = (await _refresh(client, second["refresh_token"])).json()["data"]

    # The first token comes back after its successor was used: a stolen copy. The whole family ends.
    await _age_rotation(session, first["refresh_token"])
    assert (await _refresh(client, first["refresh_token"])).status_code == 401
    assert (await _refresh(client, third["refresh_token"])).status_code == 401
    live = await session.scalars(
        select(RefreshToken).where(RefreshToken.user_id == student.user.id, RefreshToken.revoked_at.is_(None))  # type: ignore[union-attr]
    )
    assert list(live) == []


async def test_a_lost_refresh_response_does_not_sign_the_device_out(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    student = await make_account(session, UserRole.STUDENT)
    first = await login(client, student.login)
    lost = (await _refresh(client, first["refresh_token"])).json()["data"]  # the reply never reached the tablet
    await _age_rotation(session, first["refresh_token"])
    recovered = await _refresh(client, first["refresh_token"])
    assert recovered.status_code == 200
    assert (await _refresh(client, lost["refresh_token"])).status_code == 401  # the lost one is replaced
    assert (await _refresh(client, recovered.json()["data"]["refresh_token"])).status_code == 200


async def test_concurrent_refresh_within_grace_keeps_the_family(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    student = await make_account(session, UserRole.STUDENT)
    first = await login(client, student.login)
    winner = await _refresh(client, first["refresh_token"])
    loser = await _refresh(client, first["refresh_token"])
    assert winner.status_code == 200
    assert loser.status_code == 409 and loser.json()["error"]["code"] == "CONFLICT"
    assert int(loser.headers["retry-after"]) > 0
    assert (await _refresh(client, winner.json()["data"]["refresh_token"])).status_code == 200


async def test_expired_refresh_token_is_refused(client: httpx.AsyncClient, session: AsyncSession) -> None:
    student = await make_account(session, UserRole.STUDENT)
    tokens = await login(client, student.login)
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == student.user.id)
        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    response = await client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert response.status_code == 401


async def test_logout_revokes_the_refresh_token(client: httpx.AsyncClient, session: AsyncSession) -> None:
    student = await make_account(session, UserRole.STUDENT)
    tokens = await login(client, student.login)
    out = await client.post("/api/v1/auth/logout", json={"refresh_token": tokens["refresh_token"]})
    assert out.status_code == 200 and out.json() == {
        "success": True,
        "data": None,
        "meta": out.json()["meta"],
    }
    response = await client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert response.status_code == 401


async def test_change_password(client: httpx.AsyncClient, session: AsyncSession) -> None:
    teacher = await make_account(session, UserRole.TEACHER)
    tokens = await login(client, teacher.login)
    url = "/api/v1/auth/change-password"
    wrong = await client.post(
        url, headers=bearer(tokens), json={"current_password": "nope", "new_password": "a-fine-new-one"}
    )
    assert wrong.status_code == 400
    assert wrong.json()["error"]["details"][0]["field"] == "current_password"
    for weak in ("short", "password123", "x" * 129):
        response = await client.post(
            url, headers=bearer(tokens), json={"current_password": PASSWORD, "new_password": weak}
        )
        assert response.status_code == 400, weak
        assert response.json()["error"]["code"] == "INVALID_INPUT"
    changed = await client.post(
        url,
        headers=bearer(tokens),
        json={"current_password": PASSWORD, "new_password": "a fine new passphrase"},
    )
    assert changed.status_code == 200
    old_session = await client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert old_session.status_code == 401
    assert (
        await client.post("/api/v1/auth/login", json={"login": teacher.login, "password": PASSWORD})
    ).status_code == 401
    await login(client, teacher.login, "a fine new passphrase")


async def test_tampered_and_missing_tokens(client: httpx.AsyncClient, session: AsyncSession) -> None:
    user = await make_user(session, UserRole.ADMIN)
    tokens = await login(client, user.email or "")
    access = str(tokens["access_token"])
    tampered = access[:-4] + ("AAAA" if not access.endswith("AAAA") else "BBBB")
    for headers in ({}, {"Authorization": f"Bearer {tampered}"}, {"Authorization": "Basic abc"}):
        response = await client.get("/api/v1/auth/me", headers=headers)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "UNAUTHORIZED"
