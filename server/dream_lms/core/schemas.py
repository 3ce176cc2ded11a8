"""The base of every request body model."""

import json
import re
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

NUL_MESSAGE = "Text may not contain the NUL character (U+0000)."

# In JSON text, U+0000 is always the escape `\u0000`; one preceded by an odd number of backslashes is the user's
# literal text "\u0000" instead.
_ESCAPED_NUL = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")


def contains_nul(value: Any) -> bool:
    """Whether any text in this JSON value holds U+0000."""
    # One pass of the C encoder: a walk in Python costs milliseconds on a large body.
    text = json.dumps(value, default=str)
    return "\\u0000" in text and _ESCAPED_NUL.search(text) is not None


class InputModel(BaseModel):
    # Unknown fields are refused, so a client's typo is a clear 400 rather than silently ignored.
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _refuse_nul_characters(cls, data: Any) -> Any:
        # PostgreSQL text cannot hold U+0000; refuse it here instead of failing in the database.
        if contains_nul(data):
            raise ValueError(NUL_MESSAGE)
        return data


# A name shown to people (of a school, a class, an assignment...).
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class UpdateInput(InputModel):
    """A partial update: only the fields sent change; `null` clears an optional field but not a required one."""

    required_fields: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="after")
    def _refuse_clearing_required_fields(self) -> "UpdateInput":
        cleared = sorted(f for f in self.required_fields & self.model_fields_set if getattr(self, f) is None)
        if cleared:
            raise ValueError(f"These fields cannot be empty: {', '.join(cleared)}.")
        return self

    def changes(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True)
