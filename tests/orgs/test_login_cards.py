"""Login cards: a PDF that opens, one card per student, eight to an A4 page, with new passwords only on request,
and only for the teacher's own students."""

import base64
import re
import uuid
import zlib

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from dream_lms.auth.models import User, UserRole
from dream_lms.orgs.models import School, Student
from tests.factories import PASSWORD, make_account
from tests.orgs.helpers import data, error_code, signed_in

STUDENTS = "/api/v1/teachers/me/students"
CARDS = f"{STUDENTS}/login-cards"
FRIENDLY = re.compile(r"^[a-z]+-[a-z]+-[1-9][0-9]$")
_STREAM = re.compile(rb"obj\s*<<((?:(?!endobj).)*?)>>\s*stream\r?\n(.*?)endstream", re.DOTALL)


def pdf_text(pdf: bytes) -> str:
    """The decoded content streams (reportlab writes ASCII85 + Flate), enough to find Latin-1 text."""
    parts = []
    for dictionary, stream in _STREAM.findall(pdf):
        if b"/Subtype /Image" in dictionary or b"FontFile" in dictionary or b"/Length1" in dictionary:
            continue
        if b"ASCII85Decode" in dictionary:
            stream = base64.a85decode(stream.strip().removesuffix(b"~>"))
        if b"FlateDecode" in dictionary:
            stream = zlib.decompress(stream)
        parts.append(stream.decode("latin-1"))
    return "\n".join(parts)


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


async def _teacher_with_students(
    client: httpx.AsyncClient, session: AsyncSession, count: int
) -> tuple[School, dict[str, str], list[dict[str, str]]]:
    """A teacher and `count` students it created (straight in the database: quicker than the API's hashing)."""
    account, headers = await signed_in(client, session, UserRole.TEACHER)
    school = await session.get(School, account.school_id)
    assert school is not None
    students = []
    for index in range(count):
        kid = await make_account(session, UserRole.STUDENT, school=school, username=True)
        kid.user.full_name = f"Card Kid {index:02d}"
        profile = await session.get(Student, kid.profile_id)
        assert profile is not None
        profile.created_by_teacher_id = account.profile_id
        students.append({"id": str(kid.profile_id), "username": kid.login, "full_name": kid.user.full_name})
    await session.flush()
    return school, headers, students


def _printed_passwords(text: str) -> dict[str, str]:
    """username -> the password printed on its card (each card: school, name, label, login, label, password)."""
    shown = re.findall(r"\((.*?)\) Tj", text)
    return {shown[i]: shown[i + 2] for i in range(len(shown) - 2) if shown[i + 1] == "Password:"}


async def _signs_in(client: httpx.AsyncClient, login_name: str, password: str) -> bool:
    response = await client.post("/api/v1/auth/login", json={"login": login_name, "password": password})
    return response.status_code == 200


async def test_cards_with_new_passwords_one_per_student(client: httpx.AsyncClient, session: AsyncSession) -> None:
    school, headers, students = await _teacher_with_students(client, session, 10)
    response = await client.post(
        CARDS, json={"student_ids": [s["id"] for s in students], "reset_passwords": True}, headers=headers
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert 'filename="login-cards.pdf"' in response.headers["content-disposition"]
    pdf = response.content
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert page_count(pdf) == 2  # 10 cards, 8 to a page
    text = pdf_text(pdf)
    assert text.count("(Password:)") == 10 and "Ask your teacher" not in text
    for student in students:
        assert text.count(f"({student['full_name']})") == 1
        assert text.count(f"({student['username']})") == 1
    assert text.count(f"({school.name})") == 10
    assert text.count("(http://127.0.0.1:8000)") == 10

    # The printed passwords are new friendly ones: they sign in, the old one no longer does.
    printed = _printed_passwords(text)
    assert set(printed) == {s["username"] for s in students}
    assert all(FRIENDLY.match(password) for password in printed.values())
    first, last = students[0], students[-1]
    assert not await _signs_in(client, first["username"], PASSWORD)
    printed_hash = await session.scalar(select(User.password_hash).where(col(User.username) == last["username"]))
    assert printed_hash is not None and "m=1024" in printed_hash  # cheap to make in bulk...
    assert await _signs_in(client, first["username"], printed[first["username"]])
    upgraded = await session.scalar(select(User.password_hash).where(col(User.username) == first["username"]))
    assert upgraded is not None and "m=65536" in upgraded  # ...and upgraded by the first sign-in
    assert await _signs_in(client, last["username"], printed[last["username"]])


async def test_cards_without_reset_keep_passwords_and_follow_a_class(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    _, headers, students = await _teacher_with_students(client, session, 3)
    school_class = data(await client.post("/api/v1/classes", json={"name": "2C"}, headers=headers), 201)
    await client.post(
        f"/api/v1/classes/{school_class['id']}/students",
        json={"student_ids": [students[0]["id"], students[1]["id"]]},
        headers=headers,
    )
    response = await client.post(CARDS, json={"class_id": school_class["id"]}, headers=headers)
    assert response.status_code == 200, response.text
    text = pdf_text(response.content)
    assert page_count(response.content) == 1
    assert text.count("Ask your teacher for your password.") == 2
    assert f"({students[0]['username']})" in text and f"({students[2]['username']})" not in text
    # Passwords unchanged.
    kept = await client.post("/api/v1/auth/login", json={"login": students[0]["username"], "password": PASSWORD})
    assert kept.status_code == 200

    # A class plus an extra student; an email address is printed when there is no username.
    emailed = data(
        await client.post(
            STUDENTS,
            json={"full_name": "Mail Kid", "email": f"mail-{uuid.uuid4().hex[:6]}@example.org"},
            headers=headers,
        ),
        201,
    )
    both = await client.post(
        CARDS, json={"class_id": school_class["id"], "student_ids": [emailed["id"]]}, headers=headers
    )
    text = pdf_text(both.content)
    assert text.count("Password:") == 3 and f"({emailed['email']})" in text and "(Email:)" in text


async def test_cards_for_non_latin_names(client: httpx.AsyncClient, session: AsyncSession) -> None:
    _, headers = await signed_in(client, session, UserRole.TEACHER)
    ids = []
    for name, username in (("Дмитрий Иванов", "dima"), ("李小龙", "li"), ("Zoë Ångström", "zoe")):
        body = {"full_name": name, "username": f"{username}.{uuid.uuid4().hex[:6]}"}
        ids.append(data(await client.post(STUDENTS, json=body, headers=headers), 201)["id"])
    response = await client.post(CARDS, json={"student_ids": ids, "reset_passwords": True}, headers=headers)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert pdf_text(response.content).count("Password:") == 3


async def test_cards_only_for_the_teachers_students(client: httpx.AsyncClient, session: AsyncSession) -> None:
    school, headers, students = await _teacher_with_students(client, session, 1)
    _, colleague = await signed_in(client, session, UserRole.TEACHER, school=school)
    stranger = await make_account(session, UserRole.STUDENT, school=school)
    colleague_class = data(await client.post("/api/v1/classes", json={"name": "Theirs"}, headers=colleague), 201)

    for body in (
        {"student_ids": [students[0]["id"], str(stranger.profile_id)]},
        {"student_ids": [str(uuid.uuid4())]},
        {"class_id": colleague_class["id"]},
    ):
        assert error_code(await client.post(CARDS, json=body, headers=headers), 404) == "NOT_FOUND"
    mine = await client.post(
        CARDS, json={"student_ids": [students[0]["id"]], "reset_passwords": True}, headers=colleague
    )
    assert error_code(mine, 404) == "NOT_FOUND"
    assert error_code(await client.post(CARDS, json={}, headers=headers), 400) == "INVALID_INPUT"
    _, student = await signed_in(client, session, UserRole.STUDENT)
    assert error_code(await client.post(CARDS, json={"student_ids": [students[0]["id"]]}, headers=student), 403)
    # Nothing was reset by the refused requests.
    kept = await client.post("/api/v1/auth/login", json={"login": students[0]["username"], "password": PASSWORD})
    assert kept.status_code == 200
