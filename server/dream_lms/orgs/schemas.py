"""Request and response bodies of the organisation endpoints (publishers, schools, teachers, students, classes)."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from dream_lms.auth.passwords import MAX_PASSWORD_LENGTH
from dream_lms.core.schemas import InputModel, Name, UpdateInput

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Grade = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Address = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
Email = Annotated[EmailStr, Field(max_length=320)]
# The users table's rule: 3..64 characters, no "@" (that marks an email) and no spaces.
Username = Annotated[str, StringConstraints(pattern=r"^[^@\s]{3,64}$")]
Password = Annotated[str, Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)]


# --- publishers (admin) ---


class PublisherCreate(InputModel):
    name: Name
    email: Email = Field(description="The publisher account's sign-in email")
    full_name: Name = Field(description="The name of the person who runs the account")
    password: Password | None = Field(default=None, description="Generated and returned once when omitted")
    contact_email: Email | None = None
    contact_phone: Phone | None = None


class PublisherUpdate(UpdateInput):
    required_fields = frozenset({"name"})

    name: Name | None = None
    contact_email: Email | None = None
    contact_phone: Phone | None = None


class PublisherOut(BaseModel):
    id: uuid.UUID
    user_id: uuid.UUID
    name: str
    email: str | None
    full_name: str
    is_active: bool
    contact_email: str | None
    contact_phone: str | None
    created_at: datetime


class PublisherCreated(PublisherOut):
    generated_password: str | None = Field(description="Shown once, only when the request had no password")


# --- schools ---


class SchoolCreate(InputModel):
    publisher_id: uuid.UUID
    name: Name
    address: Address | None = None
    contact_email: Email | None = None
    contact_phone: Phone | None = None


class SchoolUpdate(UpdateInput):
    required_fields = frozenset({"name"})

    name: Name | None = None
    address: Address | None = None
    contact_email: Email | None = None
    contact_phone: Phone | None = None


class SchoolOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    publisher_id: uuid.UUID
    name: str
    address: str | None
    contact_email: str | None
    contact_phone: str | None
    created_at: datetime


# --- audit log ---


class AuditEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    actor_user_id: uuid.UUID | None = Field(description="Null for the system and for a user deleted since")
    actor_name: str | None = Field(
        description="The actor's full name (for a deleted user, as it was when the entry was written); "
        "null for the system"
    )
    actor_email: str | None = Field(
        description="The actor's email (for a deleted user, as it was when the entry was written); "
        "null for the system or none"
    )
    action: str
    entity_type: str
    entity_id: uuid.UUID | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    ip: str | None
    created_at: datetime


# --- teachers (publisher) ---


class TeacherCreate(InputModel):
    school_id: uuid.UUID
    email: Email
    full_name: Name
    password: Password | None = Field(default=None, description="Generated and returned once when omitted")
    subject: ShortText | None = None


class TeacherUpdate(UpdateInput):
    required_fields = frozenset({"school_id", "email", "full_name"})

    school_id: uuid.UUID | None = None
    email: Email | None = None
    full_name: Name | None = None
    subject: ShortText | None = None


class TeacherOut(BaseModel):
    id: uuid.UUID
    user_id: uuid.UUID
    school_id: uuid.UUID
    email: str | None
    full_name: str
    subject: str | None
    is_active: bool
    created_at: datetime


class TeacherCreated(TeacherOut):
    generated_password: str | None = Field(description="Shown once, only when the request had no password")


# --- students (teacher) ---


class StudentCreate(InputModel):
    full_name: Name
    email: Email | None = None
    username: Username | None = Field(default=None, description="For children without an email address")
    password: Password | None = Field(default=None, description="A friendly one is generated when omitted")
    grade: Grade | None = None
    parent_email: Email | None = None


class StudentUpdate(UpdateInput):
    required_fields = frozenset({"full_name"})

    full_name: Name | None = None
    email: Email | None = None
    username: Username | None = None
    grade: Grade | None = None
    parent_email: Email | None = None


class StudentOut(BaseModel):
    id: uuid.UUID
    user_id: uuid.UUID
    school_id: uuid.UUID
    full_name: str
    email: str | None
    username: str | None
    grade: str | None
    parent_email: str | None
    is_active: bool
    created_by_teacher_id: uuid.UUID | None
    created_at: datetime


class StudentCreated(StudentOut):
    generated_password: str | None = Field(description="Shown once, only when the request had no password")


class StudentPassword(BaseModel):
    student_id: uuid.UUID
    login: str = Field(description="The username or email the student signs in with")
    password: str = Field(description="The new password; it is shown only this once")


# --- classes (teacher) ---


class ClassCreate(InputModel):
    name: ShortText
    grade: Grade | None = None
    subject: ShortText | None = None
    academic_year: Grade | None = None


class ClassUpdate(UpdateInput):
    required_fields = frozenset({"name", "is_archived"})

    name: ShortText | None = None
    grade: Grade | None = None
    subject: ShortText | None = None
    academic_year: Grade | None = None
    is_archived: bool | None = None


class ClassOut(BaseModel):
    id: uuid.UUID
    teacher_id: uuid.UUID
    school_id: uuid.UUID
    name: str
    grade: str | None
    subject: str | None
    academic_year: str | None
    is_archived: bool
    student_count: int
    created_at: datetime


class ClassDetail(ClassOut):
    students: list[StudentOut]


class ClassStudentsAdd(InputModel):
    student_ids: list[uuid.UUID] = Field(min_length=1, max_length=500)
