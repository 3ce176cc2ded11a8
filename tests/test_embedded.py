"""The embedded PostgreSQL, Redis and SeaweedFS S3 servers, started for real in a temporary directory.

The tests share one stack (a cold start costs seconds) and run in file order: the last one stops it. Under xdist
the file stays on one worker (`--dist loadfile`, pyproject.toml), and its ports are a random free block, so it runs
beside the test servers and beside itself.
"""

import io
import os
import random
import shlex
import shutil
import signal
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import psutil
import pytest
import redis
import urllib3
from minio import Minio
from minio.error import S3Error

from dream_lms.embedded import (
    PORT_RELEASE_SECONDS,
    RUN_PORTS,
    TEST_PORTS,
    EmbeddedStack,
    EmbeddedStackError,
    StackPorts,
    StackUrls,
    main,
)


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_stack_ports() -> StackPorts:
    """A random free block below the ephemeral range, so parallel runs of this file do not collide."""
    fields = list(StackPorts.__dataclass_fields__)
    for _ in range(100):
        base = random.randrange(20_000, 32_000, 10)
        ports = range(base, base + len(fields))
        if all(port_is_free(port) for port in ports):
            return StackPorts(**dict(zip(fields, ports, strict=True)))
    raise RuntimeError("no free block of ports for the embedded stack")


# Neither `make run` nor `make test` uses these, so this file runs beside both (and beside itself).
PORTS = free_stack_ports()
DATABASE = "embedded_check"


@pytest.fixture(scope="module")
def stack() -> Iterator[EmbeddedStack]:
    # Not under pytest's tmp_path: a pytest session starting beside this one makes /tmp/pytest-of-<user>
    # private again, and PostgreSQL (run as the `pgserver` user when we are root) would lose its data dir.
    data_dir = Path(tempfile.mkdtemp(prefix="dream-embedded-test-"))
    embedded = EmbeddedStack(data_dir, PORTS, database_name=DATABASE)
    try:
        yield embedded
    finally:
        embedded.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def urls(stack: EmbeddedStack) -> StackUrls:
    return stack.start()


def s3_client(urls: StackUrls, secret_key: str | None = None) -> Minio:
    return Minio(
        urls.s3_endpoint,
        access_key=urls.s3_access_key,
        secret_key=secret_key or urls.s3_secret_key,
        secure=False,
        region="us-east-1",
        http_client=urllib3.PoolManager(timeout=urllib3.Timeout(connect=1, read=5), retries=False),
    )


async def connect_postgres(urls: StackUrls) -> asyncpg.Connection:
    # asyncpg takes the SQLAlchemy URL without the driver suffix, the socket dir stays in ?host=.
    return await asyncpg.connect(urls.database_url.replace("postgresql+asyncpg://", "postgresql://"))


def port_is_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def test_profiles_use_distinct_ports_and_no_server_defaults() -> None:
    defaults = {5432, 6379, 8080, 8333, 8888, 9333, 18080, 18333, 18888, 19333}
    all_ports = [port for ports in (RUN_PORTS, TEST_PORTS, PORTS) for port in vars(ports).values()]
    assert len(all_ports) == len(set(all_ports))
    # S3 on 8333 is what a default `make run` client expects; the rest must stay off the defaults.
    assert set(all_ports) & defaults == {RUN_PORTS.s3}


async def test_postgres_runs_sql_in_the_created_database(urls: StackUrls) -> None:
    assert urls.database_url.startswith(f"postgresql+asyncpg://postgres@/{DATABASE}?host=/")
    connection = await connect_postgres(urls)
    try:
        row = await connection.fetchrow("SELECT current_database() AS name, 6 * 7 AS answer")
    finally:
        await connection.close()
    assert row is not None
    assert (row["name"], row["answer"]) == (DATABASE, 42)


def test_redis_answers_on_its_port(urls: StackUrls) -> None:
    assert urls.redis_url == f"redis://127.0.0.1:{PORTS.redis}/0"
    client = redis.Redis.from_url(urls.redis_url)
    try:
        assert client.ping() is True
        client.set("embedded-check", "stored")
        assert client.get("embedded-check") == b"stored"
    finally:
        client.close()


def test_s3_stores_objects_and_refuses_a_wrong_secret(urls: StackUrls) -> None:
    client = s3_client(urls)
    assert client.bucket_exists(urls.s3_bucket)
    client.put_object(urls.s3_bucket, "checks/hello.txt", io.BytesIO(b"hello"), length=5)
    assert client.get_object(urls.s3_bucket, "checks/hello.txt").read() == b"hello"

    with pytest.raises(S3Error) as refused:
        s3_client(urls, secret_key="not-the-secret").get_object(urls.s3_bucket, "checks/hello.txt")
    assert refused.value.code == "SignatureDoesNotMatch"


def test_a_second_start_reuses_the_running_servers(stack: EmbeddedStack, urls: StackUrls) -> None:
    pids = stack.status()
    assert None not in pids.values()

    # A new handle on the same directory, as a second process (the CLI) would have: the same servers answer.
    again = EmbeddedStack(stack.data_dir, PORTS, database_name=DATABASE).start()

    assert again == urls
    assert stack.status() == pids


def test_stop_s3_makes_the_store_unreachable_until_start_s3(stack: EmbeddedStack, urls: StackUrls) -> None:
    client = s3_client(urls)
    client.put_object(urls.s3_bucket, "checks/outage.txt", io.BytesIO(b"kept"), length=4)

    stack.stop_s3()
    assert stack.status()["s3"] is None
    with pytest.raises(urllib3.exceptions.HTTPError):
        client.get_object(urls.s3_bucket, "checks/outage.txt")

    stack.start_s3()
    assert client.get_object(urls.s3_bucket, "checks/outage.txt").read() == b"kept"


async def test_start_recovers_from_a_crash_that_left_stale_pid_files(stack: EmbeddedStack, urls: StackUrls) -> None:
    connection = await connect_postgres(urls)
    try:
        await connection.execute("CREATE TABLE crash_check (note text)")
        await connection.execute("INSERT INTO crash_check VALUES ('before the crash')")
    finally:
        await connection.close()
    s3_client(urls).put_object(urls.s3_bucket, "checks/crash.txt", io.BytesIO(b"durable"), length=7)

    pids = stack.status()
    crashed = [psutil.Process(pid) for pid in pids.values() if pid is not None]
    postgres_helpers = psutil.Process(pids["postgres"]).children()
    for process in [*crashed, *postgres_helpers]:
        process.send_signal(signal.SIGKILL)
    psutil.wait_procs([*crashed, *postgres_helpers], timeout=10)
    # The pid files now name a live process that is not one of our servers (a reused pid).
    postmaster_pid_file = stack.pgdata / "postmaster.pid"
    postmaster_lines = postmaster_pid_file.read_text().splitlines()
    postmaster_pid_file.write_text("\n".join([str(os.getpid()), *postmaster_lines[1:]]) + "\n")
    (stack.redis_dir / "redis.pid").write_text(f"{os.getpid()}\n")

    assert stack.start() == urls

    connection = await connect_postgres(urls)
    try:
        assert await connection.fetchval("SELECT note FROM crash_check") == "before the crash"
    finally:
        await connection.close()
    assert s3_client(urls).get_object(urls.s3_bucket, "checks/crash.txt").read() == b"durable"
    assert redis.Redis.from_url(urls.redis_url).ping() is True


def test_env_lines_give_the_urls_to_a_shell_eval(urls: StackUrls) -> None:
    lines = urls.env_lines()
    parsed = dict(shlex.split(line)[0].split("=", 1) for line in lines)
    assert parsed == {
        "DATABASE_URL": urls.database_url,
        "REDIS_URL": urls.redis_url,
        "S3_ENDPOINT": urls.s3_endpoint,
        "S3_ACCESS_KEY": urls.s3_access_key,
        "S3_SECRET_KEY": urls.s3_secret_key,
        "S3_BUCKET": urls.s3_bucket,
    }


def test_status_command_reports_a_stack_that_is_not_running(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["status", str(tmp_path), "--profile", "test"], out=out) == 1
    assert out.getvalue().splitlines() == [
        "# postgres: not running",
        "# redis: not running",
        "# seaweedfs: not running",
        "# s3: not running",
    ]


def test_start_names_the_port_another_program_holds(stack: EmbeddedStack, urls: StackUrls, tmp_path: Path) -> None:
    before = stack.status()
    intruder = EmbeddedStack(tmp_path / "intruder", PORTS)
    try:
        with pytest.raises(EmbeddedStackError, match=f"port.*{PORTS.redis}.*used by another program"):
            intruder.start()
        assert set(intruder.status().values()) == {None}
    finally:
        intruder.stop()
    assert stack.status() == before


def test_stop_leaves_no_server_process_alive(stack: EmbeddedStack, urls: StackUrls) -> None:
    pids = stack.status()
    processes = [psutil.Process(pid) for pid in pids.values() if pid is not None]
    assert len(processes) == 4
    processes += psutil.Process(pids["postgres"]).children()  # the PostgreSQL helper processes

    stack.stop()

    alive = [p for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert alive == []
    assert set(stack.status().values()) == {None}
    # The processes are gone; the kernel may answer on a port for a moment after its server exited.
    deadline = time.monotonic() + PORT_RELEASE_SECONDS
    while (open_ports := [port for port in vars(PORTS).values() if port_is_open(port)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert open_ports == []


def test_a_stack_without_the_embedded_extra_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in the production image: the module of pgserver cannot be found.
    monkeypatch.setitem(sys.modules, "pgserver", None)
    with pytest.raises(EmbeddedStackError, match=r"missing: pgserver\); install the `embedded` extra"):
        EmbeddedStack(tmp_path, PORTS)
