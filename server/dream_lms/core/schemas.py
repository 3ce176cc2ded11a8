"""The base of every request body model."""

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator


def _contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_nul(item) for item in value)
    return False


class InputModel(BaseModel):
    # Unknown fields are refused, so a client's typo is a clear 400 rather than silently ignored.
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _refuse_nul_characters(cls, data: Any) -> Any:
        # PostgreSQL text cannot hold U+0000; refuse it here instead of failing in the database.
        if _contains_nul(data):
            raise ValueError("Text may not contain the NUL character (U+0000).")
        return data
