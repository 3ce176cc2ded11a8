import hashlib
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse

from dream_lms.auth import service
from dream_lms.auth.deps import CurrentUser, PublicRoute
from dream_lms.auth.schemas import ChangePasswordIn, LoginIn, Me, RefreshIn, TokenPair
from dream_lms.core.deps import RedisDep, SessionDep, SettingsDep
from dream_lms.core.envelope import Envelope
from dream_lms.core.errors import Conflict, Unauthorized, error_response
from dream_lms.core.ratelimit import RateCategory, RateState, client_ip, forget, hit, peek, rate_category

router = APIRouter(prefix="/auth", tags=["auth"])

# After this many failed sign-ins from one IP for one account, that pair waits out the lockout.
LOCKOUT_SECONDS = 15 * 60
# Failed sign-ins one IP may make across all accounts per window: a classroom behind one NAT shares an IP, so this
# is a ceiling against credential stuffing, far above what a class of children mistyping produces.
IP_FAILURE_FACTOR = 10


async def get_profile_lookup(request: Request) -> service.ProfileLookup:
    # Set by the app (dream_lms.app.create_app): orgs' profile lookup, which auth may not import.
    profiles: service.ProfileLookup = request.app.state.profile_lookup
    return profiles


ProfileLookupDep = Annotated[service.ProfileLookup, Depends(get_profile_lookup)]


def _client(request: Request, device_id: object = None) -> service.ClientInfo:
    return service.ClientInfo(
        ip=client_ip(request),
        user_agent=request.headers.get("user-agent"),
        device_id=device_id if device_id else None,  # type: ignore[arg-type]
    )


def _account_key(login: str) -> str:
    return hashlib.sha256(login.strip().lower().encode()).hexdigest()[:32]


@router.post(
    "/login",
    response_model=Envelope[TokenPair],
    dependencies=[PublicRoute],
    openapi_extra=rate_category(RateCategory.AUTH),
)
async def login(
    body: LoginIn,
    request: Request,
    response: Response,
    session: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
    profiles: ProfileLookupDep,
) -> Envelope[TokenPair] | JSONResponse:
    ip = client_ip(request)
    window = settings.rate_limit_window_seconds
    pair_key = f"rl:auth:{ip}:{_account_key(body.login)}"
    lock_key = f"lock:auth:{ip}:{_account_key(body.login)}"
    ip_failures_key = f"rl:auth-fail-ip:{ip}"
    if settings.rate_limit_enabled:
        if await peek(redis, lock_key):
            ttl = await redis.ttl(lock_key)
            return _locked(settings.rate_limit_auth, max(1, ttl))
        attempt = await hit(redis, pair_key, settings.rate_limit_auth, window)
        if attempt is not None:
            if not attempt.allowed:
                await redis.set(lock_key, 1, ex=LOCKOUT_SECONDS)
                return _locked(settings.rate_limit_auth, LOCKOUT_SECONDS)
            response.headers.update(attempt.headers())
        if await peek(redis, ip_failures_key) >= settings.rate_limit_auth * IP_FAILURE_FACTOR:
            return _locked(settings.rate_limit_auth, window)

    tokens = await service.login(
        session, settings, body.login, body.password, _client(request, body.device_id), profiles
    )
    if tokens is None:
        if settings.rate_limit_enabled:
            await hit(redis, ip_failures_key, settings.rate_limit_auth * IP_FAILURE_FACTOR, window)
        raise Unauthorized(service.INVALID_CREDENTIALS)
    await forget(redis, pair_key)
    return Envelope(data=tokens)


def _locked(limit: int, retry_after: int) -> JSONResponse:
    state = RateState(limit=limit, remaining=0, reset_seconds=retry_after, allowed=False)
    minutes = max(1, round(retry_after / 60))
    return error_response(state.exceeded(f"Too many sign-in attempts. Wait about {minutes} minute(s) and try again."))


@router.post(
    "/refresh",
    response_model=Envelope[TokenPair],
    dependencies=[PublicRoute],
    openapi_extra=rate_category(RateCategory.AUTH),
)
async def refresh(
    body: RefreshIn,
    request: Request,
    session: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
    profiles: ProfileLookupDep,
) -> Envelope[TokenPair] | JSONResponse:
    if settings.rate_limit_enabled:
        key = f"rl:auth-refresh:{client_ip(request)}:{_account_key(body.refresh_token)}"
        state = await hit(redis, key, settings.rate_limit_auth, settings.rate_limit_window_seconds)
        if state is not None and not state.allowed:
            return error_response(state.exceeded())
    outcome = await service.refresh(session, settings, body.refresh_token, _client(request), profiles)
    if isinstance(outcome, service.RefreshRaced):
        retry = {"Retry-After": str(outcome.retry_after_seconds)}
        return error_response(Conflict("This session was refreshed a moment ago; try again shortly.", headers=retry))
    if isinstance(outcome, service.RefreshRefused):
        # Answered without raising so that a family revoked on reuse stays revoked (the transaction commits).
        return error_response(Unauthorized(outcome.message))
    return Envelope(data=outcome)


@router.post("/logout", response_model=Envelope[None], dependencies=[PublicRoute])
async def logout(body: RefreshIn, session: SessionDep) -> Envelope[None]:
    await service.logout(session, body.refresh_token)
    return Envelope(data=None)


@router.post("/change-password", response_model=Envelope[TokenPair])
async def change_password(
    body: ChangePasswordIn,
    request: Request,
    principal: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    profiles: ProfileLookupDep,
) -> Envelope[TokenPair]:
    user = await service.get_user(session, principal.user_id)
    tokens = await service.change_password(
        session, settings, user, body.current_password, body.new_password, _client(request), profiles
    )
    return Envelope(data=tokens)


@router.get("/me", response_model=Envelope[Me])
async def me(principal: CurrentUser, session: SessionDep, profiles: ProfileLookupDep) -> Envelope[Me]:
    user = await service.get_user(session, principal.user_id)
    return Envelope(data=service.me_of(user, await service.principal_for(session, user, profiles)))
