"""Search and sort for list endpoints: a case-insensitive substring match and whitelisted sort keys."""

from collections.abc import Mapping
from typing import Annotated, Any, TypeVarTuple

from fastapi import Query
from sqlalchemy import ColumnElement, Row, Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

Columns = TypeVarTuple("Columns")

SearchQuery = Annotated[str | None, Query(max_length=200, description="Case-insensitive text to look for")]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matches_search(search: str | None, *columns: Any) -> ColumnElement[bool] | None:
    """A filter for rows where any of `columns` contains `search` (ignoring case), or None without a search."""
    if not search or not search.strip():
        return None
    pattern = f"%{_escape_like(search.strip().lower())}%"
    return or_(*(func.lower(column).like(pattern, escape="\\") for column in columns))


def sort_order(sort: str, columns: Mapping[str, Any], tie_breaker: Any) -> list[Any]:
    """ORDER BY terms for a sort key such as "name" or "-created_at" ("-" means descending).

    The key was already checked against the route's Literal of allowed values; the id breaks ties so pages
    never overlap or skip rows.
    """
    descending = sort.startswith("-")
    column = columns[sort.removeprefix("-")]
    return [column.desc() if descending else column.asc(), tie_breaker]


async def fetch_page(
    session: AsyncSession, query: Select[*Columns], order: list[Any], offset: int, limit: int
) -> tuple[list[Row[*Columns]], int]:
    """One page of `query`'s rows in `order`, and how many rows the whole query has."""
    total = await session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    result = await session.execute(query.order_by(*order).offset(offset).limit(limit))
    return list(result.all()), int(total or 0)
