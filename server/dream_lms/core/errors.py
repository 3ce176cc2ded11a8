"""Typed domain errors and the one set of handlers that turns every failure into the error envelope.

Services raise a `DreamError` subclass; nothing else decides status codes. No stack trace, SQL or driver message
ever reaches a client: unexpected exceptions are logged here and answered with a generic INTERNAL_ERROR.
"""

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import DBAPIError, IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

from dream_lms.core.envelope import ErrorBody, ErrorDetail, ErrorEnvelope, current_meta, request_id_var

log = logging.getLogger(__name__)


class DreamError(Exception):
    code = "INTERNAL_ERROR"
    status_code = 500
    default_message = "Something went wrong on our side."

    def __init__(
        self,
        message: str | None = None,
        details: Sequence[ErrorDetail] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        self.message = message or self.default_message
        self.details = list(details)
        self.headers = headers
        super().__init__(self.message)


class InvalidInput(DreamError):
    code, status_code, default_message = "INVALID_INPUT", 400, "The request is not valid."


class Unauthorized(DreamError):
    code, status_code, default_message = "UNAUTHORIZED", 401, "Authentication is required."


class Forbidden(DreamError):
    code, status_code, default_message = "FORBIDDEN", 403, "You are not allowed to do this."


class NotFound(DreamError):
    code, status_code, default_message = "NOT_FOUND", 404, "Not found."


class Conflict(DreamError):
    code, status_code, default_message = "CONFLICT", 409, "This conflicts with existing data."


class Unprocessable(DreamError):
    code, status_code, default_message = "UNPROCESSABLE_ENTITY", 422, "The request cannot be processed."


class RateLimitExceeded(DreamError):
    code, status_code, default_message = "RATE_LIMIT_EXCEEDED", 429, "Too many requests; try again later."


class ServiceUnavailable(DreamError):
    code, status_code, default_message = "SERVICE_UNAVAILABLE", 503, "A service we depend on is unavailable."


# Every error code of the API with its status, for the OpenAPI document and the tests.
ERROR_TYPES: tuple[type[DreamError], ...] = (
    InvalidInput,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    Unprocessable,
    RateLimitExceeded,
    DreamError,
    ServiceUnavailable,
)

_STATUS_TO_ERROR: dict[int, type[DreamError]] = {e.status_code: e for e in ERROR_TYPES}


def error_response(error: DreamError) -> JSONResponse:
    body = ErrorEnvelope(
        error=ErrorBody(code=error.code, message=error.message, details=error.details),
        meta=current_meta(),
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=error.status_code, headers=error.headers)


def _validation_details(errors: Sequence[Any]) -> list[ErrorDetail]:
    details = []
    for err in errors:
        # The location starts with where the value came from (body/query/path); the client wants the field.
        location = [str(part) for part in err.get("loc", ())]
        field = ".".join(location[1:]) if len(location) > 1 else ".".join(location)
        details.append(ErrorDetail(field=field or None, message=str(err.get("msg", "Invalid value."))))
    return details


def _with_rate_limit_headers(request: Request, response: JSONResponse) -> JSONResponse:
    for name, value in getattr(request.state, "rate_limit_headers", {}).items():
        response.headers.setdefault(name, value)
    return response


async def _on_dream_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DreamError)
    return _with_rate_limit_headers(request, error_response(exc))


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    error = InvalidInput("Some fields are not valid.", _validation_details(exc.errors()))
    return _with_rate_limit_headers(request, error_response(error))


async def _on_http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    error_type = _STATUS_TO_ERROR.get(exc.status_code)
    if error_type is None:
        error_type = InvalidInput if exc.status_code < 500 else DreamError
    message = error_type.default_message
    if exc.status_code == 405:
        message = "This method is not allowed here."
    error = error_type(message, headers=dict(exc.headers) if exc.headers else None)
    response = error_response(error)
    response.status_code = exc.status_code if exc.status_code != 405 else 405
    return response


async def _on_integrity_error(_: Request, exc: Exception) -> JSONResponse:
    # A constraint the service did not check first (a race between two requests): a conflict, never a 500.
    log.info("integrity error answered as CONFLICT: %s", exc)
    return error_response(Conflict("This conflicts with existing data; reload and try again."))


async def _on_database_error(_: Request, exc: Exception) -> JSONResponse:
    log.exception("database error", exc_info=exc)
    return error_response(ServiceUnavailable("The database is unavailable; try again shortly."))


async def _on_redis_error(_: Request, exc: Exception) -> JSONResponse:
    log.warning("redis unavailable: %s", exc)
    return error_response(ServiceUnavailable("A service we depend on is unavailable; try again shortly."))


async def _on_unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", exc_info=exc)
    request_id = getattr(request.state, "request_id", None)
    token = request_id_var.set(request_id)
    try:
        response = error_response(DreamError())
    finally:
        request_id_var.reset(token)
    if request_id:
        response.headers["X-Request-ID"] = request_id
    return response


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DreamError, _on_dream_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(IntegrityError, _on_integrity_error)
    app.add_exception_handler(DBAPIError, _on_database_error)
    app.add_exception_handler(RedisConnectionError, _on_redis_error)
    app.add_exception_handler(RedisTimeoutError, _on_redis_error)
    app.add_exception_handler(Exception, _on_unexpected_error)
