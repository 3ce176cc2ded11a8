"""Admins and publishers reset passwords: imported teachers can then sign in, old sessions end, scope holds, and
every reset is audited."""

import re
import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.auth.models import UserRole
from tests.factories import PASSWORD, bearer, login, make_account, make_publisher
from tests.orgs.helpers import data, error_code, signed_in
from tests.orgs.test_import import ADMIN_IMPORT, upload, xlsx

FRIENDLY = re.compile(r"^[a-z]+-[a-z]+-[1-9][0-9]$")


def admin_reset(user_id: object) -> str:
    return f"/api/v1/admin/users/{user_id}/reset-password"


def publisher_reset(teacher_id: object) -> str:
    return f"/api/v1/publishers/me/teachers/{teacher_id}/reset-password"


async def _audit(client: httpx.AsyncClient, headers: dict[str, str], entity_id: object) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = data(
        await client.get("/api/v1/admin/audit-log", params={"entity_id": str(entity_id)}, headers=headers)
    )
    return entries


async def _login_status(client: httpx.AsyncClient, login_name: str, password: str) -> int:
    response = await client.post("/api/v1/auth/login", json={"login": login_name, "password": password})
    return response.status_code


async def test_admin_resets_an_imported_teacher_who_then_signs_in(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    admin, headers = await signed_in(client, session, UserRole.ADMIN)
    _, school = await make_publisher(session)
    email = f"imported-{uuid.uuid4().hex[:8]}@example.org"
    rows = [["full_name", "email", "school", "subject"], ["Imported Teacher", email, str(school.id), "Math"]]
    report = data(await upload(client, ADMIN_IMPORT, headers, xlsx(rows), kind="teachers"))
    assert report["created"] == 1, report["problems"]
    # An imported account has no usable password: nothing signs it in yet.
    assert await _login_status(client, email, "!no-password-yet") == 401
    [user] = data(await client.get("/api/v1/admin/users", params={"search": email}, headers=headers))

    reset = data(await client.post(admin_reset(user["id"]), headers=headers))
    assert reset["user_id"] == user["id"]
    password = reset["password"]
    assert isinstance(password, str) and len(password) >= 16 and not FRIENDLY.match(password)
    me = data(await client.get("/api/v1/auth/me", headers=bearer(await login(client, email, password))))
    assert me["role"] == "teacher" and me["id"] == user["id"]

    # A second reset gives a different password and the first stops working.
    again = data(await client.post(admin_reset(user["id"]), json={}, headers=headers))["password"]
    assert again != password
    assert await _login_status(client, email, password) == 401
    assert await _login_status(client, email, again) == 200

    entries = [entry for entry in await _audit(client, headers, user["id"]) if entry["action"] == "user.reset_password"]
    assert len(entries) == 2
    assert all(entry["actor_user_id"] == str(admin.user.id) for entry in entries)
    assert entries[0]["entity_type"] == "user" and entries[0]["after"] == {"generated": True}
    # The password itself is never written to the audit log.
    assert password not in str(entries) and again not in str(entries)


async def test_reset_ends_every_existing_session(client: httpx.AsyncClient, session: AsyncSession) -> None:
    _, headers = await signed_in(client, session, UserRole.ADMIN)
    teacher = await make_account(session, UserRole.TEACHER)
    tablet, laptop = await login(client, teacher.login), await login(client, teacher.login)

    data(await client.post(admin_reset(teacher.user.id), headers=headers))

    for tokens in (tablet, laptop):
        response = await client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
        assert error_code(response, 401) == "UNAUTHORIZED"
    assert await _login_status(client, teacher.login, PASSWORD) == 401


async def test_publisher_resets_only_teachers_of_its_own_schools(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    publisher, own_school = await make_publisher(session)
    _, other_school = await make_publisher(session)
    headers = bearer(await login(client, publisher.login))
    own = await make_account(session, UserRole.TEACHER, school=own_school)
    foreign = await make_account(session, UserRole.TEACHER, school=other_school)
    foreign_session = await login(client, foreign.login)

    reset = data(await client.post(publisher_reset(own.profile_id), headers=headers))
    assert reset["user_id"] == str(own.user.id)
    assert await _login_status(client, own.login, reset["password"]) == 200

    for teacher_id in (foreign.profile_id, uuid.uuid4(), foreign.user.id):
        assert error_code(await client.post(publisher_reset(teacher_id), headers=headers), 404) == "NOT_FOUND"
    # The other publisher's teacher keeps its password and its session.
    assert await _login_status(client, foreign.login, PASSWORD) == 200
    refreshed = await client.post("/api/v1/auth/refresh", json={"refresh_token": foreign_session["refresh_token"]})
    assert refreshed.status_code == 200, refreshed.text

    _, admin = await signed_in(client, session, UserRole.ADMIN)
    [entry] = await _audit(client, admin, own.user.id)
    assert entry["action"] == "user.reset_password" and entry["actor_user_id"] == str(publisher.user.id)
    # A publisher cannot use the admin route, nor a teacher the publisher route.
    assert error_code(await client.post(admin_reset(own.user.id), headers=headers), 403) == "FORBIDDEN"
    teacher_headers = bearer(await login(client, own.login, reset["password"]))
    response = await client.post(publisher_reset(own.profile_id), headers=teacher_headers)
    assert error_code(response, 403) == "FORBIDDEN"


async def test_a_chosen_password_must_pass_the_policy(client: httpx.AsyncClient, session: AsyncSession) -> None:
    _, headers = await signed_in(client, session, UserRole.ADMIN)
    publisher = await make_account(session, UserRole.PUBLISHER)
    publisher_session = await login(client, publisher.login)

    for weak in ("short", "password", "x" * 129):
        response = await client.post(admin_reset(publisher.user.id), json={"password": weak}, headers=headers)
        assert error_code(response, 400) == "INVALID_INPUT"
        assert response.json()["error"]["details"][0]["field"] == "password"
    # Refused resets change nothing.
    assert await _login_status(client, publisher.login, PASSWORD) == 200
    refreshed = await client.post("/api/v1/auth/refresh", json={"refresh_token": publisher_session["refresh_token"]})
    assert refreshed.status_code == 200, refreshed.text

    chosen = "a-chosen-long-passphrase"
    reset = data(await client.post(admin_reset(publisher.user.id), json={"password": chosen}, headers=headers))
    assert reset == {"user_id": str(publisher.user.id), "password": chosen}
    assert await _login_status(client, publisher.login, chosen) == 200
    [entry] = await _audit(client, headers, publisher.user.id)
    assert entry["after"] == {"generated": False}


async def test_students_get_friendly_passwords_and_admins_cannot_reset_themselves(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    admin, headers = await signed_in(client, session, UserRole.ADMIN)
    student = await make_account(session, UserRole.STUDENT, username=True)
    password = data(await client.post(admin_reset(student.user.id), headers=headers))["password"]
    assert FRIENDLY.match(password)
    assert await _login_status(client, student.login, password) == 200

    response = await client.post(admin_reset(admin.user.id), headers=headers)
    assert error_code(response, 422) == "UNPROCESSABLE_ENTITY"
    assert error_code(await client.post(admin_reset(uuid.uuid4()), headers=headers), 404) == "NOT_FOUND"
