"""Whether a directory takes a new entry, beyond what its mode says."""

from __future__ import annotations

import errno
import os
from pathlib import Path


def os_reason(exc: OSError) -> str:
    """An OSError's reason in the words of the command's other errors ("permission denied")."""
    return (exc.strerror or type(exc).__name__).lower()


def creation_refused(directory: Path) -> OSError | None:
    """Why nothing can be created in ``directory``, whose mode allows it, or None: root passes
    every mode, yet /proc and /sys take no new entry. A probe directory is made and removed at
    once. A full disk raises its OSError naming ``directory``: the work failed, not what was
    given."""
    probe = Path(directory) / f".wirehouse-probe-{os.getpid()}"
    try:
        probe.mkdir()
    except FileExistsError:  # a probe left by a killed process of the same id
        pass
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise OSError(exc.errno, exc.strerror, str(directory)) from None
        return exc
    probe.rmdir()
    return None


def unwritable_reason(path: Path) -> str | None:
    """Why ``path`` neither is nor can be made a writable directory ("/srv/x is a file"), or
    None; nothing is left created. Its nearest existing directory must be writable by its mode
    and take a new entry (:func:`creation_refused`)."""
    existing = path.absolute()
    try:
        while not existing.exists():
            if existing.is_symlink():  # mkdir would say "File exists"
                return (
                    f"{existing} is a symbolic link that leads nowhere (a missing target or a "
                    "loop)"
                )
            existing = existing.parent
    except OSError as exc:  # a directory on the way that may not be searched
        return f"{existing}: {os_reason(exc)}"
    if not existing.is_dir():
        return f"{existing} is a file"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{existing} is read-only"
    refused = creation_refused(existing)
    if refused is not None:
        return f"nothing can be created in {existing} ({os_reason(refused)})"
    return None
