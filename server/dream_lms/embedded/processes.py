"""Server processes we launch detached and find again: pid files, a command-line marker, waiting for readiness,
stopping with a deadline, and the log tail that goes into every error."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from dream_lms.embedded.ports import LOCALHOST

T = TypeVar("T")

READY_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 10.0
PORT_RELEASE_SECONDS = 3.0
LOG_TAIL_LINES = 30


class EmbeddedStackError(RuntimeError):
    """An embedded server could not be started, reached or stopped."""


class ManagedProcess:
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
        if process_has_argument(pid, self.command_marker):
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
                f"{self.name} server exited with code {self._child.returncode}\n{log_tail(self.log_file)}"
            )

    def stop(self, timeout: float) -> None:
        pid = self.running_pid()
        if pid is not None:
            send_signal(pid, signal.SIGTERM)
            wait_or_kill(pid, timeout)
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


def _read_pid(pid_file: Path) -> int | None:
    try:
        text = pid_file.read_text().strip()
    except FileNotFoundError:
        return None
    return int(text) if text.isdigit() else None


def process_has_argument(pid: int, marker: str) -> bool:
    import psutil  # from the `embedded` extra, imported where it is used (see extra.py)

    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return False
        command_line: list[str] = process.cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False
    return marker in command_line


def send_signal(pid: int, signal_to_send: signal.Signals) -> None:
    try:
        os.kill(pid, signal_to_send)
    except ProcessLookupError:
        pass


def _is_alive(pid: int) -> bool:
    import psutil  # from the `embedded` extra, imported where it is used (see extra.py)

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


def wait_or_kill(pid: int, timeout: float) -> None:
    """Wait up to `timeout` for a signalled process to exit, then kill its whole process group."""
    if _wait_for_exit(pid, timeout):
        return
    # Our servers lead their own session, so their group holds their helpers (PostgreSQL backends).
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        send_signal(pid, signal.SIGKILL)
    _wait_for_exit(pid, STOP_TIMEOUT_SECONDS)


def _port_answers(port: int) -> bool:
    try:
        with socket.create_connection((LOCALHOST, port), timeout=0.5):
            return True
    except OSError:
        return False


def ensure_ports_free(component: str, ports: list[int]) -> None:
    # A server that has just exited (a restart after a crash or a stop) can still answer on its port for a moment.
    deadline = time.monotonic() + PORT_RELEASE_SECONDS
    while busy := [port for port in ports if _port_answers(port)]:
        if time.monotonic() >= deadline:
            raise EmbeddedStackError(
                f"cannot start {component}: port(s) {busy} on {LOCALHOST} are used by another program"
            )
        time.sleep(0.1)


def http_answers(port: int, path: str = "/") -> bool:
    url = f"http://{LOCALHOST}:{port}{path}"
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # any HTTP status means the server is up
    except OSError:
        return False


def http_json(port: int, path: str) -> Any:
    try:
        with urllib.request.urlopen(f"http://{LOCALHOST}:{port}{path}", timeout=2) as response:
            return json.load(response)
    except (OSError, ValueError):
        return None


def wait_for(
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
            raise EmbeddedStackError(f"{what} not ready after {timeout:.0f} s\n{error_line}{log_tail(log_file)}")
        time.sleep(delay)
        delay = min(delay * 2, 0.5)
    return result


def wait_until(
    condition: Callable[[], bool], *, what: str, log_file: Path, last_error: Callable[[], str] | None = None
) -> None:
    wait_for(lambda: True if condition() else None, what=what, log_file=log_file, last_error=last_error)


def log_tail(log_file: Path) -> str:
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
