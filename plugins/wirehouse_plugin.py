"""The "Wirehouse" page of the Airflow 3 UI.

Airflow 3 plugins extend the UI with ``fastapi_apps`` (mounted on the API server under their
``url_prefix``) and ``external_views`` (a navigation entry; with ``url_route`` set, the UI shows
the view inside its own frame at ``/plugin/<url_route>``). This plugin serves one HTML page at
``/wirehouse/`` and adds it to the navigation. The page requires an authenticated Airflow user
(the UI's session cookie, sent along by the frame, or a bearer token).

The page reads the warehouse (``WIREHOUSE_DB_URL``) and, through the API server's own session,
the recent runs of the wirehouse DAGs in Airflow's metadata database (only those of the DAGs
the user may read, as Airflow's auth manager says).

The same app serves the WebSub callback at ``/wirehouse/websub/<id>`` (the routes of
wirehouse.push_app, which `wirehouse serve` serves too), so hubs reach the warehouse through the
API server. Airflow mounts a plugin's app with ``app.mount(url_prefix, app)`` and authenticates
none of its routes: the page requires a user through its own dependency, while the callback
takes none, as hubs cannot sign in; a push is authenticated by its subscription's secret
(X-Hub-Signature) and a verification by the request we made (else 404). Set
``WIREHOUSE_WEBSUB_CALLBACK_URL`` to the API server's public URL followed by
``/wirehouse/websub``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import Annotated, Any, ClassVar

import wirehouse_dashboard
from airflow.api_fastapi.app import get_auth_manager
from airflow.api_fastapi.core_api.security import GetUserDep, requires_authenticated
from airflow.plugins_manager import AirflowPlugin
from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.types import Receive, Scope, Send
from wirehouse_dashboard import AirflowRun, AirflowUnavailableError, QualityCache

from wirehouse.settings import Settings

URL_PREFIX = "/wirehouse"
WEBSUB_PATH = "/websub"  # the callback's routes, under URL_PREFIX

authenticated = requires_authenticated()


def readable_dags(user: GetUserDep) -> frozenset[str]:
    """The DAG ids the signed-in user may read, as Airflow's auth manager says (taken from the
    API server, not from this app's state: a mounted app has no auth manager of its own)."""
    return frozenset(get_auth_manager().get_authorized_dag_ids(user=user, method="GET"))


@cache
def _settings() -> Settings:
    from wirehouse.settings import load_settings

    return load_settings()


@cache
def _warehouse_engine() -> Engine:
    from load.db import make_engine

    return make_engine(_settings().warehouse_url)


def _airflow_runs(readable: frozenset[str]) -> tuple[AirflowRun, ...] | AirflowUnavailableError:
    """The wirehouse DAGs' recent runs, read with the API server's metadata session; links are
    paths under ``[api] base_url``, so they work behind a proxy's prefix too."""
    from urllib.parse import urlsplit

    from airflow.configuration import conf
    from airflow.utils.session import create_session

    base_path = urlsplit(conf.get("api", "base_url", fallback="/")).path.rstrip("/")
    try:
        with create_session() as session:
            return wirehouse_dashboard.read_airflow_runs(session, readable, base_path)
    except AirflowUnavailableError as exc:
        return exc


class _WebSubCallback:
    """The callback's ASGI app, made on its first request: the plugin is imported wherever
    Airflow loads plugins, where the warehouse settings need not be valid, and only the API
    server takes requests."""

    def __init__(self, engine: Callable[[], Engine], settings: Callable[[], Settings]) -> None:
        self._engine = engine
        self._settings = settings
        self._app: Starlette | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._app is None:
            from wirehouse.push_app import websub_routes

            self._app = Starlette(routes=websub_routes(self._engine(), self._settings()))
        await self._app(scope, receive, send)


def create_app(
    engine: Callable[[], Engine] = _warehouse_engine,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    airflow_runs: Callable[
        [frozenset[str]], tuple[AirflowRun, ...] | AirflowUnavailableError
    ] = _airflow_runs,
    settings: Callable[[], Settings] = _settings,
) -> FastAPI:
    """The page's FastAPI app, with the WebSub callback mounted at WEBSUB_PATH; every source is
    injectable for tests."""
    app = FastAPI(title="Wirehouse", docs_url=None, redoc_url=None, openapi_url=None)
    quality: list[QualityCache] = []  # made on the first view: settings are read lazily

    @app.get("/", response_class=HTMLResponse, dependencies=[Depends(authenticated)])
    def dashboard(dags: Annotated[frozenset[str], Depends(readable_dags)]) -> HTMLResponse:
        current = settings()
        if not quality:
            quality.append(QualityCache(current.page_quality_max_age))
        figures = wirehouse_dashboard.collect(engine(), current, clock(), airflow_runs(dags), quality[0])
        return HTMLResponse(
            wirehouse_dashboard.render(figures),
            headers={
                "Cache-Control": "no-store",
                "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                "frame-ancestors 'self'",
                "X-Content-Type-Options": "nosniff",
            },
        )

    app.mount(WEBSUB_PATH, _WebSubCallback(engine, settings))
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
