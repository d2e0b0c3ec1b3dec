"""Files the program writes (reports, table exports, import templates, chart images, backups): each
appears whole or not at all, with the permissions the user's other files get.

Written to a temporary file in the target folder and renamed over the target, so a reader never
sees half a file and a failure (a full disk, a lost network drive) leaves the old file, if any, as
it was. mkstemp makes the temporary file readable by its owner only; the finished file gets the
mode the user's umask gives new files, so colleagues can open an export from a shared folder.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

_umask_lock = threading.Lock()


def _normal_mode() -> int:
    """0o666 less the process's umask (read through /proc where it can be, without changing it)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except OSError:
        pass
    with _umask_lock:  # os.umask can only be read by setting it
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def whole_file(target: Path) -> Iterator[BinaryIO]:
    """A binary stream whose content becomes `target` when the block ends without error."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temp = Path(name)
    done = False
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _normal_mode())
        os.replace(temp, target)
        done = True
    finally:
        if not done:
            temp.unlink(missing_ok=True)
