"""The worker's heartbeat in Redis, which the health endpoint reads."""

HEARTBEAT_KEY = "dream:worker:heartbeat"
HEARTBEAT_INTERVAL_SECONDS = 10
HEARTBEAT_STALE_SECONDS = 3 * HEARTBEAT_INTERVAL_SECONDS
