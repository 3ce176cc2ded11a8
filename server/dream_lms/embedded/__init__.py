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

from dream_lms.embedded.cli import main
from dream_lms.embedded.ports import PROFILE_PORTS, RUN_PORTS, TEST_PORTS, StackPorts
from dream_lms.embedded.processes import PORT_RELEASE_SECONDS, EmbeddedStackError
from dream_lms.embedded.stack import EmbeddedStack, StackUrls

__all__ = [
    "PORT_RELEASE_SECONDS",
    "PROFILE_PORTS",
    "RUN_PORTS",
    "TEST_PORTS",
    "EmbeddedStack",
    "EmbeddedStackError",
    "StackPorts",
    "StackUrls",
    "main",
]
