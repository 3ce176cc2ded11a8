"""Organisations: publishers, schools, teachers, students and classes."""

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String, Text, func, text
from sqlmodel import Field, SQLModel

from dream_lms.auth.models import EMAIL_PATTERN
from dream_lms.core.model_base import TIMESTAMPTZ, Timestamps, UUIDPrimaryKey, utc_now


class Publisher(UUIDPrimaryKey, Timestamps, table=True):
    """A publisher organisation; its account is `user_id`. Books link to it by name (unique)."""

    __tablename__ = "publishers"
    __table_args__ = (
        CheckConstraint(f"contact_email ~ '{EMAIL_PATTERN}'", name="contact_email_format"),
        Index("uq_publishers_lower_name", text("lower(name)"), unique=True),
    )

    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", unique=True)
    name: str = Field(sa_type=String(200))
    contact_email: str | None = Field(default=None, sa_type=String(320))
    contact_phone: str | None = Field(default=None, sa_type=String(50))
    logo_path: str | None = Field(default=None, sa_type=Text)


class School(UUIDPrimaryKey, Timestamps, table=True):
    __tablename__ = "schools"
    __table_args__ = (
        CheckConstraint(f"contact_email ~ '{EMAIL_PATTERN}'", name="contact_email_format"),
        # Re-running an import must not create the same school twice.
        Index("uq_schools_publisher_id_lower_name", "publisher_id", text("lower(name)"), unique=True),
    )

    publisher_id: uuid.UUID = Field(foreign_key="publishers.id", ondelete="RESTRICT", index=True)
    name: str = Field(sa_type=String(200))
    address: str | None = Field(default=None, sa_type=Text)
    contact_email: str | None = Field(default=None, sa_type=String(320))
    contact_phone: str | None = Field(default=None, sa_type=String(50))


class Teacher(UUIDPrimaryKey, Timestamps, table=True):
    __tablename__ = "teachers"

    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", unique=True)
    school_id: uuid.UUID = Field(foreign_key="schools.id", ondelete="RESTRICT", index=True)
    subject: str | None = Field(default=None, sa_type=String(100))


class Student(UUIDPrimaryKey, Timestamps, table=True):
    __tablename__ = "students"
    __table_args__ = (CheckConstraint(f"parent_email ~ '{EMAIL_PATTERN}'", name="parent_email_format"),)

    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", unique=True)
    school_id: uuid.UUID = Field(foreign_key="schools.id", ondelete="RESTRICT", index=True)
    grade: str | None = Field(default=None, sa_type=String(20))
    parent_email: str | None = Field(default=None, sa_type=String(320))
    created_by_teacher_id: uuid.UUID | None = Field(
        default=None, foreign_key="teachers.id", ondelete="SET NULL", index=True
    )


class SchoolClass(UUIDPrimaryKey, Timestamps, table=True):
    """A class of students taught by one teacher (`class` is a Python keyword, hence the name)."""

    __tablename__ = "classes"

    teacher_id: uuid.UUID = Field(foreign_key="teachers.id", ondelete="RESTRICT", index=True)
    school_id: uuid.UUID = Field(foreign_key="schools.id", ondelete="RESTRICT", index=True)
    name: str = Field(sa_type=String(100))
    grade: str | None = Field(default=None, sa_type=String(20))
    subject: str | None = Field(default=None, sa_type=String(100))
    academic_year: str | None = Field(default=None, sa_type=String(20))
    is_archived: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})


class ClassStudent(SQLModel, table=True):
    __tablename__ = "class_students"

    class_id: uuid.UUID = Field(foreign_key="classes.id", ondelete="CASCADE", primary_key=True)
    student_id: uuid.UUID = Field(foreign_key="students.id", ondelete="CASCADE", primary_key=True, index=True)
    joined_at: datetime = Field(
        default_factory=utc_now, sa_type=TIMESTAMPTZ, sa_column_kwargs={"server_default": func.now()}
    )
