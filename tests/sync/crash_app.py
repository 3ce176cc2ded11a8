"""The API that dies between the commit of a sync push and its response, for tests/sync/test_crash.py.

Served by uvicorn in a real process (`uvicorn tests.sync.crash_app:create_crashing_app --factory`). A push's
transaction commits before its response starts (SessionDep's scope="function"), so ending the process when the
response of a successful push starts is a crash exactly between commit and response: there is no other way to place
a real one there. Only this test app has it; the production app and its settings know nothing of it.
"""

import os

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dream_lms.app import API_PREFIX, create_app

PUSH_PATH = f"{API_PREFIX}/sync/push"


class CrashAfterPushCommit:
    """ASGI middleware: `os._exit(1)` instead of sending the response of a push that committed (status 200)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PUSH_PATH:
            await self.app(scope, receive, send)
            return

        async def crash_instead_of_replying(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                os._exit(1)
            await send(message)

        await self.app(scope, receive, crash_instead_of_replying)


def create_crashing_app() -> FastAPI:
    app = create_app()
    app.add_middleware(CrashAfterPushCommit)
    return app
