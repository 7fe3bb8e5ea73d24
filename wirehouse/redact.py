"""The one helper that masks secrets in anything printed or logged.

The password of a URL (what stands between ``user:`` and ``@``, in a warehouse URL or a webhook)
is replaced by ``***``; the rest of the text is kept. Every output of the ``wirehouse`` command, the
warehouse errors (``load.db.safe_url``), the alert payload and, once :func:`install_log_masking`
has run, every log record of the process go through :func:`mask_secrets`.

Light on purpose: the Airflow support module imports it, so it needs nothing beyond the stdlib.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

MASK = "***"
# A URL's credentials come after "://" as user, ":" and password; the password runs to the
# last "@" before the path (an unencoded "@" in a password must not leave its tail in clear).
_URL_CREDENTIALS = re.compile(
    r"(?P<head>\b[A-Za-z][A-Za-z0-9+.\-]*://[^/\s:@]*):(?P<password>[^/\s]*)@(?=[^/\s]*(?:[/\s]|$))"
)


def mask_secrets(text: str) -> str:
    """``text`` with the password of every URL in it replaced by ``***``."""
    if "://" not in text:
        return text
    return _URL_CREDENTIALS.sub(lambda m: f"{m.group('head')}:{MASK}@", text)


def url_passwords(*urls: str) -> list[str]:
    """The passwords written into ``urls`` (for maskers that match known values, as Airflow's)."""
    found = []
    for url in urls:
        for match in _URL_CREDENTIALS.finditer(url or ""):
            password = match.group("password")
            if password:
                found.append(password)
                decoded = unquote(password)
                if decoded != password:
                    found.append(decoded)
    return found


def install_log_masking() -> None:
    """Mask secrets in every log record created from now on in this process (idempotent).

    Done where records are made (the record factory), so it holds whatever handler writes them:
    the command's stderr, an Airflow task log, a file.
    """
    import logging  # here: mask_secrets alone is what the reading commands import this for

    current = logging.getLogRecordFactory()
    if getattr(current, "wirehouse_masking", False):
        return

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = current(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a badly formatted record is logging's to report
            return record
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, None
        return record

    factory.wirehouse_masking = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


__all__ = ["MASK", "install_log_masking", "mask_secrets", "url_passwords"]
