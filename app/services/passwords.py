"""Argon2id password hashes for the embedded (SQLite) sign-in.

Nothing is computed at import: the hasher loads, and the stand-in hash is made, at their first use
(start-up reaches the sign-in dialog without them).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher


@functools.cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2-cffi defaults: Argon2id with RFC 9106 low-memory parameters


# A hash of a random password nobody knows, made with argon2-cffi's defaults: verified against when
# the user does not exist, so that a failed sign-in takes as long either way. Written out, so that no
# hash is computed for it at start-up.
_STORED_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$TWTjVJpom3cv3L3rxyd+Ng$tiXVqWaQ/RvDPtJS/Ca8AirS1qlOwC4PBQLfRptY3UU"


@functools.cache
def _dummy_hash() -> str:
    """The stand-in hash, with the parameters real hashes get (made anew, once, should the library's
    defaults have changed since it was written out)."""
    if _hasher().check_needs_rehash(_STORED_DUMMY_HASH):
        return _hasher().hash("not-a-real-password")
    return _STORED_DUMMY_HASH


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return _hasher().verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)
