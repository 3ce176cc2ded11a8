"""A teacher's students and classes: friendly passwords, scope (404 outside it), and deletes that keep students."""

import re
import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.auth.models import UserRole
from dream_lms.orgs.models import ClassStudent, School, SchoolClass
from tests.factories import bearer, login, make_account
from tests.orgs.helpers import data, error_code, signed_in

FRIENDLY = re.compile(r"^[a-z]+-[a-z]+-[1-9][0-9]$")
STUDENTS = "/api/v1/teachers/me/students"


async def _teacher(
    client: httpx.AsyncClient, session: AsyncSession, school: School | None = None
) -> tuple[School, dict[str, str], str]:
    account, headers = await signed_in(client, session, UserRole.TEACHER, school=school)
    own_school = await session.get(School, account.school_id)
    assert own_school is not None
    return own_school, headers, str(account.profile_id)


async def _student(client: httpx.AsyncClient, headers: dict[str, str], username: str, **fields: str) -> dict[str, str]:
    body = {"full_name": fields.pop("full_name", username.title()), "username": username} | fields
    created: dict[str, str] = data(await client.post(STUDENTS, json=body, headers=headers), 201)
    return created


async def test_student_without_email_gets_a_username_and_a_friendly_password(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    _, headers, teacher_id = await _teacher(client, session)
    student = await _student(client, headers, "lily.k", grade="3")
    assert student["email"] is None and student["created_by_teacher_id"] == teacher_id
    assert FRIENDLY.match(student["generated_password"])
    me = data(
        await client.get(
            "/api/v1/auth/me", headers=bearer(await login(client, "lily.k", student["generated_password"]))
        )
    )
    assert me["role"] == "student" and me["profile_id"] == student["id"]

    reset = data(await client.post(f"{STUDENTS}/{student['id']}/reset-password", headers=headers))
    assert reset["login"] == "lily.k" and FRIENDLY.match(reset["password"])
    assert reset["password"] != student["generated_password"]
    refused = await client.post(
        "/api/v1/auth/login", json={"login": "lily.k", "password": student["generated_password"]}
    )
    assert refused.status_code == 401
    await login(client, "lily.k", reset["password"])


async def test_student_validation_and_duplicates(client: httpx.AsyncClient, session: AsyncSession) -> None:
    _, headers, _ = await _teacher(client, session)
    no_login = await client.post(STUDENTS, json={"full_name": "Nobody"}, headers=headers)
    assert error_code(no_login, 400) == "INVALID_INPUT"
    bad_username = await client.post(STUDENTS, json={"full_name": "At Sign", "username": "a@b"}, headers=headers)
    assert error_code(bad_username, 400) == "INVALID_INPUT"
    assert bad_username.json()["error"]["details"][0]["field"] == "username"

    first = await _student(client, headers, "sam.b")
    duplicate = await client.post(STUDENTS, json={"full_name": "Sam Two", "username": "SAM.B"}, headers=headers)
    assert error_code(duplicate, 409) == "CONFLICT"

    url = f"{STUDENTS}/{first['id']}"
    cleared = await client.put(url, json={"username": None}, headers=headers)
    assert error_code(cleared, 400) == "INVALID_INPUT"
    updated = data(await client.put(url, json={"email": "Sam@Example.org", "grade": "4"}, headers=headers))
    assert updated["email"] == "sam@example.org" and updated["grade"] == "4" and updated["username"] == "sam.b"
    # With an email, the username may go.
    assert data(await client.put(url, json={"username": None}, headers=headers))["username"] is None


async def test_teacher_sees_only_students_it_created_or_teaches(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    school, headers, _ = await _teacher(client, session)
    _, colleague_headers, _ = await _teacher(client, session, school=school)
    _, stranger_headers, _ = await _teacher(client, session)
    mine = await _student(client, headers, "mine.one")
    other_school_student = await make_account(session, UserRole.STUDENT)
    same_school_untaught = await make_account(session, UserRole.STUDENT, school=school)

    listed = {s["id"] for s in data(await client.get(STUDENTS, headers=headers))}
    assert listed == {mine["id"]}
    for headers_of_other in (colleague_headers, stranger_headers):
        assert data(await client.get(STUDENTS, headers=headers_of_other)) == []
        put = await client.put(f"{STUDENTS}/{mine['id']}", json={"grade": "9"}, headers=headers_of_other)
        assert error_code(put, 404) == "NOT_FOUND"
        reset = await client.post(f"{STUDENTS}/{mine['id']}/reset-password", headers=headers_of_other)
        assert error_code(reset, 404) == "NOT_FOUND"
        delete = await client.delete(f"{STUDENTS}/{mine['id']}", headers=headers_of_other)
        assert error_code(delete, 404) == "NOT_FOUND"
    for hidden in (other_school_student, same_school_untaught):
        response = await client.put(f"{STUDENTS}/{hidden.profile_id}", json={"grade": "1"}, headers=headers)
        assert error_code(response, 404) == "NOT_FOUND"

    # Nor can a class of the colleague take in my student.
    colleague_class = data(await client.post("/api/v1/classes", json={"name": "4B"}, headers=colleague_headers), 201)
    add = await client.post(
        f"/api/v1/classes/{colleague_class['id']}/students",
        json={"student_ids": [mine["id"]]},
        headers=colleague_headers,
    )
    assert error_code(add, 404) == "NOT_FOUND"


async def test_student_list_searches_and_sorts(client: httpx.AsyncClient, session: AsyncSession) -> None:
    _, headers, _ = await _teacher(client, session)
    for username, name in (("b.bee", "Bella Bee"), ("a.ant", "Adam Ant"), ("c.cat", "Cora Cat")):
        await _student(client, headers, username, full_name=name)
    names = [s["full_name"] for s in data(await client.get(STUDENTS, params={"sort": "-name"}, headers=headers))]
    assert names == ["Cora Cat", "Bella Bee", "Adam Ant"]
    found = data(await client.get(STUDENTS, params={"search": "ANT"}, headers=headers))
    assert [s["username"] for s in found] == ["a.ant"]
    assert error_code(await client.get(STUDENTS, params={"sort": "password"}, headers=headers), 400) == "INVALID_INPUT"


async def test_classes_membership_scope_and_delete_keeps_students(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    school, headers, teacher_id = await _teacher(client, session)
    _, colleague_headers, _ = await _teacher(client, session, school=school)
    ada, ben = await _student(client, headers, "ada.l"), await _student(client, headers, "ben.f")

    created = data(await client.post("/api/v1/classes", json={"name": "3A", "grade": "3"}, headers=headers), 201)
    assert created["teacher_id"] == teacher_id and created["student_count"] == 0
    class_url = f"/api/v1/classes/{created['id']}"
    detail = data(
        await client.post(f"{class_url}/students", json={"student_ids": [ada["id"], ben["id"]]}, headers=headers)
    )
    assert [s["username"] for s in detail["students"]] == ["ada.l", "ben.f"] and detail["student_count"] == 2
    again = data(await client.post(f"{class_url}/students", json={"student_ids": [ada["id"]]}, headers=headers))
    assert again["student_count"] == 2

    [listed] = data(await client.get("/api/v1/classes", headers=headers))
    assert listed["student_count"] == 2
    in_class = data(await client.get(STUDENTS, params={"class_id": created["id"]}, headers=headers))
    assert {s["id"] for s in in_class} == {ada["id"], ben["id"]}

    for method, url in (("GET", class_url), ("PUT", class_url), ("DELETE", class_url)):
        response = await client.request(method, url, json={"name": "Mine now"}, headers=colleague_headers)
        assert error_code(response, 404) == "NOT_FOUND"
    assert data(await client.get("/api/v1/classes", headers=colleague_headers)) == []

    renamed = data(await client.put(class_url, json={"name": "3A Robins", "is_archived": True}, headers=headers))
    assert renamed["name"] == "3A Robins" and renamed["student_count"] == 2
    assert data(await client.get("/api/v1/classes", headers=headers)) == []
    assert len(data(await client.get("/api/v1/classes", params={"include_archived": True}, headers=headers))) == 1

    assert (await client.delete(f"{class_url}/students/{ben['id']}", headers=headers)).status_code == 204
    gone = await client.delete(f"{class_url}/students/{ben['id']}", headers=headers)
    assert error_code(gone, 404) == "NOT_FOUND"

    assert (await client.delete(class_url, headers=headers)).status_code == 204
    assert error_code(await client.get(class_url, headers=headers), 404) == "NOT_FOUND"
    remaining = {s["id"] for s in data(await client.get(STUDENTS, headers=headers))}
    assert remaining == {ada["id"], ben["id"]}
    await login(client, "ada.l", ada["generated_password"])


async def test_a_taught_student_is_visible_but_only_its_creator_deletes_it(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    school, headers, teacher_id = await _teacher(client, session)
    # Added by someone else (an import, say) and then put in this teacher's class.
    student = await make_account(session, UserRole.STUDENT, school=school)
    school_class = SchoolClass(teacher_id=uuid.UUID(teacher_id), school_id=school.id, name="Imported")
    session.add(school_class)
    await session.flush()
    session.add(ClassStudent(class_id=school_class.id, student_id=student.profile_id))
    await session.flush()

    visible = data(await client.get(STUDENTS, headers=headers))
    assert [s["id"] for s in visible] == [str(student.profile_id)]
    updated = data(await client.put(f"{STUDENTS}/{student.profile_id}", json={"grade": "2"}, headers=headers))
    assert updated["grade"] == "2"
    refused = await client.delete(f"{STUDENTS}/{student.profile_id}", headers=headers)
    assert error_code(refused, 403) == "FORBIDDEN"

    own = await _student(client, headers, "kit.o")
    assert (await client.delete(f"{STUDENTS}/{own['id']}", headers=headers)).status_code == 204
    assert [s["id"] for s in data(await client.get(STUDENTS, headers=headers))] == [str(student.profile_id)]
    gone = await client.post("/api/v1/auth/login", json={"login": "kit.o", "password": own["generated_password"]})
    assert gone.status_code == 401
