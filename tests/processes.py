"""Real API processes for tests that need more than one (shared rate limits, crashes between commit and reply)."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from dream_lms.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def environment_for(settings: Settings, **extra: str) -> dict[str, str]:
    return os.environ | {
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "S3_ENDPOINT": settings.s3_endpoint,
        "S3_ACCESS_KEY": settings.s3_access_key,
        "S3_SECRET_KEY": settings.s3_secret_key.get_secret_value(),
        "S3_BUCKET": settings.s3_bucket,
        "PWA_DIST_DIR": str(settings.pwa_dist_dir),
        **extra,
    }


@contextmanager
def worker_process(environment: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """Run `dream-lms worker`; on exit it must stop cleanly on SIGTERM."""
    process = subprocess.Popen([sys.executable, "-m", "dream_lms.cli", "worker"], env=environment)
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def api_process(environment: dict[str, str], timeout: float = 120, app_factory: str | None = None) -> Iterator[str]:
    """Start `dream-lms serve` on a free port, or uvicorn with a test app's `module:factory`; yields its base URL and
    stops it afterwards."""
    port = free_port()
    if app_factory is None:
        command = [sys.executable, "-m", "dream_lms.cli", "serve", "--no-migrate", "--port", str(port)]
    else:
        command = [sys.executable, "-m", "uvicorn", app_factory, "--factory", "--port", str(port)]
    process = subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,  # where a test app's module (tests.…) is found
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"API process exited: {process.stderr.read().decode()[-2000:] if process.stderr else ''}"
                )
            try:
                httpx.get(f"{url}/api/v1/health", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
