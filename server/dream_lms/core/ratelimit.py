"""Rate limiting in Redis, so every API process shares the same counters.

Fixed windows keyed by who is calling: the user for authenticated requests, the client IP otherwise. Sign-in
attempts are limited per (IP, account) pair, so an attacker on one network cannot lock a student out of the
classroom's network; a looser per-IP ceiling on failures slows credential stuffing across many accounts. When
Redis is unreachable the limiter lets requests through: losing a student's work matters more than throttling.
"""

import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from fastapi import Request, Response
from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.routing import BaseRoute

from dream_lms.core.errors import RateLimitExceeded
from dream_lms.core.resources import Resources
from dream_lms.settings import Settings

log = logging.getLogger(__name__)

# INCR the window's counter, start its expiry on the first hit, and report the count and seconds left.
_HIT_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
"""

RATE_CATEGORY_KEY = "x-rate-category"


class RateCategory(StrEnum):
    READ = "read"
    WRITE = "write"
    UPLOAD = "upload"
    ANALYTICS = "analytics"
    # Devices push and pull in the background (on reconnect, every 30-60 s, at start-up): writes, but their own
    # budget so a syncing tablet never uses up a student's quota of deliberate writes.
    SYNC = "sync"
    AUTH = "auth"  # limited inside the auth routes, per (IP, account)
    EXEMPT = "exempt"  # health checks and webhooks


def rate_category(category: RateCategory) -> dict[str, str]:
    """`openapi_extra` for a route whose category is not implied by its method."""
    return {RATE_CATEGORY_KEY: category.value}


@dataclass(frozen=True)
class RateState:
    limit: int
    remaining: int
    reset_seconds: int
    allowed: bool

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(int(time.time()) + self.reset_seconds),
        }

    def exceeded(self, message: str = "Too many requests; try again later.") -> RateLimitExceeded:
        headers = self.headers() | {"Retry-After": str(self.reset_seconds)}
        return RateLimitExceeded(message, headers=headers)


async def hit(redis: Redis, key: str, limit: int, window_seconds: int) -> RateState | None:
    """Count one request against `key`; None when Redis cannot be reached (fail open)."""
    try:
        count, ttl = await redis.eval(_HIT_SCRIPT, 1, key, str(window_seconds))  # type: ignore[misc]
    except (RedisError, OSError) as exc:
        log.warning("rate limiter unavailable, letting the request through: %s", exc)
        return None
    return RateState(
        limit=limit, remaining=max(0, limit - int(count)), reset_seconds=int(ttl), allowed=int(count) <= limit
    )


async def peek(redis: Redis, key: str) -> int:
    try:
        value = await redis.get(key)
    except (RedisError, OSError):
        return 0
    return int(value or 0)


async def forget(redis: Redis, *keys: str) -> None:
    try:
        await redis.delete(*keys)
    except (RedisError, OSError) as exc:
        log.warning("could not clear rate-limit keys: %s", exc)


def client_ip(request: Request) -> str:
    # The reverse proxy (Traefik) sets X-Forwarded-For; uvicorn's proxy-headers handling rewrites client.host.
    return request.client.host if request.client else "unknown"


def _route_category(route: BaseRoute | None, method: str) -> RateCategory:
    extra = getattr(route, "openapi_extra", None) or {}
    if RATE_CATEGORY_KEY in extra:
        return RateCategory(extra[RATE_CATEGORY_KEY])
    return RateCategory.READ if method in ("GET", "HEAD", "OPTIONS") else RateCategory.WRITE


def _category_limit(settings: Settings, category: RateCategory) -> int:
    return {
        RateCategory.READ: settings.rate_limit_read,
        RateCategory.WRITE: settings.rate_limit_write,
        RateCategory.UPLOAD: settings.rate_limit_upload,
        RateCategory.ANALYTICS: settings.rate_limit_analytics,
        RateCategory.SYNC: settings.rate_limit_sync,
    }[category]


class TokenUser(Protocol):
    """The user id of a bearer access token, or None when it is not valid (auth's token decoding, wired by the app)."""

    def __call__(self, token: str, settings: Settings) -> uuid.UUID | None: ...


def _caller_key(request: Request, settings: Settings, token_user: TokenUser) -> str:
    authorization = request.headers.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token:
        user_id = token_user(token, settings)
        if user_id is not None:
            return f"user:{user_id}"
        # Not valid: the auth dependency answers 401; count it against the IP meanwhile.
    return f"ip:{client_ip(request)}"


def rate_limiter(token_user: TokenUser) -> Callable[[Request, Response], Awaitable[None]]:
    """The app-wide dependency that counts each request in its category and sets the X-RateLimit headers; callers are
    told apart by `token_user`."""

    async def apply_rate_limit(request: Request, response: Response) -> None:
        resources: Resources = request.app.state.resources
        settings = resources.settings
        category = _route_category(request.scope.get("route"), request.method)
        if not settings.rate_limit_enabled or category in (RateCategory.AUTH, RateCategory.EXEMPT):
            return
        limit = _category_limit(settings, category)
        key = f"rl:{category.value}:{_caller_key(request, settings, token_user)}"
        state = await hit(resources.redis, key, limit, settings.rate_limit_window_seconds)
        if state is None:
            return
        if not state.allowed:
            raise state.exceeded()
        response.headers.update(state.headers())
        # Error responses are built by the exception handlers, which read the headers from here.
        request.state.rate_limit_headers = state.headers()

    return apply_rate_limit
