"""Whether a directory takes a new entry, beyond what its mode says."""

from __future__ import annotations

import errno
import os
from pathlib import Path


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
