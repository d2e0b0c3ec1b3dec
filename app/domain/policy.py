"""Sign-in policy: what a username and password must be, how guessing is slowed and locked, idle lock."""

from __future__ import annotations

import datetime as dt
import re

# 63: the longest name PostgreSQL gives a login role (app/db/security_setup checks the same pattern).
USERNAME_PATTERN = re.compile(r"[a-z0-9._-]{2,63}")
DISPLAY_NAME_MAX = 120
PASSWORD_MIN = 10
# Argon2 hashes any length, but a megabyte "password" would only cost the server time.
PASSWORD_MAX = 1024

# Password guessing is slowed down per username, whether the account exists or not.
FREE_ATTEMPTS = 3  # failures before any waiting
MAX_DELAY = dt.timedelta(seconds=30)  # the longest wait between attempts before the lock
LOCK_AFTER = 10  # failures in a row that lock the username
LOCK_FOR = dt.timedelta(minutes=15)

# Minutes without input before the window locks (the default of the ui.idle_lock_minutes setting).
IDLE_LOCK_MINUTES = 10


def required_wait(failures: int) -> dt.timedelta:
    """How long after the last failure the next attempt is heard: 0, then 2, 4, 8 … up to 30 s."""
    if failures < FREE_ATTEMPTS:
        return dt.timedelta(0)
    return min(dt.timedelta(seconds=2 ** (failures - FREE_ATTEMPTS + 1)), MAX_DELAY)
