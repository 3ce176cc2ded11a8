"""ASGI middleware: a request id on every request and response (and in every envelope's meta)."""

import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dream_lms.core.envelope import request_id_var
from dream_lms.core.errors import InvalidInput, error_response

_MAX_INCOMING_ID = 64


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if incoming.isalnum() and len(incoming) <= _MAX_INCOMING_ID else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        # Also on the request state: the 500 handler runs outside this middleware, after the context var is reset.
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            if b"%00" in scope.get("query_string", b""):
                # PostgreSQL text cannot hold U+0000: refuse it before any route sees it.
                response = error_response(InvalidInput("The query string may not contain the NUL character."))
                await response(scope, receive, send_with_id)
                return
            await self.app(scope, receive, send_with_id)
        finally:
            request_id_var.reset(token)
