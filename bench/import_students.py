"""5,000 students imported from one .xlsx through the real endpoint of a running API (target: under 10 s).

Seeds a publisher, a school and a teacher into the database, starts `dream-lms serve`, builds an .xlsx of N
student rows in memory (usernames only by default, so every row gets a friendly password: the slowest case;
`--email-share` gives that share of rows an email instead), spread over a few classes that the import creates,
then times `POST /api/v1/teachers/me/students/bulk-import` end to end: a dry run (`validate`), the import
(`all_or_nothing`) and the same file again (every row unchanged). Uses the embedded servers on their own ports
unless `DATABASE_URL` / `REDIS_URL` / `S3_ENDPOINT` name servers to use. Prints figures only.

    .venv/bin/python bench/import_students.py [--rows 5000] [--email-share 0.0] [--port-base 23970]
"""

import argparse
import asyncio
import io
import signal
import subprocess
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import openpyxl
from seeding import seed_school
from servers import settings_for, start_api  # the bench folder is on sys.path

from dream_lms import migrate
from dream_lms.core.resources import open_resources
from dream_lms.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-import-pass"  # noqa: S105 (the seeded bench account)
IMPORT_PATH = "/api/v1/teachers/me/students/bulk-import"
FIRST_NAMES = ["Ada", "Zoë", "Дмитрий", "李", "Ayşe", "Jonas", "María", "Noah", "Amira", "Kenji"]
LAST_NAMES = ["Lovelace", "Ångström", "Иванов", "小龙", "Yılmaz", "Berg", "García", "Smith", "Haddad", "Sato"]  # noqa: RUF001


async def seed(settings: Settings) -> str:
    """A fresh publisher, school and teacher; returns the teacher's login."""
    resources = open_resources(settings)
    try:
        async with resources.sessionmaker() as session, session.begin():
            seeded = await seed_school(session, PASSWORD)
            return seeded.teacher_user.username or ""
    finally:
        await resources.close()


def workbook(rows: int, email_share: float) -> bytes:
    tag = uuid.uuid4().hex[:6]
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("students")
    sheet.append(["first_name", "last_name", "username", "email", "grade", "parent_email", "class"])
    with_email = int(rows * email_share)
    for index in range(rows):
        login = f"s{index:05d}.{tag}"
        username, email = (None, f"{login}@school.example") if index < with_email else (login, None)
        sheet.append(
            [
                FIRST_NAMES[index % len(FIRST_NAMES)],
                LAST_NAMES[(index // len(FIRST_NAMES)) % len(LAST_NAMES)],
                username,
                email,
                str(1 + index % 6),
                f"parent{index}@home.example" if index % 3 == 0 else None,
                f"Class {1 + index % 20}",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def run(url: str, teacher: str, content: bytes) -> list[tuple[str, float, dict[str, Any]]]:
    results = []
    async with httpx.AsyncClient(base_url=url, timeout=300) as client:
        response = await client.post("/api/v1/auth/login", json={"login": teacher, "password": PASSWORD})
        response.raise_for_status()
        headers = {"Authorization": f"Bearer {response.json()['data']['access_token']}"}
        for label, mode in (
            ("validate (dry run)", "validate"),
            ("import", "all_or_nothing"),
            ("re-run", "all_or_nothing"),
        ):
            started = time.perf_counter()
            response = await client.post(
                IMPORT_PATH,
                headers=headers,
                files={"file": ("students.xlsx", content, "application/octet-stream")},
                data={"mode": mode},
            )
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise RuntimeError(f"{mode}: {response.status_code} {response.text[:500]}")
            results.append((label, elapsed, response.json()["data"]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--email-share", type=float, default=0.0, help="share of rows with an email, not a username")
    parser.add_argument("--data-dir", type=Path, default=PROJECT_ROOT / ".dream-data" / "bench" / "import_students")
    parser.add_argument("--port-base", type=int, default=23970, help="nine ports for the embedded servers")
    parser.add_argument("--keep-running", action="store_true", help="leave the embedded servers running")
    arguments = parser.parse_args()

    settings, stack = settings_for(arguments)
    process = None
    try:
        migrate.upgrade(settings.database_url)
        teacher = asyncio.run(seed(settings))
        content = workbook(arguments.rows, arguments.email_share)
        process, url = start_api(settings)
        results = asyncio.run(run(url, teacher, content))
        print(
            f"{arguments.rows} student rows ({len(content) / 1024:.0f} KiB .xlsx, {arguments.email_share:.0%} email):"
        )
        for label, seconds, report in results:
            counts = f"created {report['created']}, updated {report['updated']}, unchanged {report['unchanged']}"
            print(f"  {label:20} {seconds:6.2f} s   ({counts}, invalid {report['rows_invalid']})")
    finally:
        if process is not None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
        if stack is not None and not arguments.keep_running:
            stack.stop()


if __name__ == "__main__":
    main()
