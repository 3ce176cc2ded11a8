"""Wire models of attempt states and ops (sync-protocol/schemas/attempt_state.schema.json, op.schema.json), and the
bodies of the online start / save-progress / submit endpoints."""

import uuid
from typing import Annotated, Any, Literal, NotRequired

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, with_config
from typing_extensions import TypedDict  # pydantic needs typing_extensions' TypedDict on Python 3.11

from dream_lms.core.schemas import InputModel

MAX_SAFE_INT = 9_007_199_254_740_991
Millis = Annotated[int, Field(ge=0, le=MAX_SAFE_INT)]


# Ids are canonical lower-case UUID text, so they compare (and sort, as HLC tie-breaks) as the same text everywhere.
# A pattern is checked by pydantic-core: a push carries thousands of ids (every answer's stamp has one).
LowerUuid = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]


# The wire states are validated into plain dicts (TypedDicts), not models: a push carries hundreds of states with
# thousands of nested values, and building model objects for them only to read them back as dicts doubled the cost.
# Strict: nothing is coerced, so a valid state is exactly the JSON that came in.
_STRICT = ConfigDict(extra="forbid", strict=True)


@with_config(_STRICT)
class HlcIn(TypedDict):
    wall: Millis
    counter: Annotated[int, Field(ge=0, le=MAX_SAFE_INT)]
    device: LowerUuid


@with_config(_STRICT)
class AnswerEntryIn(TypedDict):
    value: dict[str, Any]
    hlc: HlcIn


@with_config(_STRICT)
class EventIn(TypedDict):
    hlc: HlcIn
    device_time: Millis


@with_config(_STRICT)
class AttemptStateIn(TypedDict):
    attempt_id: LowerUuid
    assignment_id: LowerUuid
    attempt_number: Annotated[int, Field(ge=1, le=1000)]
    status: Literal["not_started", "in_progress", "submitted"]
    version_vector: dict[LowerUuid, Annotated[int, Field(ge=0, le=MAX_SAFE_INT)]]
    answers: dict[LowerUuid, AnswerEntryIn]
    answers_not_submitted: dict[LowerUuid, AnswerEntryIn]
    time_spent: dict[LowerUuid, Annotated[int, Field(ge=0, le=31_536_000)]]
    started: EventIn | None
    submitted: EventIn | None


@with_config(_STRICT)
class OpIn(TypedDict):
    op_id: LowerUuid
    kind: Literal["start_attempt", "save_progress", "submit_attempt"]
    attempt: AttemptStateIn
    client_score: NotRequired[Annotated[int, Field(ge=0, le=100)] | None]


OP_IN = TypeAdapter(OpIn)


class OpError(BaseModel):
    code: str
    reason: str
    retryable: bool | None = None


class OnlineProgressIn(InputModel):
    """What the online player sends: the answers of some or all activities, and the seconds spent so far."""

    attempt_number: int | None = Field(default=None, ge=1, le=1000, description="the attempt; default the open one")
    answers: dict[uuid.UUID, dict[str, Any]] = Field(default_factory=dict, max_length=200)
    time_spent_seconds: int | None = Field(default=None, ge=0, le=31_536_000)
    op_id: uuid.UUID | None = Field(default=None, description="optional; a retry with the same id is answered alike")


class OnlineSubmitIn(OnlineProgressIn):
    client_score: int | None = Field(default=None, ge=0, le=100, description="logged when it differs; never counts")


class ActivityOut(BaseModel):
    activity_id: uuid.UUID
    position: int
    type: str
    title: str | None
    config: dict[str, Any]  # file paths replaced by pre-signed URLs
    assets: dict[str, str]


class AttemptOut(BaseModel):
    """The attempt state of the sync protocol (attempt_state.schema.json), plus what the server derived."""

    state: dict[str, Any]
    score: int | None
    scored: bool
    on_time: bool | None
    synced_late: bool
    within_time_limit: bool | None


class StartOut(BaseModel):
    assignment_id: uuid.UUID
    name: str
    instructions: str | None
    due_at: str | None
    time_limit_minutes: int | None
    max_attempts: int
    attempts_used: int
    show_answers: bool
    activities: list[ActivityOut]
    attempt: AttemptOut
