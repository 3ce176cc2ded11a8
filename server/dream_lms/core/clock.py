"""Hybrid logical clocks and device clock skew: pure functions (and the server's clock, `now_ms`), the rules of
sync-protocol/PROTOCOL.md, shared by the attempt service and the sync transport.

The TypeScript twin is pwa/src/shared/sync/clock.ts; both run sync-protocol/vectors/sync/hlc.json and
submission_timing.json.
Times are integers of milliseconds since the Unix epoch.
"""

from datetime import UTC, datetime
from typing import TypedDict


class Hlc(TypedDict):
    """A hybrid logical clock stamp: ordered by (wall, counter, device)."""

    wall: int
    counter: int
    device: str


def hlc_key(stamp: Hlc) -> tuple[int, int, str]:
    """The total order of stamps; device ids are lower-case UUIDs, so they compare as the same text everywhere."""
    return (stamp["wall"], stamp["counter"], stamp["device"])


def compare_hlc(a: Hlc, b: Hlc) -> int:
    """-1, 0 or 1 as `a` is before, the same as, or after `b`."""
    key_a, key_b = hlc_key(a), hlc_key(b)
    return (key_a > key_b) - (key_a < key_b)


def hlc_tick(local: Hlc, now_ms: int) -> Hlc:
    """The stamp of a new local event: later than every stamp this device has made or seen."""
    wall = max(local["wall"], now_ms)
    counter = local["counter"] + 1 if wall == local["wall"] else 0
    return {"wall": wall, "counter": counter, "device": local["device"]}


def hlc_receive(local: Hlc, remote: Hlc, now_ms: int) -> Hlc:
    """The local clock after adopting state stamped `remote` (pulled or merged): later than both."""
    wall = max(local["wall"], remote["wall"], now_ms)
    if wall == local["wall"] and wall == remote["wall"]:
        counter = max(local["counter"], remote["counter"]) + 1
    elif wall == local["wall"]:
        counter = local["counter"] + 1
    elif wall == remote["wall"]:
        counter = remote["counter"] + 1
    else:
        counter = 0
    return {"wall": wall, "counter": counter, "device": local["device"]}


def measure_skew(client_time_ms: int, server_received_ms: int) -> int:
    """Device clock minus server clock, measured when a push arrives (network delay counts against the device)."""
    return client_time_ms - server_received_ms


def correct_device_time(device_time_ms: int, skew_ms: int, server_received_ms: int) -> int:
    """A time the device claims, on the server's clock; never later than the server got it."""
    return min(device_time_ms - skew_ms, server_received_ms)


def now_ms() -> int:
    """The server's clock now, in the protocol's unit."""
    return int(datetime.now(UTC).timestamp() * 1000)
