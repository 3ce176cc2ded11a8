"""`python -m dream_lms.embedded start|stop|status DATA_DIR`: the embedded servers by hand, their URLs as shell
`KEY=value` lines."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from dream_lms.embedded.ports import PROFILE_PORTS, StackPorts
from dream_lms.embedded.processes import EmbeddedStackError
from dream_lms.embedded.stack import EmbeddedStack, StackUrls


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
    try:
        return _run_command(EmbeddedStack(arguments.data_dir, ports), arguments.command, out)
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
