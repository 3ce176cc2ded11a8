"""A student's online work (start, save, submit without a device of their own): each request becomes one sync op of
the student's "online" pseudo device, applied by `apply_ops` like a push, so the online endpoints and the sync push
change attempts through the same code path."""

import uuid
from collections.abc import Awaitable
from typing import Any, Literal, Protocol, cast

from sqlalchemy.ext.asyncio import AsyncSession

from dream_lms.assignments.access import StudentAssignment, student_assignment
from dream_lms.attempts.merge import AttemptState, attempt_id_for
from dream_lms.attempts.models import Attempt, AttemptStatus
from dream_lms.attempts.schemas import AttemptOut, OnlineProgressIn
from dream_lms.attempts.service import Effects, OpLog, PushContext, apply_ops
from dream_lms.attempts.states import attempt_states, latest_attempt, state_of
from dream_lms.auth.tokens import Principal
from dream_lms.core.clock import Hlc, hlc_key, hlc_receive, now_ms
from dream_lms.core.envelope import ErrorDetail
from dream_lms.core.errors import Conflict, DreamError, InvalidInput, NotFound
from dream_lms.settings import Settings

# uuid5(NAMESPACE_URL, "https://dream-lms.example/online-device"): the pseudo device of a user's online work.
ONLINE_DEVICE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://dream-lms.example/online-device")
ONLINE_DEVICE_NAME = "Online"


class OpenOpLog(Protocol):
    """Registers a device of the user and gives its op log: the transport's (dream_lms.sync.op_log), wired by the
    app (attempts never import sync)."""

    def __call__(
        self, session: AsyncSession, user_id: uuid.UUID, device_id: uuid.UUID, name: str
    ) -> Awaitable[OpLog]: ...


def online_device_id(user_id: uuid.UUID) -> uuid.UUID:
    return uuid.uuid5(ONLINE_DEVICE_NAMESPACE, str(user_id))


def _stamps(state: AttemptState) -> list[Hlc]:
    stamps = [entry["hlc"] for entry in state["answers"].values()]
    stamps += [entry["hlc"] for entry in state["answers_not_submitted"].values()]
    stamps += [event["hlc"] for event in (state["started"], state["submitted"]) if event]
    return stamps


def _next_stamp(state: AttemptState | None, device: str, now: int) -> Hlc:
    """A stamp later than every stamp in the state (HLC receive of its greatest), on the online device."""
    stamps = _stamps(state) if state else []
    local: Hlc = {"wall": 0, "counter": 0, "device": device}
    if not stamps:
        return {"wall": now, "counter": 0, "device": device}
    return hlc_receive(local, max(stamps, key=hlc_key), now)


async def own_assignment(session: AsyncSession, principal: Principal, assignment_id: uuid.UUID) -> StudentAssignment:
    """The student's view of an assignment given to them; any other is a 404."""
    assert principal.profile_id is not None
    sa = await student_assignment(session, principal.profile_id, assignment_id)
    if sa is None:
        raise NotFound("This assignment does not exist or is not given to you.")
    return sa


_ERRORS: dict[str, type[DreamError]] = {
    "invalid_op": InvalidInput,
    "assignment_not_found": NotFound,
    "not_assigned": NotFound,
    "attempts_exhausted": Conflict,
}


async def apply_online(
    session: AsyncSession,
    principal: Principal,
    settings: Settings,
    open_op_log: OpenOpLog,
    kind: Literal["start_attempt", "save_progress", "submit_attempt"],
    state: AttemptState,
    op_id: uuid.UUID | None,
    client_score: int | None = None,
) -> AttemptState:
    """Apply one op of the student's online device, as the online endpoints do; a rejection raises its API error."""
    device = online_device_id(principal.user_id)
    op_log = await open_op_log(session, principal.user_id, device, ONLINE_DEVICE_NAME)
    ctx = PushContext(
        user_id=principal.user_id,
        student_id=cast(uuid.UUID, principal.profile_id),
        device_id=device,
        skew_ms=0,
        received_ms=now_ms(),
        grace_ms=settings.time_limit_grace_ms,
    )
    op: dict[str, Any] = {"op_id": str(op_id or uuid.uuid4()), "kind": kind, "attempt": state}
    if client_score is not None:
        op["client_score"] = client_score
    [result] = await apply_ops(session, ctx, op_log, [op], Effects())
    if result["outcome"] == "rejected":
        error = result["error"]
        raise _ERRORS.get(error["code"], Conflict)(
            error["reason"], [ErrorDetail(field=error["code"], message=error["reason"])]
        )
    states = await attempt_states(session, [uuid.UUID(result["attempt_id"])])
    return states[0]


async def open_attempt(
    session: AsyncSession, principal: Principal, settings: Settings, open_op_log: OpenOpLog, sa: StudentAssignment
) -> AttemptState:
    """The student's open attempt, or a new one (`start_attempt`) when none is open."""
    latest = await latest_attempt(session, sa.assignment_student_id)
    if latest is not None and latest.status != AttemptStatus.SUBMITTED:
        return state_of(latest, sa.assignment_id)
    number = latest.attempt_number + 1 if latest else 1
    if number > sa.max_attempts:
        raise Conflict(
            f"You have used all {sa.max_attempts} attempt(s) allowed for this assignment.",
            [ErrorDetail(field="attempts_exhausted", message="no attempts left")],
        )
    device = str(online_device_id(principal.user_id))
    now = now_ms()
    new: AttemptState = {
        "attempt_id": attempt_id_for(str(sa.assignment_id), str(principal.profile_id), number),
        "assignment_id": str(sa.assignment_id),
        "attempt_number": number,
        "status": "in_progress",
        "version_vector": {device: 1},
        "answers": {},
        "answers_not_submitted": {},
        "time_spent": {},
        "started": {"hlc": {"wall": now, "counter": 0, "device": device}, "device_time": now},
        "submitted": None,
    }
    return await apply_online(session, principal, settings, open_op_log, "start_attempt", new, None)


async def write_answers(
    session: AsyncSession,
    principal: Principal,
    settings: Settings,
    open_op_log: OpenOpLog,
    assignment_id: uuid.UUID,
    body: OnlineProgressIn,
    *,
    submit: bool,
    client_score: int | None = None,
) -> AttemptState:
    """Save answers (and the time spent) into the open attempt, or submit it with them."""
    sa = await own_assignment(session, principal, assignment_id)
    if body.attempt_number is not None:
        row = await session.get(
            Attempt,
            uuid.UUID(attempt_id_for(str(assignment_id), str(principal.profile_id), body.attempt_number)),
            populate_existing=True,
        )
    else:
        row = await latest_attempt(session, sa.assignment_student_id)
    if row is None:
        raise Conflict("Start the assignment first.", [ErrorDetail(field="attempt", message="no attempt started")])
    if row.status == AttemptStatus.SUBMITTED:
        raise Conflict(
            "This attempt is already submitted.", [ErrorDetail(field="attempt", message="attempt already submitted")]
        )
    state = state_of(row, assignment_id)
    device = str(online_device_id(principal.user_id))
    now = now_ms()
    stamp = _next_stamp(state, device, now)
    state["version_vector"] = {**state["version_vector"], device: state["version_vector"].get(device, 0) + 1}
    for activity_id, value in body.answers.items():
        state["answers"][str(activity_id)] = {"value": value, "hlc": stamp}
    if body.time_spent_seconds is not None:
        state["time_spent"] = {
            **state["time_spent"],
            device: max(state["time_spent"].get(device, 0), body.time_spent_seconds),
        }
    if submit:
        state["status"] = "submitted"
        state["submitted"] = {"hlc": {**stamp, "counter": stamp["counter"] + 1}, "device_time": now}
    kind: Literal["save_progress", "submit_attempt"] = "submit_attempt" if submit else "save_progress"
    return await apply_online(session, principal, settings, open_op_log, kind, state, body.op_id, client_score)


async def attempt_out(session: AsyncSession, state: AttemptState) -> AttemptOut:
    row = await session.get(Attempt, uuid.UUID(state["attempt_id"]), populate_existing=True)
    assert row is not None
    return AttemptOut(
        state=dict(state),
        score=row.score,
        scored=row.scored_at is not None,
        on_time=row.on_time,
        synced_late=row.synced_late,
        within_time_limit=row.within_time_limit,
    )
