"""The "Wirehouse" page of the Airflow 3 UI.

Airflow 3 plugins extend the UI with ``fastapi_apps`` (mounted on the API server under their
``url_prefix``) and ``external_views`` (a navigation entry; with ``url_route`` set, the UI shows
the view inside its own frame at ``/plugin/<url_route>``). This plugin serves one HTML page at
``/wirehouse/`` and adds it to the navigation. The page requires an authenticated Airflow user
(the UI's session cookie, sent along by the frame, or a bearer token).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import Any, ClassVar

import wirehouse_dashboard
from airflow.api_fastapi.core_api.security import requires_authenticated
from airflow.plugins_manager import AirflowPlugin
from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine

URL_PREFIX = "/wirehouse"

authenticated = requires_authenticated()


@cache
def _warehouse_engine() -> Engine:
    from load.db import make_engine
    from wirehouse.settings import load_settings

    return make_engine(load_settings().warehouse_url)


def create_app(
    engine: Callable[[], Engine] = _warehouse_engine,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> FastAPI:
    """The page's FastAPI app; ``engine`` and ``clock`` are injectable for tests."""
    app = FastAPI(title="Wirehouse", docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/", response_class=HTMLResponse, dependencies=[Depends(authenticated)])
    def dashboard() -> HTMLResponse:
        figures = wirehouse_dashboard.collect(engine(), clock())
        return HTMLResponse(
            wirehouse_dashboard.render(figures),
            headers={
                "Cache-Control": "no-store",
                "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                "frame-ancestors 'self'",
                "X-Content-Type-Options": "nosniff",
            },
        )

    return app


class WirehousePlugin(AirflowPlugin):
    name = "wirehouse"
    fastapi_apps: ClassVar[list[dict[str, Any]]] = [{"app": create_app(), "url_prefix": URL_PREFIX, "name": "Wirehouse"}]
    external_views: ClassVar[list[dict[str, Any]]] = [
        {
            "name": "Wirehouse",
            "href": f"{URL_PREFIX}/",
            "url_route": "wirehouse",
            "destination": "nav",
        }
    ]
