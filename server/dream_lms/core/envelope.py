"""The API's response envelopes: `{success, data, meta}`, its paginated form, and the error form."""

import math
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, Generic, Literal, TypeVar

from fastapi import Response
from pydantic import BaseModel, Field

T = TypeVar("T")

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)


class Meta(BaseModel):
    request_id: str
    timestamp: datetime


def current_meta() -> Meta:
    return Meta(request_id=request_id_var.get() or uuid.uuid4().hex, timestamp=datetime.now(UTC))


class Envelope(BaseModel, Generic[T]):
    success: Literal[True] = True
    data: T
    meta: Meta = Field(default_factory=current_meta)


def envelope_response(data: BaseModel) -> Response:
    """The envelope of `data` as JSON, serialized once by pydantic-core.

    For hot endpoints: returned as a model, FastAPI dumps it, validates the dump against the response model and
    encodes it again, which costs more than the work of a large sync push itself.
    """
    return Response(Envelope[Any](data=data).model_dump_json(), media_type="application/json")


class Pagination(BaseModel):
    page: int
    per_page: int
    total: int
    total_pages: int
    next_page: int | None
    prev_page: int | None

    @classmethod
    def of(cls, page: int, per_page: int, total: int) -> "Pagination":
        total_pages = max(1, math.ceil(total / per_page))
        return cls(
            page=page,
            per_page=per_page,
            total=total,
            total_pages=total_pages,
            next_page=page + 1 if page < total_pages else None,
            prev_page=page - 1 if page > 1 else None,
        )


class PageEnvelope(BaseModel, Generic[T]):
    success: Literal[True] = True
    data: list[T]
    pagination: Pagination
    meta: Meta = Field(default_factory=current_meta)


class ErrorDetail(BaseModel):
    field: str | None = None
    message: str


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorEnvelope(BaseModel):
    success: Literal[False] = False
    error: ErrorBody
    meta: Meta = Field(default_factory=current_meta)
