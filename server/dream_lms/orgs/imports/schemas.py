"""The import report and the login-card request."""

import uuid
from typing import Literal

from pydantic import BaseModel, Field

from dream_lms.core.schemas import InputModel

RowStatus = Literal["new", "update", "unchanged", "invalid"]


class ImportProblem(BaseModel):
    row: int = Field(description="The spreadsheet row (the header is row 1)")
    column: str | None
    message: str


class PreviewRow(BaseModel):
    row: int
    values: dict[str, str]
    status: RowStatus


class CreatedCredential(BaseModel):
    student_id: uuid.UUID
    full_name: str
    username: str
    password: str = Field(description="Shown only this once")


class ImportReport(BaseModel):
    kind: str
    mode: str
    rows_total: int
    rows_valid: int
    rows_invalid: int
    created: int = Field(description="Rows created (in validate mode: rows an import would create)")
    updated: int = Field(description="Rows updated (in validate mode: rows an import would update)")
    unchanged: int
    problems: list[ImportProblem]
    preview: list[PreviewRow] = Field(description="The first 200 rows")
    error_sheet_url: str | None = Field(description="An .xlsx of the invalid rows, for one hour, only for you")
    created_credentials: list[CreatedCredential] = Field(
        description="Students created without an email and their generated passwords; shown only this once"
    )


class LoginCardsRequest(InputModel):
    student_ids: list[uuid.UUID] = Field(default_factory=list, max_length=1000)
    class_id: uuid.UUID | None = None
    reset_passwords: bool = Field(
        default=False, description="Give every student on a card a new friendly password and print it"
    )
