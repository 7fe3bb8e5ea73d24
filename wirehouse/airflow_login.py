"""Print the login of a local Airflow (``make airflow``, ``make airflow-login``).

``airflow standalone`` echoes the generated admin password only on its very first start; later
starts say only that it was generated before. This prints, on every start, the UI address and
each SimpleAuthManager user with its password and the file the password is kept in, generating
that file first (as Airflow's own first start would) when it does not exist yet.

Run as ``python -m wirehouse.airflow_login`` with the same AIRFLOW_* environment as Airflow
(``--existing``: only print a login Airflow keeps already, for `make airflow-login`).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from pathlib import Path

SIMPLE_AUTH_MANAGER = "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"


INTERRUPTED = 130  # the status of a command ended by Ctrl-C

_NO_LOGIN = (
    "no login kept in {home} (AIRFLOW_HOME): no Airflow has started there; `make airflow` "
    "starts one, and `make airflow-login` takes the same AIRFLOW_HOME"
)


class LoginUnavailableError(RuntimeError):
    """The configured auth manager keeps no password this script can show."""


def login_lines(existing: bool = False) -> list[str]:
    """The lines to print: the UI address, then one line per user with its password. With
    ``existing`` (`make airflow-login`), only a login Airflow keeps already: one generated for
    an AIRFLOW_HOME no Airflow has started in (another than the running one's, forgotten on
    the command line) would not let anyone in."""
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
    if existing and not password_file.exists():
        raise LoginUnavailableError(_NO_LOGIN.format(home=password_file.parent))
    if not password_file.exists():
        password_file.parent.mkdir(parents=True, exist_ok=True)
        # writes a random password for every configured user, and echoed each ("Simple auth
        # manager | Password for user 'admin': ...") above the lines printed here
        with contextlib.redirect_stdout(io.StringIO()):
            SimpleAuthManager().init()
    passwords = json.loads(password_file.read_text())
    for user in SimpleAuthManager.get_users():
        password = passwords.get(user.username)
        shown = password if password is not None else f"(none yet in {password_file})"
        lines.append(f"Airflow login: user {user.username}  password {shown}  (role {user.role})")
    lines.append(f"passwords kept in {password_file}")
    return lines


def main(argv: list[str]) -> int:
    home = os.environ.get("AIRFLOW_HOME")
    if "--existing" in argv and home and not Path(home).is_dir():  # before importing Airflow,
        # which created the directory and its logs/ there (a typo's directory left behind)
        print(f"airflow login: {_NO_LOGIN.format(home=home)}", file=sys.stderr)
        return 1
    try:
        lines = login_lines(existing="--existing" in argv)
    except (LoginUnavailableError, OSError, ValueError) as exc:
        print(f"airflow login: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C while Airflow is imported: no traceback, make says 130
        return INTERRUPTED
    print("\n".join(lines), flush=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    sys.exit(main(sys.argv[1:]))
