"""Offline sync endpoints (sync-protocol/PROTOCOL.md): device registration, push of ops, pull of the change feed."""

from fastapi import APIRouter, Request, Response

from dream_lms.attempts.service import Effects, PushContext, apply_ops, touched_states
from dream_lms.auth.deps import CurrentUser, StudentUser
from dream_lms.core.clock import measure_skew, now_ms
from dream_lms.core.deps import SessionDep, SettingsDep
from dream_lms.core.envelope import Envelope, ErrorDetail, envelope_response
from dream_lms.core.errors import Conflict, Forbidden, InvalidInput
from dream_lms.core.ratelimit import RateCategory, rate_category
from dream_lms.sync.devices import register_device
from dream_lms.sync.feed import CursorInvalid, read_feed
from dream_lms.sync.models import Device
from dream_lms.sync.op_log import DeviceOpLog
from dream_lms.sync.schemas import ChangeOut, DeviceIn, DeviceOut, PullIn, PullOut, PushIn, PushOut

router = APIRouter(prefix="/sync", tags=["sync"])
SYNC_RATE = rate_category(RateCategory.SYNC)


@router.post("/devices", response_model=Envelope[DeviceOut], openapi_extra=SYNC_RATE)
async def register(
    body: DeviceIn, principal: CurrentUser, session: SessionDep, request: Request
) -> Envelope[DeviceOut]:
    """Register (or refresh) this app's device for the signed-in user; push and pull also register implicitly."""
    await register_device(
        session, principal.user_id, body.device_id, user_agent=request.headers.get("user-agent"), name=body.name
    )
    device = await session.get(Device, (principal.user_id, body.device_id), populate_existing=True)
    assert device is not None
    return Envelope(data=DeviceOut(device_id=device.id, name=device.name, clock_skew_ms=device.clock_skew_ms))


@router.post("/push", response_model=Envelope[PushOut], openapi_extra=SYNC_RATE)
async def push(
    body: PushIn,
    principal: StudentUser,
    session: SessionDep,
    settings: SettingsDep,
    request: Request,
) -> Response:
    """Apply a batch of ops, each answered on its own (PROTOCOL.md section 7); HTTP 200 whenever the batch was read."""
    received = now_ms()
    if len(body.ops) > settings.sync_max_batch_ops:
        raise InvalidInput(
            "Too many ops in one push.",
            [ErrorDetail(field="ops", message=f"at most {settings.sync_max_batch_ops} ops per push")],
        )
    if principal.profile_id is None:
        raise Forbidden("This account has no student profile.")
    skew = measure_skew(body.client_time, received)
    await register_device(
        session, principal.user_id, body.device_id, skew_ms=skew, user_agent=request.headers.get("user-agent")
    )
    ctx = PushContext(
        user_id=principal.user_id,
        student_id=principal.profile_id,
        device_id=body.device_id,
        skew_ms=skew,
        received_ms=received,
        grace_ms=settings.time_limit_grace_ms,
    )
    effects = Effects()
    ops = [{**(op.model_extra or {}), "op_id": str(op.op_id)} for op in body.ops]
    results = await apply_ops(session, ctx, DeviceOpLog(principal.user_id, body.device_id), ops, effects)
    attempts = await touched_states(session, effects)
    # The re-scores the batch scheduled are enqueued after the commit (by SessionDep): a job never looks for a
    # submission not yet committed.
    return envelope_response(
        PushOut(server_time=received, clock_skew_ms=skew, results=results, attempts=[dict(state) for state in attempts])
    )


@router.post("/pull", response_model=Envelope[PullOut], openapi_extra=SYNC_RATE)
async def pull(body: PullIn, principal: CurrentUser, session: SessionDep, request: Request) -> Envelope[PullOut]:
    """A page of the caller's change feed after `cursor` (PROTOCOL.md section 9)."""
    await register_device(session, principal.user_id, body.device_id, user_agent=request.headers.get("user-agent"))
    try:
        entries, cursor, has_more = await read_feed(session, principal.user_id, body.cursor, body.limit)
    except CursorInvalid as exc:
        raise Conflict(
            "This sync cursor cannot be used; pull again from the start.",
            [ErrorDetail(field="cursor", message=str(exc))],
        ) from exc
    return Envelope(
        data=PullOut(
            changes=[
                ChangeOut(
                    entity_type=entry.entity_type,
                    entity_id=entry.entity_id,
                    op=entry.op.value,
                    payload=entry.payload,
                    changed_at=entry.created_at.isoformat(),
                )
                for entry in entries
            ],
            cursor=cursor,
            has_more=has_more,
            server_time=now_ms(),
        )
    )
