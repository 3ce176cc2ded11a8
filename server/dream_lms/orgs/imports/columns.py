"""The columns of each import kind, as the templates show them and the importer reads them."""

from dataclasses import dataclass
from typing import Literal

ImportKind = Literal["students", "teachers", "publishers", "schools"]
AdminImportKind = Literal["teachers", "publishers", "schools"]
ImportMode = Literal["validate", "all_or_nothing", "valid_only"]


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: str


COLUMNS: dict[str, tuple[Column, ...]] = {
    "students": (
        Column("first_name", True, "Required."),
        Column("last_name", True, "May be empty for a single name."),
        Column("username", False, "3-64 characters without spaces or @; needed when there is no email."),
        Column("email", False, "The student's own email; needed when there is no username."),
        Column("grade", False, "Free text, e.g. 3 or Year 4."),
        Column("parent_email", False, "Optional."),
        Column("class", False, "Your class to enrol the student in; created when it does not exist."),
    ),
    "teachers": (
        Column("full_name", True, "Required."),
        Column("email", True, "The teacher signs in with it."),
        Column("school", True, "The school's exact name (or its id)."),
        Column("subject", False, "Optional."),
    ),
    "publishers": (
        Column("name", True, "The publisher's name (unique)."),
        Column("contact_email", False, "Optional."),
        Column("login_email", True, "The publisher account signs in with it."),
    ),
    "schools": (
        Column("publisher", True, "The publisher's exact name (or its id)."),
        Column("name", True, "Unique per publisher."),
        Column("address", False, "Optional."),
        Column("contact_email", False, "Optional."),
    ),
}

# Other spellings people use in their own sheets, after normalize_header().
ALIASES: dict[str, dict[str, str]] = {
    "students": {
        "firstname": "first_name",
        "first": "first_name",
        "given_name": "first_name",
        "forename": "first_name",
        "lastname": "last_name",
        "last": "last_name",
        "surname": "last_name",
        "family_name": "last_name",
        "user_name": "username",
        "login": "username",
        "e_mail": "email",
        "mail": "email",
        "parent_e_mail": "parent_email",
        "parents_email": "parent_email",
        "class_name": "class",
    },
    "teachers": {"name": "full_name", "fullname": "full_name", "e_mail": "email", "school_name": "school"},
    "publishers": {"publisher": "name", "publisher_name": "name", "login": "login_email", "email": "login_email"},
    "schools": {"publisher_name": "publisher", "school": "name", "school_name": "name", "e_mail": "contact_email"},
}


def canonical(kind: str, header: str) -> str:
    return ALIASES[kind].get(header, header)
