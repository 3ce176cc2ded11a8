"""A publisher manages the teachers of its own schools; another publisher's schools and teachers answer 404."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.auth.models import UserRole
from dream_lms.orgs.models import School
from tests.factories import bearer, login, make_account, make_publisher
from tests.orgs.helpers import data, error_code, signed_in


async def _publisher_with_school(client: httpx.AsyncClient, session: AsyncSession) -> tuple[School, dict[str, str]]:
    account, school = await make_publisher(session)
    return school, bearer(await login(client, account.login))


async def test_publisher_lists_only_its_own_schools(client: httpx.AsyncClient, session: AsyncSession) -> None:
    own_school, headers = await _publisher_with_school(client, session)
    _, other_school = await make_publisher(session)

    schools = data(await client.get("/api/v1/publishers/me/schools", headers=headers))
    assert [s["id"] for s in schools] == [str(own_school.id)]
    searched = data(await client.get("/api/v1/publishers/me/schools", params={"search": "no-such"}, headers=headers))
    assert searched == []
    assert str(other_school.id) not in {s["id"] for s in schools}


async def test_publisher_creates_a_teacher_in_its_school_with_audit(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    school, headers = await _publisher_with_school(client, session)
    body = {"school_id": str(school.id), "email": "mr.fox@example.org", "full_name": "Mr Fox", "subject": "Maths"}
    teacher = data(await client.post("/api/v1/publishers/me/teachers", json=body, headers=headers), 201)
    assert teacher["school_id"] == str(school.id) and teacher["subject"] == "Maths"

    tokens = await login(client, "mr.fox@example.org", teacher["generated_password"])
    me = data(await client.get("/api/v1/auth/me", headers=bearer(tokens)))
    assert me["role"] == "teacher" and me["school_id"] == str(school.id)

    listed = data(await client.get("/api/v1/publishers/me/teachers", params={"search": "fox"}, headers=headers))
    assert [t["id"] for t in listed] == [teacher["id"]]

    _, admin_headers = await signed_in(client, session, UserRole.ADMIN)
    entries = data(
        await client.get("/api/v1/admin/audit-log", params={"entity_id": teacher["id"]}, headers=admin_headers)
    )
    assert [e["action"] for e in entries] == ["teacher.create"]

    duplicate = await client.post("/api/v1/publishers/me/teachers", json=body, headers=headers)
    assert error_code(duplicate, 409) == "CONFLICT"


async def test_publisher_cannot_touch_another_publishers_school_or_teacher(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    own_school, headers = await _publisher_with_school(client, session)
    _, other_school = await make_publisher(session)
    other_teacher = await make_account(session, UserRole.TEACHER, school=other_school)

    body = {"school_id": str(other_school.id), "email": "sneaky@example.org", "full_name": "Sneaky"}
    response = await client.post("/api/v1/publishers/me/teachers", json=body, headers=headers)
    assert error_code(response, 404) == "NOT_FOUND"

    listed = data(await client.get("/api/v1/publishers/me/teachers", headers=headers))
    assert str(other_teacher.profile_id) not in {t["id"] for t in listed}

    response = await client.put(
        f"/api/v1/publishers/me/teachers/{other_teacher.profile_id}", json={"full_name": "Hijacked"}, headers=headers
    )
    assert error_code(response, 404) == "NOT_FOUND"

    # Nor can it move its own teacher into the other publisher's school.
    own_teacher = await make_account(session, UserRole.TEACHER, school=own_school)
    response = await client.put(
        f"/api/v1/publishers/me/teachers/{own_teacher.profile_id}",
        json={"school_id": str(other_school.id)},
        headers=headers,
    )
    assert error_code(response, 404) == "NOT_FOUND"


async def test_publisher_updates_its_teacher_and_email_clashes_conflict(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    school, headers = await _publisher_with_school(client, session)
    teacher = await make_account(session, UserRole.TEACHER, school=school)
    colleague = await make_account(session, UserRole.TEACHER, school=school)
    url = f"/api/v1/publishers/me/teachers/{teacher.profile_id}"

    updated = data(await client.put(url, json={"full_name": "Ms Heron", "subject": "Art"}, headers=headers))
    assert updated["full_name"] == "Ms Heron" and updated["subject"] == "Art"

    response = await client.put(url, json={"email": colleague.login.upper()}, headers=headers)
    assert error_code(response, 409) == "CONFLICT"
    response = await client.put(url, json={"email": None}, headers=headers)
    assert error_code(response, 400) == "INVALID_INPUT"

    _, admin_headers = await signed_in(client, session, UserRole.ADMIN)
    [entry] = data(
        await client.get(
            "/api/v1/admin/audit-log", params={"entity_id": str(teacher.profile_id)}, headers=admin_headers
        )
    )
    assert entry["before"] == {"full_name": "Test Teacher", "subject": None}
    assert entry["after"] == {"full_name": "Ms Heron", "subject": "Art"}
