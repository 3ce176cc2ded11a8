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
