"""Password hashing with Argon2id (argon2-cffi's defaults follow RFC 9106's recommendations)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # stateless and thread-safe: sharing it holds no user's data
MIN_PASSWORD_CHARS = 10


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise ValueError(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


_DUMMY_HASH = _hasher.hash("no-such-account: a password nobody has")


def spend_like_a_verify(password: str) -> None:
    """The same Argon2 work as a real check, for a user that does not exist: answers take the same time."""
    verify_password(_DUMMY_HASH, password)
