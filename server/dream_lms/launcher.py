"""`dream-lms up` (what `make run` calls): the whole system in one terminal.

Without DATABASE_URL / REDIS_URL / S3_ENDPOINT in the environment it starts embedded real servers (PostgreSQL,
Redis, SeaweedFS S3) under the project's data folder. Then it migrates, loads the demo data (accounts, sample books,
a first assignment), starts the worker and the API as child processes, prints the URL and the demo logins, and on
Ctrl-C stops everything it started.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import FrameType

from dream_lms import embedded
from dream_lms.demo import DEMO_PASSWORD, demo_logins
from dream_lms.migrate import PROJECT_ROOT

_SERVER_VARIABLES = ("DATABASE_URL", "REDIS_URL", "S3_ENDPOINT")
_STOP_TIMEOUT_SECONDS = 20
_READY_TIMEOUT_SECONDS = 60

# The browser tests' system, on ports of its own so it can run beside `make run` and the pytest servers.
E2E_PORTS = embedded.StackPorts(
    redis=6392,
    s3=8353,
    s3_grpc=18392,
    seaweed_master=19590,
    seaweed_master_grpc=19591,
    seaweed_volume=19592,
    seaweed_volume_grpc=19593,
    seaweed_filer=19594,
    seaweed_filer_grpc=19595,
)

PROFILES: dict[str, tuple[Path, embedded.StackPorts]] = {
    "run": (PROJECT_ROOT / ".dream-data", embedded.RUN_PORTS),
    "e2e": (PROJECT_ROOT / ".dream-data" / "e2e", E2E_PORTS),
}


def _embedded_environment(stack: embedded.EmbeddedStack) -> dict[str, str]:
    urls = stack.start()
    return {
        "DATABASE_URL": urls.database_url,
        "REDIS_URL": urls.redis_url,
        "S3_ENDPOINT": urls.s3_endpoint,
        "S3_ACCESS_KEY": urls.s3_access_key,
        "S3_SECRET_KEY": urls.s3_secret_key,
        "S3_BUCKET": urls.s3_bucket,
        "S3_SECURE": "false",
    }


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "dream_lms.cli", *args]


def _wait_until_up(url: str, child: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + _READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise RuntimeError("The API exited during start-up; see its output above.")
        try:
            with urllib.request.urlopen(f"{url}/api/v1/health", timeout=2):  # noqa: S310 - our own local URL
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"The API did not answer at {url} within {_READY_TIMEOUT_SECONDS} s.")


def _banner(url: str) -> str:
    width = max(len(login) for _, login in demo_logins())
    lines = [f"  {role:<10} {login:<{width}}  {DEMO_PASSWORD}" for role, login in demo_logins()]
    return "\n".join(
        [
            "",
            f"Dream LMS is up at {url}",
            "",
            "Demo logins (role, email or username, password):",
            *lines,
            "",
            "Press Ctrl-C to stop.",
            "",
        ]
    )


def _stop(children: list[subprocess.Popen[bytes]]) -> None:
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    for child in children:
        try:
            child.wait(_STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def run_system(profile: str, port: int) -> None:
    data_dir, ports = PROFILES[profile]
    environment = dict(os.environ)
    stack: embedded.EmbeddedStack | None = None
    if not all(environment.get(name) for name in _SERVER_VARIABLES):
        data_dir.mkdir(parents=True, exist_ok=True)
        stack = embedded.EmbeddedStack(data_dir, ports)
        print(f"Starting embedded PostgreSQL, Redis and S3 under {data_dir} ...", flush=True)
        # Servers the user configured win; the embedded ones fill in the rest.
        embedded_environment = _embedded_environment(stack)
        environment |= {k: v for k, v in embedded_environment.items() if not environment.get(k)}
    url = f"http://127.0.0.1:{port}"
    environment.setdefault("PUBLIC_URL", url)
    environment.setdefault("PWA_DIST_DIR", str(PROJECT_ROOT / "pwa" / "dist"))

    children: list[subprocess.Popen[bytes]] = []
    stopping = False

    def request_stop(signum: int, _: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        subprocess.run(_cli("migrate"), env=environment, check=True)
        subprocess.run(_cli("seed-demo"), env=environment, check=True)
        subprocess.run(_cli("load-sample-books"), env=environment, check=True)
        # A nicety for a first look: whatever goes wrong with it, the system still starts.
        if subprocess.run(_cli("seed-demo-assignment"), env=environment, check=False).returncode != 0:
            print("The demo assignment could not be created (see above); starting without it.", flush=True)
        # Children get their own process group: Ctrl-C reaches only us, and we stop them in order.
        children.append(subprocess.Popen(_cli("worker"), env=environment, start_new_session=True))
        api = subprocess.Popen(
            _cli("serve", "--no-migrate", "--port", str(port)), env=environment, start_new_session=True
        )
        children.append(api)
        _wait_until_up(url, api)
        print(_banner(url), flush=True)
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.5)
    finally:
        print("Stopping Dream LMS ...", flush=True)
        _stop(children)
        if stack is not None:
            stack.stop()
        print("Stopped.", flush=True)
