"""Print the login of a local Airflow (``make airflow``, ``make airflow-login``).

``airflow standalone`` echoes the generated admin password only on its very first start; later
starts say only that it was generated before. This prints, on every start, the UI address and
each SimpleAuthManager user with its password and the file the password is kept in, generating
that file first (as Airflow's own first start would) when it does not exist yet.

Run as ``python -m wirehouse.airflow_login`` with the same AIRFLOW_* environment as Airflow.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

SIMPLE_AUTH_MANAGER = "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"


class LoginUnavailableError(RuntimeError):
    """The configured auth manager keeps no password this script can show."""


def login_lines() -> list[str]:
    """The lines to print: the UI address, then one line per user with its password."""
    from airflow.configuration import conf

    base_url = conf.get("api", "base_url", fallback="") or (
        f"http://localhost:{conf.get('api', 'port', fallback='8080')}"
    )
    lines = [f"Airflow UI: {base_url.rstrip('/')}/"]
    auth_manager = conf.get("core", "auth_manager")
    if auth_manager != SIMPLE_AUTH_MANAGER:
        raise LoginUnavailableError(
            f"[core] auth_manager is {auth_manager}: log in as that auth manager is configured"
        )
    if conf.getboolean("core", "simple_auth_manager_all_admins"):
        return [*lines, "no login: [core] simple_auth_manager_all_admins is on"]

    from airflow.api_fastapi.auth.managers.simple.simple_auth_manager import SimpleAuthManager

    password_file = Path(SimpleAuthManager.get_generated_password_file())
    if not password_file.exists():
        password_file.parent.mkdir(parents=True, exist_ok=True)
        SimpleAuthManager().init()  # writes a random password for every configured user
    passwords = json.loads(password_file.read_text())
    for user in SimpleAuthManager.get_users():
        password = passwords.get(user.username)
        shown = password if password is not None else f"(none yet in {password_file})"
        lines.append(f"Airflow login: user {user.username}  password {shown}  (role {user.role})")
    lines.append(f"passwords kept in {password_file}")
    return lines


def main() -> int:
    try:
        lines = login_lines()
    except (LoginUnavailableError, OSError, ValueError) as exc:
        print(f"airflow login: {exc}", file=sys.stderr)
        return 1
    print("\n".join(lines), flush=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    sys.exit(main())
