"""Delivering alerts: a JSON POST to ``WIREHOUSE_ALERT_WEBHOOK_URL``.

Kept free of Airflow so that code outside the DAGs (`wirehouse websub renew`, the push
subscriptions' check) alerts the same way as the DAGs' failure notifier
(wirehouse/airflow_support.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wirehouse.redact import mask_secrets


class AlertDeliveryError(RuntimeError):
    """The alert webhook could not be reached or did not answer 2xx."""


def post_alert(url: str, payload: Mapping[str, Any], timeout: float) -> None:
    """POST ``payload`` as JSON to ``url``; raise AlertDeliveryError unless it answers 2xx."""
    import httpx

    try:
        response = httpx.post(url, json=dict(payload), timeout=timeout)
    except httpx.HTTPError as exc:
        raise AlertDeliveryError(mask_secrets(f"alert webhook {url} unreachable: {exc}")) from exc
    if not response.is_success:
        raise AlertDeliveryError(
            mask_secrets(f"alert webhook {url} answered {response.status_code}")
        )


__all__ = ["AlertDeliveryError", "post_alert"]
