"""Admin management of publishers and schools, and the audit log those writes leave."""

import uuid

import httpx
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth.models import User, UserRole
from dream_lms.core.audit import AuditLogEntry
from dream_lms.orgs.models import School
from tests.factories import bearer, login, make_account, make_publisher
from tests.orgs.helpers import data, error_code, signed_in


async def _audit(client: httpx.AsyncClient, headers: dict[str, str], entity_id: str) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = data(
        await client.get("/api/v1/admin/audit-log", params={"entity_id": entity_id}, headers=headers)
    )
    return entries


async def test_create_publisher_makes_an_account_that_signs_in_and_is_audited(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    admin, headers = await signed_in(client, session, UserRole.ADMIN)
    body = {"name": "Blue Owl Press", "email": "Owl@Example.org", "full_name": "Olive Owl"}
    created = data(await client.post("/api/v1/admin/publishers", json=body, headers=headers), 201)

    assert created["email"] == "owl@example.org" and created["name"] == "Blue Owl Press"
    password = created["generated_password"]
    assert isinstance(password, str) and len(password) >= 12
    tokens = await login(client, "owl@example.org", password)
    me = data(await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}))
    assert me["role"] == "publisher" and me["publisher_id"] == created["id"]

    [entry] = await _audit(client, headers, created["id"])
    assert entry["action"] == "publisher.create" and entry["actor_user_id"] == str(admin.user.id)
    assert entry["after"] == {
        "name": "Blue Owl Press",
        "contact_email": None,
        "contact_phone": None,
        "email": "owl@example.org",
    }


async def test_audit_entries_name_their_actor(client: httpx.AsyncClient, session: AsyncSession) -> None:
    first, headers = await signed_in(client, session, UserRole.ADMIN)
    second, second_headers = await signed_in(client, session, UserRole.ADMIN)
    second.user.full_name = "Second Admin"
    await session.flush()
    created = []
    for actor_headers, name in ((headers, "Actor One Press"), (second_headers, "Actor Two Press")):
        body = {"name": name, "email": f"{name.split()[1].lower()}@actor.example.org", "full_name": name}
        created.append(data(await client.post("/api/v1/admin/publishers", json=body, headers=actor_headers), 201))
    system_entity = uuid.uuid4()
    session.add(
        AuditLogEntry(actor_user_id=None, action="system.task", entity_type="publisher", entity_id=system_entity)
    )
    await session.flush()

    [by_first] = await _audit(client, headers, created[0]["id"])
    [by_second] = await _audit(client, headers, created[1]["id"])
    [by_system] = await _audit(client, headers, str(system_entity))
    assert (by_first["actor_name"], by_first["actor_email"]) == (first.user.full_name, first.user.email)
    assert (by_second["actor_name"], by_second["actor_email"]) == ("Second Admin", second.user.email)
    assert (by_system["actor_user_id"], by_system["actor_name"], by_system["actor_email"]) == (None, None, None)


async def test_an_entry_still_names_its_actor_once_the_actor_is_deleted(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    _, admin_headers = await signed_in(client, session, UserRole.ADMIN)
    publisher, school = await make_publisher(session)
    publisher_headers = bearer(await login(client, publisher.login))
    body = {"school_id": str(school.id), "email": "gone.fox@example.org", "full_name": "Gone Fox"}
    teacher = data(await client.post("/api/v1/publishers/me/teachers", json=body, headers=publisher_headers), 201)
    name_when_acting = publisher.user.full_name
    # Renamed after acting: the entry shows the name as it is now while the account lives.
    publisher.user.full_name = "Pat Renamed"
    await session.flush()
    [entry] = await _audit(client, admin_headers, teacher["id"])
    assert (entry["actor_user_id"], entry["actor_name"]) == (str(publisher.user.id), "Pat Renamed")

    # The publisher goes (its school and teacher first, as the API requires), through the API's delete.
    await session.execute(delete(User).where(col(User.id) == uuid.UUID(teacher["user_id"])))
    await session.execute(delete(School).where(col(School.id) == school.id))
    publisher_url = f"/api/v1/admin/publishers/{publisher.profile_id}"
    assert (await client.delete(publisher_url, headers=admin_headers)).status_code == 204
    session.expunge_all()
    assert await session.get(User, publisher.user.id) is None

    [entry] = await _audit(client, admin_headers, teacher["id"])
    assert (entry["action"], entry["actor_user_id"]) == ("teacher.create", None)
    # Then as it was when the entry was written.
    assert (entry["actor_name"], entry["actor_email"]) == (name_when_acting, publisher.user.email)


async def test_a_given_password_is_not_echoed_and_duplicates_conflict(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    _, headers = await signed_in(client, session, UserRole.ADMIN)
    body = {"name": "Acorn Books", "email": "acorn@example.org", "full_name": "A. Corn", "password": "long-enough-pw"}
    created = data(await client.post("/api/v1/admin/publishers", json=body, headers=headers), 201)
    assert created["generated_password"] is None

    same_name = body | {"name": "ACORN books", "email": "other@example.org"}
    same_email = body | {"name": "Other Books"}
    for duplicate in (same_name, same_email):
        response = await client.post("/api/v1/admin/publishers", json=duplicate, headers=headers)
        assert error_code(response, 409) == "CONFLICT"


async def test_publisher_input_errors_name_the_field(client: httpx.AsyncClient, session: AsyncSession) -> None:
    _, headers = await signed_in(client, session, UserRole.ADMIN)
    response = await client.post(
        "/api/v1/admin/publishers",
        json={"name": "", "email": "not-an-email", "full_name": "X", "password": "password"},
        headers=headers,
    )
    assert error_code(response, 400) == "INVALID_INPUT"
    fields = {detail["field"] for detail in response.json()["error"]["details"]}
    assert {"name", "email"} <= fields

    common = {"name": "Fine", "email": "fine@example.org", "full_name": "Fine", "password": "password"}
    response = await client.post("/api/v1/admin/publishers", json=common, headers=headers)
    assert error_code(response, 400) == "INVALID_INPUT"
    assert response.json()["error"]["details"][0]["field"] == "password"


async def test_update_publisher_records_before_and_after(client: httpx.AsyncClient, session: AsyncSession) -> None:
    _, headers = await signed_in(client, session, UserRole.ADMIN)
    publisher = await make_account(session, UserRole.PUBLISHER)
    url = f"/api/v1/admin/publishers/{publisher.profile_id}"
    old_name = data(await client.get(url, headers=headers))["name"]

    updated = data(await client.put(url, json={"name": "Renamed Press", "contact_phone": "+44 1"}, headers=headers))
    assert updated["name"] == "Renamed Press" and updated["contact_phone"] == "+44 1"
    [entry] = await _audit(client, headers, str(publisher.profile_id))
    assert entry["action"] == "publisher.update"
    assert entry["before"] == {"name": old_name, "contact_phone": None}
    assert entry["after"] == {"name": "Renamed Press", "contact_phone": "+44 1"}

    response = await client.put(url, json={"name": None}, headers=headers)
    assert error_code(response, 400) == "INVALID_INPUT"
    missing = await client.put(f"/api/v1/admin/publishers/{uuid.uuid4()}", json={}, headers=headers)
    assert error_code(missing, 404) == "NOT_FOUND"


async def test_list_publishers_searches_sorts_and_pages(client: httpx.AsyncClient, session: AsyncSession) -> None:
    _, headers = await signed_in(client, session, UserRole.ADMIN)
    for name in ("Zeta Zebra Books", "Alpha Zebra Books", "Mid Zebra Books"):
        body = {"name": name, "email": f"{name.split()[0].lower()}@zebra.example.org", "full_name": name}
        data(await client.post("/api/v1/admin/publishers", json=body, headers=headers), 201)

    params = {"search": "zebra", "sort": "-name", "per_page": 2}
    response = await client.get("/api/v1/admin/publishers", params=params, headers=headers)
    assert [p["name"] for p in data(response)] == ["Zeta Zebra Books", "Mid Zebra Books"]
    assert response.json()["pagination"] == {
        "page": 1,
        "per_page": 2,
        "total": 3,
        "total_pages": 2,
        "next_page": 2,
        "prev_page": None,
    }
    second = await client.get("/api/v1/admin/publishers", params=params | {"page": 2}, headers=headers)
    assert [p["name"] for p in data(second)] == ["Alpha Zebra Books"]

    bad_sort = await client.get("/api/v1/admin/publishers", params={"sort": "password_hash"}, headers=headers)
    assert error_code(bad_sort, 400) == "INVALID_INPUT"


async def test_schools_crud_with_conflicts_and_audit(client: httpx.AsyncClient, session: AsyncSession) -> None:
    _, headers = await signed_in(client, session, UserRole.ADMIN)
    publisher = await make_account(session, UserRole.PUBLISHER)
    unknown = {"publisher_id": str(uuid.uuid4()), "name": "Nowhere School"}
    assert error_code(await client.post("/api/v1/admin/schools", json=unknown, headers=headers), 404) == "NOT_FOUND"

    body = {"publisher_id": str(publisher.profile_id), "name": "River School", "contact_email": "office@river.org"}
    school = data(await client.post("/api/v1/admin/schools", json=body, headers=headers), 201)
    twin = body | {"name": "river SCHOOL"}
    assert error_code(await client.post("/api/v1/admin/schools", json=twin, headers=headers), 409) == "CONFLICT"

    listed = data(
        await client.get("/api/v1/admin/schools", params={"publisher_id": str(publisher.profile_id)}, headers=headers)
    )
    assert "River School" in {s["name"] for s in listed}

    school_url = f"/api/v1/admin/schools/{school['id']}"
    updated = data(await client.put(school_url, json={"address": "2 Bank Street"}, headers=headers))
    assert updated["address"] == "2 Bank Street"

    # A publisher with schools cannot go; an empty school can.
    publisher_url = f"/api/v1/admin/publishers/{publisher.profile_id}"
    assert error_code(await client.delete(publisher_url, headers=headers), 409) == "CONFLICT"
    assert (await client.delete(school_url, headers=headers)).status_code == 204
    actions = [e["action"] for e in await _audit(client, headers, school["id"])]
    assert actions == ["school.delete", "school.update", "school.create"]


async def test_delete_school_with_teachers_conflicts_then_publisher_delete_works(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    _, headers = await signed_in(client, session, UserRole.ADMIN)
    teacher = await make_account(session, UserRole.TEACHER)
    school = await session.get(School, teacher.school_id)
    assert school is not None
    response = await client.delete(f"/api/v1/admin/schools/{school.id}", headers=headers)
    assert error_code(response, 409) == "CONFLICT"

    publisher = await make_account(session, UserRole.PUBLISHER)
    empty_school_id = data(
        await client.get("/api/v1/admin/schools", params={"publisher_id": str(publisher.profile_id)}, headers=headers)
    )[0]["id"]
    assert (await client.delete(f"/api/v1/admin/schools/{empty_school_id}", headers=headers)).status_code == 204
    publisher_url = f"/api/v1/admin/publishers/{publisher.profile_id}"
    assert (await client.delete(publisher_url, headers=headers)).status_code == 204
    assert error_code(await client.get(publisher_url, headers=headers), 404) == "NOT_FOUND"
    actions = [e["action"] for e in await _audit(client, headers, str(publisher.profile_id))]
    assert actions == ["publisher.delete"]
