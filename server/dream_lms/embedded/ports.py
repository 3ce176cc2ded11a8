"""The ports of an embedded stack: one set per profile, so `make run`, `make test` and the browser tests' system
run side by side, and blocks from a base port for stacks beside them."""

from __future__ import annotations

from dataclasses import dataclass

LOCALHOST = "127.0.0.1"


@dataclass(frozen=True)
class StackPorts:
    redis: int
    s3: int
    s3_grpc: int
    seaweed_master: int
    seaweed_master_grpc: int
    seaweed_volume: int
    seaweed_volume_grpc: int
    seaweed_filer: int
    seaweed_filer_grpc: int

    @classmethod
    def from_base(cls, base: int) -> StackPorts:
        """Nine consecutive ports from `base`: for stacks beside the profiles' (several developers on one machine)."""
        return cls(*range(base, base + 9))

    def seaweed_core(self) -> list[int]:
        return [
            self.seaweed_master,
            self.seaweed_master_grpc,
            self.seaweed_volume,
            self.seaweed_volume_grpc,
            self.seaweed_filer,
            self.seaweed_filer_grpc,
        ]


RUN_PORTS = StackPorts(
    redis=6390,
    s3=8333,
    s3_grpc=18390,
    seaweed_master=19390,
    seaweed_master_grpc=19391,
    seaweed_volume=19392,
    seaweed_volume_grpc=19393,
    seaweed_filer=19394,
    seaweed_filer_grpc=19395,
)
TEST_PORTS = StackPorts(
    redis=6391,
    s3=8343,
    s3_grpc=18391,
    seaweed_master=19490,
    seaweed_master_grpc=19491,
    seaweed_volume=19492,
    seaweed_volume_grpc=19493,
    seaweed_filer=19494,
    seaweed_filer_grpc=19495,
)
PROFILE_PORTS = {"run": RUN_PORTS, "test": TEST_PORTS}
