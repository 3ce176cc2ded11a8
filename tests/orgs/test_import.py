"""Bulk import: templates, valid / invalid / duplicate / malformed files, the three modes, error sheets, scope and
the audit log. Files are built in memory with openpyxl and the csv module."""

import csv
import io
import os
import re
import uuid
import zipfile
from datetime import datetime
from typing import Any

import httpx
import openpyxl
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth.models import UserRole
from dream_lms.core.audit import AuditLogEntry
from dream_lms.orgs.models import School
from tests.factories import bearer, login, make_account, make_publisher
from tests.orgs.helpers import data, error_code, signed_in

STUDENTS = "/api/v1/teachers/me/students"
STUDENT_IMPORT = f"{STUDENTS}/bulk-import"
ADMIN_IMPORT = "/api/v1/admin/bulk-import"
PUBLISHER_IMPORT = "/api/v1/publishers/me/teachers/bulk-import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FRIENDLY = re.compile(r"^[a-z]+-[a-z]+-[1-9][0-9]$")
STUDENT_HEADER = ["first_name", "last_name", "username", "email", "grade", "parent_email", "class"]


def xlsx(rows: list[list[Any]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[Any]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def read_xlsx(content: bytes) -> list[list[Any]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


async def upload(
    client: httpx.AsyncClient,
    url: str,
    headers: dict[str, str],
    content: bytes,
    filename: str = "import.xlsx",
    **form: str,
) -> httpx.Response:
    return await client.post(
        url, files={"file": (filename, content, "application/octet-stream")}, data=form, headers=headers
    )


async def _teacher(
    client: httpx.AsyncClient, session: AsyncSession, school: School | None = None
) -> tuple[School, dict[str, str]]:
    account, headers = await signed_in(client, session, UserRole.TEACHER, school=school)
    own_school = await session.get(School, account.school_id)
    assert own_school is not None
    return own_school, headers


async def test_templates_by_role_and_format(client: httpx.AsyncClient, session: AsyncSession) -> None:
    _, teacher = await _teacher(client, session)
    _, admin = await signed_in(client, session, UserRole.ADMIN)
    _, publisher = await signed_in(client, session, UserRole.PUBLISHER)
    _, student = await signed_in(client, session, UserRole.STUDENT)

    response = await client.get("/api/v1/imports/templates/students", headers=teacher)
    assert response.status_code == 200 and response.headers["content-type"] == XLSX
    assert 'filename="students-template.xlsx"' in response.headers["content-disposition"]
    assert read_xlsx(response.content) == [STUDENT_HEADER]
    as_csv = await client.get("/api/v1/imports/templates/students", params={"format": "csv"}, headers=teacher)
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.content.decode("utf-8-sig").strip() == ",".join(STUDENT_HEADER)

    expected = {
        "teachers": ["full_name", "email", "school", "subject"],
        "publishers": ["name", "contact_email", "login_email"],
        "schools": ["publisher", "name", "address", "contact_email"],
    }
    for kind, header in expected.items():
        assert read_xlsx((await client.get(f"/api/v1/imports/templates/{kind}", headers=admin)).content) == [header]
        assert error_code(await client.get(f"/api/v1/imports/templates/{kind}", headers=teacher), 403) == "FORBIDDEN"
    assert (await client.get("/api/v1/imports/templates/teachers", headers=publisher)).status_code == 200
    for headers in (publisher, admin):
        assert error_code(await client.get("/api/v1/imports/templates/students", headers=headers), 403)
    assert error_code(await client.get("/api/v1/imports/templates/schools", headers=publisher), 403)
    assert error_code(await client.get("/api/v1/imports/templates/students", headers=student), 403)
    assert error_code(await client.get("/api/v1/imports/templates/grades", headers=teacher), 400)
    assert error_code(await client.get("/api/v1/imports/templates/students?format=xls", headers=teacher), 400)


async def test_valid_students_import_then_rerun_creates_no_duplicates(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    _, headers = await _teacher(client, session)
    rows = [
        ["First Name", "Last Name", "Username", "E-mail", "Grade", "Parent email", "Class", "Birth date"],
        ["Zoë", "Ångström", "zoe.a", None, 3, "Parent@Example.org", "3A", datetime(2017, 3, 4)],
        ["Дмитрий", "Иванов", "dima.i", "", "3", None, "3A", "4/3/2017"],
        ["李", "小龙", "li.x", None, "Year 3", None, None, "2017.03.04"],
        ["Sam", "Jones", None, "Sam.Jones@Example.org", "3", None, "3B", "March 4th"],
    ]
    report = data(await upload(client, STUDENT_IMPORT, headers, xlsx(rows)))
    assert report["kind"] == "students" and report["mode"] == "all_or_nothing"
    assert (report["rows_total"], report["rows_valid"], report["rows_invalid"]) == (4, 4, 0)
    assert (report["created"], report["updated"], report["unchanged"]) == (4, 0, 0)
    assert report["problems"] == [] and report["error_sheet_url"] is None
    assert [p["status"] for p in report["preview"]] == ["new"] * 4
    assert report["preview"][0] == {
        "row": 2,
        "values": {
            "first_name": "Zoë",
            "last_name": "Ångström",
            "username": "zoe.a",
            "email": "",
            "grade": "3",
            "parent_email": "Parent@Example.org",
            "class": "3A",
        },
        "status": "new",
    }
    # Only the students without an email get a password, once.
    credentials = {c["username"]: c for c in report["created_credentials"]}
    assert set(credentials) == {"zoe.a", "dima.i", "li.x"}
    assert credentials["dima.i"]["full_name"] == "Дмитрий Иванов"
    assert all(FRIENDLY.match(c["password"]) for c in credentials.values())
    me = data(
        await client.get(
            "/api/v1/auth/me", headers=bearer(await login(client, "li.x", credentials["li.x"]["password"]))
        )
    )
    assert me["profile_id"] == credentials["li.x"]["student_id"]
    no_password = await client.post("/api/v1/auth/login", json={"login": "sam.jones@example.org", "password": "x" * 12})
    assert no_password.status_code == 401

    students = data(await client.get(STUDENTS, params={"per_page": 100}, headers=headers))
    assert len(students) == 4
    by_login = {s["username"] or s["email"]: s for s in students}
    assert by_login["zoe.a"]["grade"] == "3" and by_login["zoe.a"]["parent_email"] == "parent@example.org"
    assert by_login["sam.jones@example.org"]["full_name"] == "Sam Jones"
    classes = {c["name"]: c["student_count"] for c in data(await client.get("/api/v1/classes", headers=headers))}
    assert classes == {"3A": 2, "3B": 1}

    again = data(await upload(client, STUDENT_IMPORT, headers, xlsx(rows)))
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 4)
    assert again["created_credentials"] == [] and {p["status"] for p in again["preview"]} == {"unchanged"}
    assert len(data(await client.get(STUDENTS, params={"per_page": 100}, headers=headers))) == 4
    assert len(data(await client.get("/api/v1/classes", headers=headers))) == 2

    # The same people with changes (as CSV with semicolons): updates, and a new class enrolment.
    changed = [
        rows[0][:7],
        ["Zoë", "Ångström", "ZOE.A", None, "4", None, "3A"],
        ["Sam", "Jones", None, "sam.jones@example.org", "3", None, "Chess club"],
    ]
    updated = data(await upload(client, STUDENT_IMPORT, headers, csv_bytes(changed, ";"), "students.csv"))
    assert (updated["created"], updated["updated"], updated["unchanged"]) == (0, 2, 0), updated["problems"]
    students = {s["username"] or s["email"]: s for s in data(await client.get(STUDENTS, headers=headers))}
    assert students["ZOE.A"]["grade"] == "4" and students["ZOE.A"]["parent_email"] == "parent@example.org"
    classes = {c["name"]: c["student_count"] for c in data(await client.get("/api/v1/classes", headers=headers))}
    assert classes == {"3A": 2, "3B": 1, "Chess club": 1}


async def test_invalid_rows_are_reported_and_nothing_is_imported(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    _, headers = await _teacher(client, session)
    rows = [
        STUDENT_HEADER,
        ["Ann", "Lee", "ann.lee", None, "2", None, None],
        ["", "Nofirst", "no.first", None, None, None, None],
        ["Bad", "Email", None, "not-an-email", None, None, None],
        ["Bad", "Username", "has space", None, None, None, None],
        ["No", "Login", None, None, None, None, None],
        ["Ann", "Again", "ANN.LEE", None, None, None, None],
        ["Formula", "Row", "=A2&B2", None, None, None, None],
        ["Bad", "Parent", "bad.parent", None, None, "parent@", None],
        ["Long", "Grade", "long.grade", None, "g" * 21, None, None],
    ]
    report = data(await upload(client, STUDENT_IMPORT, headers, xlsx(rows)))
    assert (report["rows_total"], report["rows_valid"], report["rows_invalid"]) == (9, 1, 8)
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 0, 0)
    problems = {(p["row"], p["column"]) for p in report["problems"]}
    assert problems == {
        (3, "first_name"),
        (4, "email"),
        (5, "username"),
        (6, "username"),
        (7, "username"),
        (8, "username"),
        (9, "parent_email"),
        (10, "grade"),
    }
    messages = {p["row"]: p["message"] for p in report["problems"]}
    assert messages[7] == "Duplicate of row 2." and "Formulas are not allowed" in messages[8]
    assert [p["status"] for p in report["preview"]] == ["new"] + ["invalid"] * 8
    assert report["error_sheet_url"] is None
    assert data(await client.get(STUDENTS, headers=headers)) == []


async def test_valid_only_imports_good_rows_and_serves_an_error_sheet_to_its_owner(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    school, headers = await _teacher(client, session)
    _, colleague = await _teacher(client, session, school=school)
    rows = [
        STUDENT_HEADER,
        ["Ann", "Lee", "ann.lee2", None, None, None, None],
        ["Bad", "Email", None, "nope", None, None, None],
        ["Sum", "Formula", "=1+1", None, None, None, None],
        ["Ben", "Fox", "ben.fox2", None, None, None, None],
    ]
    report = data(await upload(client, STUDENT_IMPORT, headers, xlsx(rows), mode="valid_only"))
    assert (report["created"], report["rows_invalid"]) == (2, 2)
    assert {c["username"] for c in report["created_credentials"]} == {"ann.lee2", "ben.fox2"}
    assert {s["username"] for s in data(await client.get(STUDENTS, headers=headers))} == {"ann.lee2", "ben.fox2"}

    url = report["error_sheet_url"]
    assert url.startswith("/api/v1/imports/error-sheets/")
    sheet = await client.get(url, headers=headers)
    assert sheet.status_code == 200 and sheet.headers["content-type"] == XLSX
    assert "attachment" in sheet.headers["content-disposition"]
    content = read_xlsx(sheet.content)
    assert content[0] == [*STUDENT_HEADER, "errors", "source_row"]
    assert [row[-1] for row in content[1:]] == [3, 4]
    assert content[1][3] == "nope" and "email" in content[1][-2]
    # The formula comes back as the text that was typed, never as a formula.
    assert content[2][2] == "=1+1" and "Formulas are not allowed" in content[2][-2]
    workbook = openpyxl.load_workbook(io.BytesIO(sheet.content))
    assert workbook.worksheets[0]["C3"].data_type == "s"

    assert error_code(await client.get(url, headers=colleague), 404) == "NOT_FOUND"
    missing = "/api/v1/imports/error-sheets/" + "x" * 32
    assert error_code(await client.get(missing, headers=headers), 404) == "NOT_FOUND"


async def test_validate_mode_is_a_dry_run(client: httpx.AsyncClient, session: AsyncSession) -> None:
    _, headers = await _teacher(client, session)
    rows = [
        STUDENT_HEADER,
        ["Cat", "Dog", "cat.dog", None, None, None, "Pets"],
        ["Bad", "Row", "x", None, None, None, None],
    ]
    report = data(await upload(client, STUDENT_IMPORT, headers, xlsx(rows), mode="validate"))
    assert report["mode"] == "validate" and (report["created"], report["rows_invalid"]) == (1, 1)
    assert report["created_credentials"] == [] and report["error_sheet_url"]
    assert data(await client.get(STUDENTS, headers=headers)) == []
    assert data(await client.get("/api/v1/classes", headers=headers)) == []
    bad_mode = await upload(client, STUDENT_IMPORT, headers, xlsx(rows), mode="maybe")
    assert error_code(bad_mode, 400) == "INVALID_INPUT"


async def test_malformed_files_are_refused(client: httpx.AsyncClient, session: AsyncSession) -> None:
    _, headers = await _teacher(client, session)
    refused = [
        (b"\x89PNG\r\n\x1a\n" + os.urandom(2000), "photo.xlsx"),  # not a spreadsheet at all
        (b"PK\x03\x04" + os.urandom(2000), "broken.xlsx"),  # a damaged zip
        (os.urandom(4000), "garbage.csv"),  # binary noise
        (b"\xff\xfe\x00a\x00b", "utf16.csv"),
        (b"first_name,last_name\nAnn,Lee\n", "students.pdf"),
        (b"", "empty.csv"),
        (xlsx([]), "empty.xlsx"),
    ]
    for content, filename in refused:
        response = await upload(client, STUDENT_IMPORT, headers, content, filename)
        assert error_code(response, 400) == "INVALID_INPUT", filename
        assert response.json()["error"]["details"][0]["field"] == "file"
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("xl/sharedStrings.xml", "w") as inflated:
            for _ in range(110):
                inflated.write(b" " * (1024 * 1024))
    assert len(bomb.getvalue()) < 1024 * 1024
    bombed = await upload(client, STUDENT_IMPORT, headers, bomb.getvalue(), "bomb.xlsx")
    assert error_code(bombed, 400) == "INVALID_INPUT" and "unpacks" in bombed.json()["error"]["message"]
    huge = await upload(client, STUDENT_IMPORT, headers, os.urandom(10 * 1024 * 1024), "huge.xlsx")
    assert error_code(huge, 400) == "INVALID_INPUT" and "5 MB" in huge.json()["error"]["message"]
    assert data(await client.get(STUDENTS, headers=headers)) == []


async def test_wrong_columns_are_reported_per_missing_column(client: httpx.AsyncClient, session: AsyncSession) -> None:
    _, headers = await _teacher(client, session)
    report = data(await upload(client, STUDENT_IMPORT, headers, xlsx([["name", "age"], ["Ann", 8], ["Ben", 9]])))
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(1, "first_name"), (1, "last_name")]
    assert (report["rows_total"], report["rows_valid"], report["rows_invalid"]) == (2, 0, 2)
    no_login = csv_bytes([["first_name", "last_name", "grade"], ["Ann", "Lee", "2"]])
    report = data(await upload(client, STUDENT_IMPORT, headers, no_login, "students.csv", mode="valid_only"))
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(1, "username")]
    assert report["created"] == 0 and report["error_sheet_url"] is None
    assert data(await client.get(STUDENTS, headers=headers)) == []


async def test_accounts_outside_the_teachers_scope_are_not_touched(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    school, headers = await _teacher(client, session)
    _, colleague = await _teacher(client, session, school=school)
    theirs = data(
        await client.post(STUDENTS, json={"full_name": "Their Kid", "username": "their.kid"}, headers=colleague), 201
    )
    other_school_student = await make_account(session, UserRole.STUDENT, username=True)
    a_teacher = await make_account(session, UserRole.TEACHER)
    rows = [
        STUDENT_HEADER,
        ["Stolen", "Kid", "their.kid", None, "9", None, None],
        ["Far", "Away", other_school_student.login, None, None, None, None],
        ["Not", "Student", None, a_teacher.login, None, None, None],
    ]
    report = data(await upload(client, STUDENT_IMPORT, headers, xlsx(rows), mode="valid_only"))
    assert report["rows_invalid"] == 3 and report["created"] == 0
    assert {p["message"] for p in report["problems"]} == {
        "This username is already used by another account.",
        "This email is already used by another account.",
    }
    refreshed = data(await client.get(STUDENTS, headers=colleague))
    assert [(s["id"], s["full_name"], s["grade"]) for s in refreshed] == [(theirs["id"], "Their Kid", None)]


async def test_admin_imports_publishers_schools_and_teachers_with_audit(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    admin_account, admin = await signed_in(client, session, UserRole.ADMIN)
    suffix = uuid.uuid4().hex[:8]
    publishers = [
        ["name", "contact_email", "login_email"],
        [f"Kitap {suffix}", "info@kitap.example", f"kitap-{suffix}@example.org"],
        [f"Bücher {suffix}", None, f"buecher-{suffix}@example.org"],
    ]
    report = data(await upload(client, ADMIN_IMPORT, admin, xlsx(publishers), kind="publishers"))
    assert (report["kind"], report["created"], report["rows_invalid"]) == ("publishers", 2, 0)
    again = data(await upload(client, ADMIN_IMPORT, admin, csv_bytes(publishers), "p.csv", kind="publishers"))
    assert (again["created"], again["unchanged"]) == (0, 2)

    schools = [
        ["publisher", "name", "address", "contact_email"],
        [f"KITAP {suffix}", "Atatürk İlkokulu", "İstanbul", None],
        [f"Bücher {suffix}", "Grundschule Nord", None, "nord@schule.example"],
        ["Nobody Publishes", "Ghost School", None, None],
    ]
    report = data(await upload(client, ADMIN_IMPORT, admin, xlsx(schools), kind="schools", mode="valid_only"))
    assert (report["created"], report["rows_invalid"]) == (2, 1)
    assert report["problems"][0]["column"] == "publisher"

    teachers = [
        ["full_name", "email", "school", "subject"],
        ["Ayşe Yılmaz", f"ayse-{suffix}@example.org", "Atatürk İlkokulu", "Math"],  # noqa: RUF001
        ["Jonas Berg", f"jonas-{suffix}@example.org", "grundschule nord", None],
    ]
    report = data(await upload(client, ADMIN_IMPORT, admin, xlsx(teachers), kind="teachers"))
    assert report["created"] == 2, report["problems"]
    teachers[1][3] = "Science"
    report = data(await upload(client, ADMIN_IMPORT, admin, xlsx(teachers), kind="teachers"))
    assert (report["created"], report["updated"]) == (0, 1)

    audit = data(
        await client.get(
            "/api/v1/admin/audit-log",
            params={"actor_user_id": str(admin_account.user.id), "per_page": 100},
            headers=admin,
        )
    )
    actions = [entry["action"] for entry in audit]
    assert actions.count("publisher.create") == 2 and actions.count("school.create") == 2
    assert actions.count("teacher.create") == 2 and actions.count("bulk_import") == 5
    [update] = [entry for entry in audit if entry["action"] == "teacher.update"]
    assert update["before"] == {"subject": "Math"} and update["after"] == {"subject": "Science"}
    # Every bulk-written entry keeps who acted, for when the account is deleted.
    snapshots = await session.execute(
        select(col(AuditLogEntry.actor_name), col(AuditLogEntry.actor_email))
        .where(col(AuditLogEntry.actor_user_id) == admin_account.user.id)
        .distinct()
    )
    assert list(snapshots) == [(admin_account.user.full_name, admin_account.user.email)]

    bad_kind = await upload(client, ADMIN_IMPORT, admin, xlsx(teachers), kind="students")
    assert error_code(bad_kind, 400) == "INVALID_INPUT"


async def test_publisher_imports_teachers_only_into_its_own_schools(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    publisher_account, own_school = await make_publisher(session)
    _, other_school = await make_publisher(session)
    headers = bearer(await login(client, publisher_account.login))
    foreign_teacher = await make_account(session, UserRole.TEACHER, school=other_school)
    suffix = uuid.uuid4().hex[:8]
    rows = [
        ["Full Name", "Email", "School", "Subject"],
        ["Ok Teacher", f"ok-{suffix}@example.org", own_school.name, "Art"],
        ["By Id", f"byid-{suffix}@example.org", str(own_school.id), None],
        ["Wrong School", f"wrong-{suffix}@example.org", other_school.name, None],
        ["Wrong School Id", f"wrongid-{suffix}@example.org", str(other_school.id), None],
        ["Foreign", foreign_teacher.login, own_school.name, None],
    ]
    report = data(await upload(client, PUBLISHER_IMPORT, headers, xlsx(rows), mode="valid_only"))
    assert (report["created"], report["rows_invalid"]) == (2, 3)
    assert {(p["row"], p["column"]) for p in report["problems"]} == {(4, "school"), (5, "school"), (6, "email")}
    listed = data(await client.get("/api/v1/publishers/me/teachers", headers=headers))
    assert {t["email"] for t in listed} == {f"ok-{suffix}@example.org", f"byid-{suffix}@example.org"}
    audit_actions = {
        entry["action"]
        for entry in data(
            await client.get(
                "/api/v1/admin/audit-log",
                params={"actor_user_id": str(publisher_account.user.id)},
                headers=(await signed_in(client, session, UserRole.ADMIN))[1],
            )
        )
    }
    assert audit_actions == {"teacher.create", "bulk_import"}
    # A teacher may not use the admin or publisher import.
    _, teacher = await _teacher(client, session)
    assert error_code(await upload(client, PUBLISHER_IMPORT, teacher, xlsx(rows)), 403) == "FORBIDDEN"
    assert error_code(await upload(client, ADMIN_IMPORT, headers, xlsx(rows), kind="teachers"), 403) == "FORBIDDEN"


async def test_import_routes_count_as_uploads(client: httpx.AsyncClient) -> None:
    openapi = (await client.get("/api/v1/openapi.json")).json()
    for path in (STUDENT_IMPORT, ADMIN_IMPORT, PUBLISHER_IMPORT):
        assert openapi["paths"][path]["post"]["x-rate-category"] == "upload"
