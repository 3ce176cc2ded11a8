"""Counting the SQL statements an API call sends, to show that a list page does not query once per row."""

from collections.abc import Awaitable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine


@contextmanager
def recorded_statements(engine: AsyncEngine) -> Iterator[list[str]]:
    """The statements sent through `engine` while the block runs (SAVEPOINTs included), in order."""
    statements: list[str] = []

    def record(_conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def statements_of(engine: AsyncEngine, call: Awaitable[httpx.Response]) -> tuple[httpx.Response, list[str]]:
    """The response of `call` and the statements it sent; the call must succeed."""
    with recorded_statements(engine) as statements:
        response = await call
    assert response.status_code == 200, response.text
    return response, statements
