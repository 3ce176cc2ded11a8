"""What every bench script needs: the servers to run against and a real API process to measure."""

import argparse
import os
import socket
import subprocess
import sys
import time

import httpx

from dream_lms.embedded import EmbeddedStack, StackPorts
from dream_lms.settings import Settings


def settings_for(arguments: argparse.Namespace) -> tuple[Settings, EmbeddedStack | None]:
    """The servers named by DATABASE_URL / REDIS_URL / S3_ENDPOINT, else an embedded stack of the bench's own."""
    if all(os.environ.get(name) for name in ("DATABASE_URL", "REDIS_URL", "S3_ENDPOINT")):
        return Settings(), None
    stack = EmbeddedStack(arguments.data_dir, StackPorts.from_base(arguments.port_base))
    urls = stack.start()
    settings = Settings(
        database_url=urls.database_url,
        redis_url=urls.redis_url,
        s3_endpoint=urls.s3_endpoint,
        s3_access_key=urls.s3_access_key,
        s3_secret_key=urls.s3_secret_key,
        s3_bucket=urls.s3_bucket,
    )
    return settings, stack


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_api(settings: Settings, workers: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    """`dream-lms serve` on a free port with rate limits off (every simulated device comes from 127.0.0.1)."""
    port = free_port()
    environment = os.environ | {
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "S3_ENDPOINT": settings.s3_endpoint,
        "S3_ACCESS_KEY": settings.s3_access_key,
        "S3_SECRET_KEY": settings.s3_secret_key.get_secret_value(),
        "S3_BUCKET": settings.s3_bucket,
        "RATE_LIMIT_ENABLED": "false",
    }
    command = [sys.executable, "-m", "dream_lms.cli", "serve", "--no-migrate", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--workers", str(workers)], env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            raise RuntimeError("the API process exited")
        try:
            httpx.get(f"{url}/api/v1/health", timeout=1)
            return process, url
        except httpx.TransportError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.2)


def _process_table() -> dict[int, tuple[int, str, float]]:
    """Every process: pid -> (parent pid, command name, CPU seconds so far), from /proc (Linux).

    The CPU seconds include those of the process's children that have ended (e.g. PostgreSQL backends of closed
    connections count in the postmaster's).
    """
    ticks = os.sysconf("SC_CLK_TCK")
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                text = stat.read()
        except OSError:
            continue  # ended meanwhile
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        # After the name: state, ppid, ...; utime, stime, cutime and cstime are fields 14-17 of the whole line.
        table[int(entry)] = (int(fields[1]), name, sum(int(value) for value in fields[11:15]) / ticks)
    return table


def cpu_seconds(api_pid: int) -> dict[str, float]:
    """CPU seconds used so far by the API process and its workers, and by every PostgreSQL process.

    A bench prints the difference over a phase, so a reader sees where a 2-core machine's time went.
    """
    table = _process_table()
    api = {api_pid}
    for pid, (parent, _, _) in sorted(table.items()):
        if parent in api:
            api.add(pid)
    return {
        "api": sum(table[pid][2] for pid in api if pid in table),
        "postgres": sum(cpu for _, name, cpu in table.values() if name == "postgres"),
    }
