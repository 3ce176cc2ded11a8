"""Request and response bodies of the sync endpoints (sync-protocol/schemas/*.schema.json).

A push body is checked as a whole only as far as answering per op needs (device, clock, each op's id); everything
inside an op is validated op by op, so one bad op is rejected without blocking the rest of the batch.
"""

import uuid
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from dream_lms.attempts.schemas import MAX_SAFE_INT
from dream_lms.core.schemas import InputModel


class RawOp(BaseModel):
    # The rest of the op (kind, attempt, client_score) is validated per op by the attempt service.
    model_config = ConfigDict(extra="allow")

    op_id: uuid.UUID


class PushIn(BaseModel):
    # Not an InputModel: its NUL check encodes the whole body again; the only free text of a push is in answers,
    # and the attempt service checks each distinct answer once (an op holding a NUL is refused, not the batch).
    model_config = ConfigDict(extra="forbid")

    device_id: uuid.UUID
    client_time: Annotated[int, Field(ge=0, le=MAX_SAFE_INT)]
    ops: list[RawOp] = Field(min_length=1, max_length=500)


class PushOut(BaseModel):
    server_time: int
    clock_skew_ms: int
    results: list[dict[str, Any]]
    attempts: list[dict[str, Any]]


class PullIn(InputModel):
    device_id: uuid.UUID
    cursor: str | None = Field(max_length=200)
    limit: int = Field(default=200, ge=1, le=500)


class ChangeOut(BaseModel):
    entity_type: str
    entity_id: uuid.UUID
    op: str
    payload: dict[str, Any] | None
    changed_at: str


class PullOut(BaseModel):
    changes: list[ChangeOut]
    cursor: str
    has_more: bool
    server_time: int


class DeviceIn(InputModel):
    device_id: uuid.UUID
    name: str | None = Field(default=None, max_length=200)


class DeviceOut(BaseModel):
    device_id: uuid.UUID
    name: str | None
    clock_skew_ms: int | None
