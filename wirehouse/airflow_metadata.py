"""Whether the local Airflow's metadata database is migrated (``make airflow-unpause``).

Airflow's own commands, run on an AIRFLOW_HOME no Airflow has started in, create an empty
database there and stop with Airflow's migration log line; this says so in one line first,
without creating anything.

Run as ``python -m wirehouse.airflow_metadata`` with the same AIRFLOW_* environment as Airflow.
"""

from __future__ import annotations

import logging
import os
import sys
from importlib.util import find_spec
from pathlib import Path

# How to get a metadata database where there is none.
_START = "`make airflow` starts one, and this command takes the same AIRFLOW_HOME"


class MetadataUnavailableError(RuntimeError):
    """Airflow's metadata database is missing, unreadable or not at Airflow's migration."""


def migration_heads() -> set[str]:
    """The migration heads of the installed Airflow's metadata schema."""
    from alembic.script import ScriptDirectory

    spec = find_spec("airflow")
    if spec is None or not spec.submodule_search_locations:
        raise MetadataUnavailableError("Airflow is not installed in this environment")
    package = Path(next(iter(spec.submodule_search_locations)))
    return set(ScriptDirectory(str(package / "migrations")).get_heads())


def check_migrated(database_url: str, airflow_home: str) -> None:
    """Raise :class:`MetadataUnavailableError` unless the database at ``database_url`` holds
    the installed Airflow's schema. A SQLite file that does not exist is not created."""
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine, make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    try:
        url = make_url(database_url)
    except ArgumentError as exc:
        raise MetadataUnavailableError(f"[database] sql_alchemy_conn is no URL: {exc}") from None
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file():
        raise MetadataUnavailableError(
            f"no Airflow metadata database in {airflow_home} (AIRFLOW_HOME): no Airflow has "
            f"started there; {_START}"
        )
    engine = create_engine(url)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # "Context impl SQLiteImpl." and such
    try:
        with engine.connect() as connection:
            database_heads = set(MigrationContext.configure(connection).get_current_heads())
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise MetadataUnavailableError(
            f"cannot read the Airflow metadata database of {airflow_home} (AIRFLOW_HOME): {reason}"
        ) from None
    finally:
        engine.dispose()
    if not database_heads:
        raise MetadataUnavailableError(
            f"the Airflow metadata database of {airflow_home} (AIRFLOW_HOME) is empty: no Airflow "
            f"has started there; {_START}"
        )
    if database_heads != migration_heads():
        raise MetadataUnavailableError(
            f"the Airflow metadata database of {airflow_home} (AIRFLOW_HOME) is not at this "
            "Airflow's migration: `make airflow-db` migrates it"
        )


def no_home(airflow_home: str | None) -> MetadataUnavailableError | None:
    """The error for an AIRFLOW_HOME given that is no directory (a typo), before Airflow is
    imported: importing it created the directory and its logs/ there."""
    if not airflow_home or Path(airflow_home).is_dir():
        return None
    return MetadataUnavailableError(
        f"no Airflow metadata database in {airflow_home} (AIRFLOW_HOME): no Airflow has "
        f"started there; {_START}"
    )


def main() -> int:
    if (missing := no_home(os.environ.get("AIRFLOW_HOME"))) is not None:
        print(f"airflow: {missing}", file=sys.stderr)
        return 1
    try:
        # Airflow sets up its database connection as it is imported: a connection string it
        # cannot use (no driver, no URL) raised there, a traceback
        from airflow.configuration import AIRFLOW_HOME, conf
    except (RuntimeError, ValueError, ImportError) as exc:
        print(f"airflow: Airflow cannot start with its configuration ([database] "
              f"sql_alchemy_conn and the like): {exc}", file=sys.stderr)
        return 1
    try:
        check_migrated(conf.get("database", "sql_alchemy_conn"), AIRFLOW_HOME)
    except MetadataUnavailableError as exc:
        print(f"airflow: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    sys.exit(main())
