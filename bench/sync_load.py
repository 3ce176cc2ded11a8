"""Offline sync under load: devices pushing batches of ops, the asyncpg ceiling, and a reconnect storm.

Seeds a school into the database (classes of 30 students, each class given four assignments of ten activities:
one each for the push, paced, storm and ceiling phases), starts `dream-lms serve` (rate limits off: every
device comes from 127.0.0.1) and mints each student's access token directly (no password hashing in the way).

1. Push: `--devices` devices (each a student working on its own attempt) push `--batches` batches of `--ops` ops
   each, all devices at once (a device sends its next batch when the previous one answered). Prints ops/s and
   p50/p99 batch latency: from the first send until every op of the batch was answered, so a push refused with a
   5xx (e.g. 503 when the database pool is exhausted) and retried with backoff, as the PWA does, counts in full.
2. Ceiling: the rows the server writes, straight to PostgreSQL with asyncpg, with the same concurrency and batching:
   per batch one transaction upserting the device, inserting the batch's `sync_ops` rows, upserting the attempt's
   final state, updating the student's assignment row and appending one feed entry (the server merges a batch's
   ops of one attempt in memory and writes the attempt once). Prints ops/s and the ratio push / ceiling.
3. Paced: the same load as the PWA sends it: each device pushes a batch once per `--interval` seconds (the PWA's
   change-push interval), starting at a random moment of the first interval. Prints p50/p99 batch latency.
4. Reconnect storm: `--storm-devices` devices each with `--storm-ops` queued ops (start, progress, submit) push them
   at once in one batch; a device retries what failed (transport errors, 5xx, retryable op results) as the PWA
   does. Prints the seconds until every op was answered, then counts in the database that every op has its
   `sync_ops` row with a non-rejected result and every attempt holds every answer; prints "zero loss: yes/no".

Uses the embedded servers on their own ports unless `DATABASE_URL` / `REDIS_URL` / `S3_ENDPOINT` name servers to
use. Prints figures only. The default run takes about 2 minutes on a 2-core machine (figures on issue 8);
`--devices 60 --storm-devices 150 --interval 5` gives a quick look.

    .venv/bin/python bench/sync_load.py [--devices 300] [--ops 50] [--batches 1] [--interval 30]
        [--storm-devices 900] [--storm-ops 20] [--workers 2] [--port-base 23970]
"""

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg
from class_load import percentile  # the sibling bench script (its folder is on sys.path)
from seeding import seed_school
from servers import cpu_seconds, settings_for, start_api

from dream_lms import migrate
from dream_lms.assignments.models import (
    Assignment,
    AssignmentActivity,
    AssignmentStatus,
    AssignmentStudent,
    AssignmentTarget,
)
from dream_lms.attempts.merge import attempt_id_for
from dream_lms.auth.models import UserRole
from dream_lms.auth.tokens import Principal, create_access_token
from dream_lms.books.models import Activity, ActivityType, Book
from dream_lms.core.resources import open_resources
from dream_lms.orgs.models import ClassStudent, SchoolClass
from dream_lms.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-sync-load-pass"  # noqa: S105 (the seeded bench accounts; never used to sign in)
BLANKS = {"type": "fillpicture", "answer": [{"text": "cat"}, {"text": "dog"}]}
ACTIVITIES = 10
CLASS_SIZE = 30
FINISHED = {"applied", "merged", "duplicate"}


@dataclass
class Device:
    """One simulated app: a student, its device id, and the ops it has queued, in order."""

    user_id: uuid.UUID
    student_id: uuid.UUID
    assignment_student_id: uuid.UUID | None  # seeded only for the ceiling's assignment
    headers: dict[str, str]
    device_id: str
    assignment_id: str
    attempt_id: str
    ops: list[dict[str, Any]] = field(default_factory=list)
    final: dict[str, Any] = field(default_factory=dict)  # the last state: what the server must hold


# ---------------------------------------------------------------------------------------------------------------
# Seeding


async def seed(settings: Settings, students: int, ceiling_students: int) -> dict[str, Any]:
    """A publisher, school, teacher, classes of 30, a book of ten activities and three assignments per class."""
    resources = open_resources(settings)
    try:
        async with resources.sessionmaker() as session, session.begin():
            seeded = await seed_school(session, PASSWORD)
            teacher, school, publisher, tag = seeded.teacher, seeded.school, seeded.publisher, seeded.tag
            book = Book(dream_storage_id=f"BENCH-SYNC-{tag}", title="Bench sync book", publisher_id=publisher.id)
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
                    activity_type=ActivityType.FILL_PICTURE,
                    title=f"Exercise {index + 1}",
                    config=BLANKS,
                    content_hash=uuid.uuid4().hex,
                )
                for index in range(ACTIVITIES)
            ]
            session.add_all(activities)
            student_users, profiles = await seeded.students(students, "bench-sync-student")
            purposes = ("push", "paced", "storm", "ceiling")
            assignment_of: dict[str, list[uuid.UUID]] = {purpose: [] for purpose in purposes}
            for first in range(0, students, CLASS_SIZE):
                school_class = SchoolClass(teacher_id=teacher.id, school_id=school.id, name=f"Bench class {first}")
                session.add(school_class)
                await session.flush()
                members = profiles[first : first + CLASS_SIZE]
                session.add_all(ClassStudent(class_id=school_class.id, student_id=p.id) for p in members)
                for purpose in purposes:
                    assignment = Assignment(teacher_id=teacher.id, book_id=book.id, name=f"Bench {purpose} {first}")
                    session.add(assignment)
                    await session.flush()
                    session.add_all(
                        AssignmentActivity(assignment_id=assignment.id, activity_id=activity.id, position=position)
                        for position, activity in enumerate(activities)
                    )
                    session.add(AssignmentTarget(assignment_id=assignment.id, class_id=school_class.id))
                    assignment_of[purpose] += [assignment.id] * len(members)
            # The ceiling writes attempts directly, so it needs the rows the server would create lazily.
            ceiling_rows = [
                AssignmentStudent(
                    assignment_id=assignment_of["ceiling"][index],
                    student_id=profiles[index].id,
                    status=AssignmentStatus.IN_PROGRESS,
                )
                for index in range(ceiling_students)
            ]
            session.add_all(ceiling_rows)
            await session.flush()
            return {
                "students": [
                    Principal(
                        user_id=u.id,
                        role=UserRole.STUDENT,
                        profile_id=p.id,
                        school_id=school.id,
                        publisher_id=publisher.id,
                    )
                    for u, p in zip(student_users, profiles, strict=True)
                ],
                "assignments": {purpose: [str(a) for a in ids] for purpose, ids in assignment_of.items()},
                "ceiling_rows": [row.id for row in ceiling_rows],
                "activity_ids": [str(a.id) for a in activities],
            }
    finally:
        await resources.close()


# ---------------------------------------------------------------------------------------------------------------
# Building ops (PROTOCOL.md: each local change bumps the device's vector entry)


def now_ms() -> int:
    return int(time.time() * 1000)


def make_ops(device: Device, count: int, activity_ids: list[str], *, submit_last: bool) -> None:
    """`count` ops of one device on its attempt: the start, progress answering the activities in turn, a submit."""
    me = device.device_id
    wall = now_ms() - 600_000
    state: dict[str, Any] = {
        "attempt_id": device.attempt_id,
        "assignment_id": device.assignment_id,
        "attempt_number": 1,
        "status": "in_progress",
        "version_vector": {me: 1},
        "answers": {},
        "answers_not_submitted": {},
        "time_spent": {},
        "started": {"hlc": {"wall": wall, "counter": 0, "device": me}, "device_time": wall},
        "submitted": None,
    }
    ops = [{"op_id": str(uuid.uuid4()), "kind": "start_attempt", "attempt": state}]
    for step in range(1, count):
        counter = step + 1
        state = {**state, "version_vector": {me: counter}, "time_spent": {me: step * 5}}
        hlc = {"wall": wall + step, "counter": counter, "device": me}
        if submit_last and step == count - 1:
            state = {**state, "status": "submitted", "submitted": {"hlc": hlc, "device_time": wall + step}}
            ops.append({"op_id": str(uuid.uuid4()), "kind": "submit_attempt", "attempt": state})
        else:
            activity = activity_ids[step % len(activity_ids)]
            answers = {**state["answers"], activity: {"value": {"blanks": {"0": f"w{step}"}}, "hlc": hlc}}
            state = {**state, "answers": answers}
            ops.append({"op_id": str(uuid.uuid4()), "kind": "save_progress", "attempt": state})
    device.ops = ops
    device.final = state


def make_devices(
    seeded: dict[str, Any], settings: Settings, purpose: str, count: int, ops: int, *, submit_last: bool
) -> list[Device]:
    devices = []
    for index in range(count):
        principal: Principal = seeded["students"][index]
        assert principal.profile_id is not None
        assignment_id = seeded["assignments"][purpose][index]
        device = Device(
            user_id=principal.user_id,
            student_id=principal.profile_id,
            assignment_student_id=seeded["ceiling_rows"][index] if purpose == "ceiling" else None,
            headers={"Authorization": f"Bearer {create_access_token(principal, settings)}"},
            device_id=str(uuid.uuid4()),
            assignment_id=assignment_id,
            attempt_id=attempt_id_for(assignment_id, str(principal.profile_id), 1),
        )
        make_ops(device, ops, seeded["activity_ids"], submit_last=submit_last)
        devices.append(device)
    return devices


# ---------------------------------------------------------------------------------------------------------------
# The API


@dataclass
class PushStats:
    latencies: list[float] = field(default_factory=list)
    retries: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    failed: dict[str, int] = field(default_factory=dict)  # pushes not answered with 200, by status

    def count_failure(self, reason: str) -> None:
        self.failed[reason] = self.failed.get(reason, 0) + 1


async def _post(
    client: aiohttp.ClientSession, device: Device, body: str, stats: PushStats
) -> tuple[int, dict[str, Any] | str] | None:
    """One push: (status, parsed body or text), or None when the connection failed."""
    try:
        async with client.post(
            "/api/v1/sync/push", data=body, headers=device.headers | {"Content-Type": "application/json"}
        ) as response:
            text = await response.text()
    except (aiohttp.ClientError, TimeoutError) as exc:
        stats.count_failure(type(exc).__name__)
        return None
    if response.status != 200:
        stats.count_failure(f"HTTP {response.status}")
        return response.status, text
    return response.status, json.loads(text)


async def push_until_answered(
    client: aiohttp.ClientSession, device: Device, ops: list[dict[str, Any]], encoded_ops: str, stats: PushStats
) -> None:
    """Push `ops` as one batch; re-push what did not finish (as the PWA's outbox does) until every op is answered."""
    pending = ops
    delay = 0.2
    started = time.perf_counter()
    while pending:
        if pending is not ops:
            encoded_ops = json.dumps(pending)
        body = f'{{"device_id": "{device.device_id}", "client_time": {now_ms()}, "ops": {encoded_ops}}}'
        answer = await _post(client, device, body, stats)
        if answer is not None and isinstance(answer[1], dict):
            results = answer[1]["data"]["results"]
            retry = []
            for sent, result in zip(pending, results, strict=True):
                if result["outcome"] in FINISHED:
                    continue
                error = result.get("error", {})
                if error.get("retryable"):
                    retry.append(sent)
                else:
                    stats.rejected[error.get("code", "?")] = stats.rejected.get(error.get("code", "?"), 0) + 1
            pending = retry
        elif answer is not None and answer[0] < 500 and answer[0] != 429:
            raise RuntimeError(f"push: {answer[0]} {str(answer[1])[:300]}")
        if pending:
            stats.retries += 1
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5)
    stats.latencies.append(time.perf_counter() - started)  # the batch's latency: until every op was answered


async def push_phase(url: str, devices: list[Device], batch: int, spread: float = 0) -> tuple[float, PushStats]:
    """Every device pushes its ops in batches of `batch`; with `spread`, a device waits a random part of `spread`
    seconds before its first batch and `spread` seconds between batches (the PWA's push interval), else none."""
    stats = PushStats()
    # aiohttp rather than httpx: the load generator shares the machine's cores with the server, and aiohttp spends
    # a fifth of httpx's CPU per push (measured here: 0.5 s instead of 2.7 s for 300 pushes of 50 ops).
    connector = aiohttp.TCPConnector(limit=len(devices))
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(base_url=url, connector=connector, timeout=timeout) as client:
        # Devices encode their ops, not the machine under test: encoded before the clock starts, so the bench
        # client's JSON work competes less with the server for the cores (`client_time` is written at send time).
        batches = [
            [
                (device.ops[first : first + batch], json.dumps(device.ops[first : first + batch]))
                for first in range(0, len(device.ops), batch)
            ]
            for device in devices
        ]

        async def one(device: Device, its_batches: list[tuple[list[dict[str, Any]], str]]) -> None:
            await asyncio.sleep(random.uniform(0, spread))
            for index, (ops, encoded) in enumerate(its_batches):
                if index:
                    await asyncio.sleep(spread)
                await push_until_answered(client, device, ops, encoded, stats)

        started = time.perf_counter()
        await asyncio.gather(*(one(device, its) for device, its in zip(devices, batches, strict=True)))
        return time.perf_counter() - started, stats


# ---------------------------------------------------------------------------------------------------------------
# The ceiling: the same rows straight to PostgreSQL


def asyncpg_dsn(database_url: str) -> str:
    return database_url.replace("postgresql+asyncpg://", "postgresql://", 1)


DEVICE_UPSERT = """
INSERT INTO devices (user_id, id, last_seen_at) VALUES ($1, $2, now())
ON CONFLICT (user_id, id) DO UPDATE SET last_seen_at = excluded.last_seen_at
"""
OP_INSERT = """
INSERT INTO sync_ops (user_id, device_id, op_id, kind, result) VALUES ($1, $2, $3, $4, $5::jsonb)
ON CONFLICT DO NOTHING
"""
ATTEMPT_UPSERT = """
INSERT INTO attempts (id, assignment_student_id, attempt_number, status, answers, version_vector, time_spent,
                      started_event, submitted_event, started_at)
VALUES ($1, $2, 1, $3::attempt_status, $4::jsonb, $5::jsonb, $6::jsonb, $7::jsonb, $8::jsonb, $9)
ON CONFLICT (id) DO UPDATE SET status = excluded.status, answers = excluded.answers,
    version_vector = excluded.version_vector, time_spent = excluded.time_spent,
    started_event = excluded.started_event, submitted_event = excluded.submitted_event
"""
STUDENT_ROW_UPDATE = """
UPDATE assignment_students SET status = 'in_progress', started_at = $2, time_spent_seconds = $3, attempts_used = 1
WHERE id = $1
"""
FEED_INSERT = """
INSERT INTO change_feed (user_id, entity_type, entity_id, op, payload) VALUES ($1, 'attempt', $2, 'upsert', $3::jsonb)
"""


async def ceiling_phase(
    database_url: str, devices: list[Device], batch: int, pool_size: int
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    pool = await asyncpg.create_pool(asyncpg_dsn(database_url), min_size=pool_size, max_size=pool_size)
    try:

        async def write(device: Device, ops: list[dict[str, Any]]) -> None:
            started = time.perf_counter()
            user, dev, attempt = device.user_id, uuid.UUID(device.device_id), uuid.UUID(device.attempt_id)
            async with pool.acquire() as connection, connection.transaction():
                await connection.execute(DEVICE_UPSERT, user, dev)
                await connection.executemany(
                    OP_INSERT,
                    [
                        (
                            user,
                            dev,
                            uuid.UUID(op["op_id"]),
                            op["kind"],
                            json.dumps({"op_id": op["op_id"], "outcome": "applied", "attempt_id": device.attempt_id}),
                        )
                        for op in ops
                    ],
                )
                final = ops[-1]["attempt"]  # the server merges a batch's ops of one attempt and writes once
                started_at = datetime.fromtimestamp(final["started"]["device_time"] / 1000, UTC)
                await connection.execute(
                    ATTEMPT_UPSERT,
                    attempt,
                    device.assignment_student_id,
                    final["status"],
                    json.dumps(final["answers"]),
                    json.dumps(final["version_vector"]),
                    json.dumps(final["time_spent"]),
                    json.dumps(final["started"]),
                    json.dumps(final["submitted"]),
                    started_at,
                )
                await connection.execute(
                    STUDENT_ROW_UPDATE, device.assignment_student_id, started_at, sum(final["time_spent"].values())
                )
                await connection.execute(FEED_INSERT, user, attempt, json.dumps(final))
            latencies.append(time.perf_counter() - started)

        async def one(device: Device) -> None:
            for first in range(0, len(device.ops), batch):
                await write(device, device.ops[first : first + batch])

        started = time.perf_counter()
        await asyncio.gather(*(one(device) for device in devices))
        return time.perf_counter() - started, latencies
    finally:
        await pool.close()


# ---------------------------------------------------------------------------------------------------------------
# Verification of the storm


async def verify(database_url: str, devices: list[Device]) -> dict[str, int]:
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        op_rows = await connection.fetch(
            """SELECT op_id, result->>'outcome' AS outcome FROM sync_ops
               WHERE (user_id, device_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))""",
            [d.user_id for d in devices],
            [uuid.UUID(d.device_id) for d in devices],
        )
        attempts = await connection.fetch(
            "SELECT id, status::text, answers, version_vector FROM attempts WHERE id = ANY($1::uuid[])",
            [uuid.UUID(d.attempt_id) for d in devices],
        )
    finally:
        await connection.close()
    outcomes = {str(row["op_id"]): row["outcome"] for row in op_rows}
    expected_ops = [op["op_id"] for d in devices for op in d.ops]
    by_attempt = {str(row["id"]): row for row in attempts}
    missing_answers = 0
    wrong_state = 0
    for device in devices:
        row = by_attempt.get(device.attempt_id)
        if row is None:
            missing_answers += len(device.final["answers"])
            wrong_state += 1
            continue
        stored = json.loads(row["answers"])
        for activity, entry in device.final["answers"].items():
            if stored.get(activity, {}).get("value") != entry["value"]:
                missing_answers += 1
        if (
            row["status"] != device.final["status"]
            or json.loads(row["version_vector"]) != device.final["version_vector"]
        ):
            wrong_state += 1
    return {
        "ops expected": len(expected_ops),
        "ops with a sync_ops row": sum(1 for op_id in expected_ops if op_id in outcomes),
        "ops not finished (rejected or missing)": sum(
            1 for op_id in expected_ops if outcomes.get(op_id) not in FINISHED
        ),
        "answers expected": sum(len(d.final["answers"]) for d in devices),
        "answers missing or wrong": missing_answers,
        "attempts with a wrong status/vector": wrong_state,
    }


# ---------------------------------------------------------------------------------------------------------------


def summary(name: str, ops: int, seconds: float, latencies: list[float]) -> float:
    rate = ops / seconds
    print(
        f"  {name:8} {ops:6} ops in {seconds:6.2f} s = {rate:7.0f} ops/s   batch latency"
        f" p50 {1000 * statistics.median(latencies):7.1f} ms  p99 {1000 * percentile(latencies, 0.99):7.1f} ms"
        f"  max {1000 * max(latencies):7.1f} ms  (n={len(latencies)})"
    )
    return rate


class CpuMeter:
    """CPU seconds of the API, PostgreSQL and this bench client over one phase (they share the machine's cores)."""

    def __init__(self, api_pid: int) -> None:
        self.api_pid = api_pid
        self.start = cpu_seconds(api_pid) | {"bench client": time.process_time()}

    def print(self, seconds: float) -> None:
        end = cpu_seconds(self.api_pid) | {"bench client": time.process_time()}
        used = ", ".join(f"{name} {end[name] - self.start[name]:.1f} s" for name in end)
        print(f"  CPU over the {seconds:.1f} s: {used} ({os.cpu_count()} cores)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devices", type=int, default=300, help="devices pushing at once")
    parser.add_argument("--ops", type=int, default=50, help="ops per batch")
    parser.add_argument("--batches", type=int, default=1, help="batches per device, sent one after the other")
    parser.add_argument("--interval", type=float, default=30, help="seconds between a device's pushes when paced")
    parser.add_argument("--storm-devices", type=int, default=900)
    parser.add_argument("--storm-ops", type=int, default=20, help="queued ops per device in the storm")
    parser.add_argument("--workers", type=int, default=2, help="API worker processes")
    parser.add_argument("--ceiling-pool", type=int, default=20, help="asyncpg connections for the ceiling")
    parser.add_argument("--data-dir", type=Path, default=PROJECT_ROOT / ".dream-data" / "bench" / "sync_load")
    parser.add_argument("--port-base", type=int, default=23970, help="nine ports for the embedded servers")
    parser.add_argument("--keep-running", action="store_true", help="leave the embedded servers running")
    arguments = parser.parse_args()

    settings, stack = settings_for(arguments)
    process = None
    try:
        migrate.upgrade(settings.database_url)
        started = time.perf_counter()
        students = max(arguments.devices, arguments.storm_devices)
        seeded = asyncio.run(seed(settings, students, arguments.devices))
        per_device = arguments.ops * arguments.batches
        push_devices = make_devices(seeded, settings, "push", arguments.devices, per_device, submit_last=False)
        ceiling_devices = make_devices(seeded, settings, "ceiling", arguments.devices, per_device, submit_last=False)
        paced_devices = make_devices(seeded, settings, "paced", arguments.devices, per_device, submit_last=False)
        storm_devices = make_devices(
            seeded, settings, "storm", arguments.storm_devices, arguments.storm_ops, submit_last=True
        )
        print(f"seeded {students} students in {time.perf_counter() - started:.1f} s")
        process, url = start_api(settings, arguments.workers)

        print(
            f"push: {arguments.devices} devices x {arguments.batches} batch(es) of {arguments.ops} ops,"
            f" {arguments.workers} API worker(s), ceiling over {arguments.ceiling_pool} asyncpg connections:"
        )
        meter = CpuMeter(process.pid)
        seconds, stats = asyncio.run(push_phase(url, push_devices, arguments.ops))
        push_rate = summary("server", per_device * arguments.devices, seconds, stats.latencies)
        meter.print(seconds)
        if stats.retries or stats.rejected:
            print(f"  retried pushes {stats.retries} (failed: {stats.failed}), rejected ops {stats.rejected}")
        meter = CpuMeter(process.pid)
        seconds, latencies = asyncio.run(
            ceiling_phase(settings.database_url, ceiling_devices, arguments.ops, arguments.ceiling_pool)
        )
        ceiling_rate = summary("ceiling", per_device * arguments.devices, seconds, latencies)
        meter.print(seconds)
        print(f"  ratio server/ceiling: {push_rate / ceiling_rate:.3f}")

        print(
            f"paced: the same load as the PWA sends it: each device pushes a batch every {arguments.interval:g} s"
            " (its change-push interval), starting at a random moment of the first interval:"
        )
        seconds, stats = asyncio.run(push_phase(url, paced_devices, arguments.ops, arguments.interval))
        summary("paced", per_device * arguments.devices, seconds, stats.latencies)
        if stats.retries or stats.rejected:
            print(f"  retried pushes {stats.retries} (failed: {stats.failed}), rejected ops {stats.rejected}")

        print(f"reconnect storm: {arguments.storm_devices} devices x {arguments.storm_ops} queued ops:")
        meter = CpuMeter(process.pid)
        seconds, stats = asyncio.run(push_phase(url, storm_devices, arguments.storm_ops))
        summary("storm", arguments.storm_ops * arguments.storm_devices, seconds, stats.latencies)
        meter.print(seconds)
        print(f"  all applied in {seconds:.1f} s")
        print(f"  retried pushes {stats.retries} (failed: {stats.failed}), rejected ops {stats.rejected}")
        counts = asyncio.run(verify(settings.database_url, storm_devices))
        for name, value in counts.items():
            print(f"    {name}: {value}")
        lost = (
            counts["ops with a sync_ops row"] != counts["ops expected"]
            or counts["ops not finished (rejected or missing)"]
            or counts["answers missing or wrong"]
            or counts["attempts with a wrong status/vector"]
        )
        print(f"  zero loss: {'no' if lost else 'yes'}")
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
