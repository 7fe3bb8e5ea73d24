"""Another commit's packages, unpacked into a scratch directory for the benchmarks'
``--compare-ref GITREF``: the 'before' column runs that commit's code in a child process."""

from __future__ import annotations

import io
import subprocess
import tarfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


class RefError(ValueError):
    """``--compare-ref`` names nothing this repository can unpack."""


def unpack_ref(ref: str, packages: Sequence[str], into: Path) -> str:
    """Unpack ``packages`` (top-level directories) of commit ``ref`` into ``into``, made if
    missing; returns the commit's short id."""
    try:
        short = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", ref],
                               check=True, capture_output=True, text=True).stdout.strip()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", ref,
                                  *packages], check=True, capture_output=True).stdout
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.decode() if isinstance(exc.stderr, bytes) else exc.stderr
        raise RefError(f"--compare-ref {ref}: {message.strip()}") from None
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return short
