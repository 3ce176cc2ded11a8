"""A class of 30 starting, saving and submitting one assignment at once, against a real running API.

Seeds a school (teacher, class of N students, a book of two activities) into the database, starts
`dream-lms serve` (rate limits off: every student comes from 127.0.0.1), has the teacher create the assignment
through the API, then for each round all students at once: `GET .../start`, `POST .../save-progress`,
`POST .../submit` (each phase starts when the previous one has finished for everyone). Prints p50/p99/max per
endpoint. Uses the embedded servers on their own ports unless `DATABASE_URL` / `REDIS_URL` / `S3_ENDPOINT` name
servers to use. Prints figures only.

    .venv/bin/python bench/class_load.py [--students 30] [--rounds 3] [--workers 1] [--port-base 23960]
"""

import argparse
import asyncio
import signal
import statistics
import subprocess
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from seeding import seed_school
from servers import settings_for, start_api  # the bench folder is on sys.path

from dream_lms import migrate
from dream_lms.books.models import Activity, ActivityType, Book
from dream_lms.books.samples import choices, fill_picture
from dream_lms.core.resources import open_resources
from dream_lms.orgs.models import ClassStudent, SchoolClass
from dream_lms.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-class-load-pass"  # noqa: S105 (the seeded bench accounts)
CIRCLE = choices("circle", "circleCount", None, "Circle", [[("a", True), ("b", False)], [("c", False), ("d", True)]])[0]
FILL = fill_picture("Fill", ["bed", "lamp"], ["bed", "lamp"])[0]


async def seed(settings: Settings, students: int) -> dict[str, Any]:
    """A fresh publisher/school/teacher/class of `students` and a book; returns logins and ids."""
    resources = open_resources(settings)
    try:
        async with resources.sessionmaker() as session, session.begin():
            seeded = await seed_school(session, PASSWORD)
            teacher, school, publisher, tag = seeded.teacher, seeded.school, seeded.publisher, seeded.tag
            school_class = SchoolClass(teacher_id=teacher.id, school_id=school.id, name="Bench class")
            session.add(school_class)
            student_users, profiles = await seeded.students(students, "bench-student")
            session.add_all(ClassStudent(class_id=school_class.id, student_id=p.id) for p in profiles)
            book = Book(dream_storage_id=f"BENCH-CLASS-{tag}", title="Bench book", publisher_id=publisher.id)
            session.add(book)
            await session.flush()
            activities = [
                Activity(
                    book_id=book.id,
                    location_key=f"0/1/{index}",
                    module_name="Module 1",
                    page_number=1,
                    section_index=index,
                    order_index=index,
                    activity_type=ActivityType(config["type"]),
                    title=f"Exercise {index + 1}",
                    config=config,
                    content_hash=uuid.uuid4().hex + uuid.uuid4().hex,
                )
                for index, config in enumerate([CIRCLE, FILL])
            ]
            session.add_all(activities)
            await session.flush()
            return {
                "teacher": seeded.teacher_user.username,
                "students": [u.username for u in student_users],
                "class_id": str(school_class.id),
                "book_id": str(book.id),
                "activity_ids": [str(a.id) for a in activities],
            }
    finally:
        await resources.close()


async def login(client: httpx.AsyncClient, name: str) -> dict[str, str]:
    response = await client.post("/api/v1/auth/login", json={"login": name, "password": PASSWORD})
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['data']['access_token']}"}


async def timed(client: httpx.AsyncClient, method: str, url: str, headers: dict[str, str], body: Any = None) -> float:
    started = time.perf_counter()
    response = await client.request(method, url, headers=headers, json=body)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{method} {url}: {response.status_code} {response.text[:300]}")
    return elapsed


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


async def run(url: str, seeded: dict[str, Any], rounds: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {"start": [], "save-progress": [], "submit": []}
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        teacher = await login(client, seeded["teacher"])
        students = [await login(client, name) for name in seeded["students"]]
        circle, fill = seeded["activity_ids"]
        for round_number in range(rounds):
            response = await client.post(
                "/api/v1/assignments",
                headers=teacher,
                json={
                    "name": f"Bench round {round_number + 1}",
                    "book_id": seeded["book_id"],
                    "activity_ids": seeded["activity_ids"],
                    "targets": {"class_ids": [seeded["class_id"]]},
                    "time_limit_minutes": 30,
                },
            )
            response.raise_for_status()
            base = f"/api/v1/assignments/{response.json()['data']['id']}"
            phases: list[tuple[str, str, str, Any]] = [
                ("start", "GET", f"{base}/start", None),
                ("save-progress", "POST", f"{base}/save-progress", {"answers": {circle: {"selected": [0]}}}),
                (
                    "submit",
                    "POST",
                    f"{base}/submit",
                    {"answers": {fill: {"blanks": {"0": "bed", "1": "lamp"}}}, "client_score": 100},
                ),
            ]
            for name, method, path, body in phases:
                timings[name] += await asyncio.gather(*(timed(client, method, path, h, body) for h in students))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3, help="assignments, each started/saved/submitted by all")
    parser.add_argument("--workers", type=int, default=1, help="API worker processes")
    parser.add_argument("--data-dir", type=Path, default=PROJECT_ROOT / ".dream-data" / "bench" / "class_load")
    parser.add_argument("--port-base", type=int, default=23960, help="nine ports for the embedded servers")
    parser.add_argument("--keep-running", action="store_true", help="leave the embedded servers running")
    arguments = parser.parse_args()

    settings, stack = settings_for(arguments)
    process = None
    try:
        migrate.upgrade(settings.database_url)
        seeded = asyncio.run(seed(settings, arguments.students))
        process, url = start_api(settings, arguments.workers)
        timings = asyncio.run(run(url, seeded, arguments.rounds))
        print(f"class of {arguments.students}, {arguments.rounds} round(s), {arguments.workers} API worker(s):")
        for name, values in timings.items():
            print(
                f"  {name:14} n={len(values):4}  p50 {1000 * statistics.median(values):7.1f} ms"
                f"  p99 {1000 * percentile(values, 0.99):7.1f} ms  max {1000 * max(values):7.1f} ms"
            )
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
