"""The embedded PostgreSQL of `pgserver`: its PGDATA, listening on a unix socket only (log in PGDATA/log)."""

from __future__ import annotations

import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path

from dream_lms.embedded.processes import EmbeddedStackError, log_tail, process_has_argument, wait_for

POSTGRES_USER = "postgres"
POSTGRES_STOP_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class Postmaster:
    pid: int
    socket_dir: Path
    ready: bool


class EmbeddedPostgres:
    def __init__(self, pgdata: Path, database_name: str) -> None:
        self.pgdata = pgdata
        self.database_name = database_name

    def start(self) -> Path:
        """Start PostgreSQL unless it runs, wait until it accepts connections; returns its socket directory."""
        if self.running_postmaster() is None:
            self._remove_stale_locks()
            self._run_pgserver()
        postmaster = wait_for(self._ready_postmaster, what="PostgreSQL", log_file=self.pgdata / "log")
        self._ensure_database(postmaster.socket_dir)
        return postmaster.socket_dir

    def _ready_postmaster(self) -> Postmaster | None:
        postmaster = self.running_postmaster()
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
            raise EmbeddedStackError(f"PostgreSQL did not start: {error}\n{log_tail(self.pgdata / 'log')}") from error

    def running_postmaster(self) -> Postmaster | None:
        try:
            lines = (self.pgdata / "postmaster.pid").read_text().splitlines()
        except FileNotFoundError:
            return None
        if len(lines) < 5 or not lines[0].strip().isdigit():
            return None
        pid = int(lines[0])
        if not process_has_argument(pid, str(self.pgdata)):
            return None
        ready = len(lines) >= 8 and lines[7].strip() == "ready"
        return Postmaster(pid=pid, socket_dir=Path(lines[4].strip()), ready=ready)

    def _remove_stale_locks(self) -> None:
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


def _postgres_binary(name: str) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pgserver._commands import POSTGRES_BIN_PATH
    binary: Path = POSTGRES_BIN_PATH / name
    return binary
