"""One embedded stack: PostgreSQL, Redis and SeaweedFS S3 under one data directory, started and stopped together."""

from __future__ import annotations

import fcntl
import signal
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dream_lms.embedded.extra import require_embedded_extra
from dream_lms.embedded.ports import LOCALHOST, StackPorts
from dream_lms.embedded.postgres import POSTGRES_STOP_TIMEOUT_SECONDS, POSTGRES_USER, EmbeddedPostgres
from dream_lms.embedded.processes import STOP_TIMEOUT_SECONDS, send_signal, wait_or_kill
from dream_lms.embedded.redis_server import EmbeddedRedis
from dream_lms.embedded.seaweed import SEAWEED_STOP_TIMEOUT_SECONDS, EmbeddedSeaweed


@dataclass(frozen=True)
class StackUrls:
    database_url: str
    redis_url: str
    s3_endpoint: str
    s3_access_key: str
    s3_secret_key: str
    s3_bucket: str

    def env_lines(self) -> list[str]:
        """`KEY=value` lines a shell can `eval` (values are shell-quoted)."""
        values = {
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "S3_ENDPOINT": self.s3_endpoint,
            "S3_ACCESS_KEY": self.s3_access_key,
            "S3_SECRET_KEY": self.s3_secret_key,
            "S3_BUCKET": self.s3_bucket,
        }
        return [f"{key}={_shell_quote(value)}" for key, value in values.items()]


class EmbeddedStack:
    def __init__(
        self,
        data_dir: Path,
        ports: StackPorts,
        database_name: str = "dream_lms",
        access_key: str = "dream-dev",
        secret_key: str = "dream-dev-secret-key",  # noqa: S107 - the dev default of Settings.s3_secret_key
        bucket: str = "dream-central-storage",
    ) -> None:
        require_embedded_extra()
        self.data_dir = data_dir.expanduser().resolve()
        self.ports = ports
        self.database_name = database_name
        self.access_key = access_key
        self.secret_key = secret_key
        self.bucket = bucket
        self.pgdata = self.data_dir / "postgres"
        self.redis_dir = self.data_dir / "redis"
        self.seaweed_dir = self.data_dir / "seaweed"
        self._postgres = EmbeddedPostgres(self.pgdata, database_name)
        self._redis = EmbeddedRedis(self.redis_dir, ports.redis)
        self._seaweed = EmbeddedSeaweed(self.seaweed_dir, ports, access_key, secret_key, bucket)

    # -- lifecycle -------------------------------------------------------------------------------------

    def start(self) -> StackUrls:
        """Start whatever is not running yet (live servers are reused) and return their URLs."""
        with self._exclusive():
            running_before = {name for name, pid in self.status().items() if pid is not None}
            try:
                return self._start_locked()
            except BaseException:
                # Leave things as they were: stop only what this call started.
                self._stop_locked(set(self.status()) - running_before)
                raise

    def stop(self) -> None:
        """Stop every server of this stack (also ones started by another process), cleanly if possible."""
        with self._exclusive():
            self._stop_locked(set(self.status()))

    def _start_locked(self) -> StackUrls:
        for directory in (self.pgdata, self.redis_dir, self._seaweed.volume_dir, self.seaweed_dir / "master"):
            directory.mkdir(parents=True, exist_ok=True)
        # Redis and SeaweedFS boot in the background while pg_ctl blocks on PostgreSQL.
        self._redis.launch()
        self._seaweed.launch()
        socket_dir = self._postgres.start()
        self._redis.wait()
        self._seaweed.wait()
        self._seaweed.start_s3()
        return self._urls(socket_dir)

    def _stop_locked(self, components: set[str]) -> None:
        # The S3 gateway goes first so no upload is in flight when the store behind it stops.
        if "s3" in components:
            self._seaweed.s3_process.stop(STOP_TIMEOUT_SECONDS)
        stopping: list[tuple[int, float]] = []
        for process, timeout in (
            (self._seaweed.process, SEAWEED_STOP_TIMEOUT_SECONDS),
            (self._redis.process, STOP_TIMEOUT_SECONDS),
        ):
            pid = process.running_pid() if process.name in components else None
            if pid is not None:
                send_signal(pid, signal.SIGTERM)
                stopping.append((pid, timeout))
        postmaster = self._postgres.running_postmaster() if "postgres" in components else None
        if postmaster is not None:
            # SIGINT is PostgreSQL's "fast" shutdown: it disconnects clients instead of waiting for them.
            send_signal(postmaster.pid, signal.SIGINT)
            stopping.append((postmaster.pid, POSTGRES_STOP_TIMEOUT_SECONDS))
        # All were signalled at once, so the slow SeaweedFS shutdown overlaps the others.
        for pid, timeout in stopping:
            wait_or_kill(pid, timeout)
        for process in (self._seaweed.process, self._redis.process):
            if process.name in components:
                process.forget()

    def stop_s3(self) -> None:
        """Stop only the S3 gateway (the store looks down to clients); the data stays."""
        with self._exclusive():
            self._seaweed.s3_process.stop(STOP_TIMEOUT_SECONDS)

    def start_s3(self) -> None:
        with self._exclusive():
            self._seaweed.start_s3()

    def status(self) -> dict[str, int | None]:
        """The pid of each server of this stack, None for the ones not running."""
        postmaster = self._postgres.running_postmaster()
        return {
            "postgres": None if postmaster is None else postmaster.pid,
            "redis": self._redis.process.running_pid(),
            "seaweedfs": self._seaweed.process.running_pid(),
            "s3": self._seaweed.s3_process.running_pid(),
        }

    def running_urls(self) -> StackUrls | None:
        """The URLs when every server is running, without starting anything."""
        postmaster = self._postgres.running_postmaster()
        if postmaster is None or None in self.status().values():
            return None
        return self._urls(postmaster.socket_dir)

    # -- helpers ---------------------------------------------------------------------------------------

    def _urls(self, socket_dir: Path) -> StackUrls:
        host = urllib.parse.quote(str(socket_dir), safe="/")
        return StackUrls(
            database_url=f"postgresql+asyncpg://{POSTGRES_USER}@/{self.database_name}?host={host}",
            redis_url=f"redis://{LOCALHOST}:{self.ports.redis}/0",
            s3_endpoint=f"{LOCALHOST}:{self.ports.s3}",
            s3_access_key=self.access_key,
            s3_secret_key=self.secret_key,
            s3_bucket=self.bucket,
        )

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """One start/stop at a time per data dir, also across processes (e.g. the CLI beside `make run`)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with (self.data_dir / ".stack.lock").open("a") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)


def _shell_quote(value: str) -> str:
    return "'" + value.replace("'", "'\"'\"'") + "'"
