"""Password hashing (argon2id) and the password policy: 8..128 characters, no composition rules, and none of
the most common passwords (NIST SP 800-63B)."""

from functools import lru_cache
from importlib.resources import files

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from dream_lms.core.envelope import ErrorDetail
from dream_lms.core.errors import InvalidInput

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters (RFC 9106 low-memory profile)
# Verifying against this keeps a login for an unknown account as slow as one for a known account.
_DUMMY_HASH = _hasher.hash("dream-lms-timing-equaliser")


@lru_cache
def _common_passwords() -> frozenset[str]:
    text = files("dream_lms.auth").joinpath("common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def password_problem(password: str) -> str | None:
    """Why this password may not be used, or None when it is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Use at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Use at most {MAX_PASSWORD_LENGTH} characters."
    if password.lower() in _common_passwords():
        return "This password is too common; choose another."
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def check_new_password(password: str, field: str = "new_password") -> None:
    problem = password_problem(password)
    if problem:
        raise InvalidInput("The new password cannot be used.", [ErrorDetail(field=field, message=problem)])
