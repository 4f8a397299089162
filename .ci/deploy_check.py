"""`manage.py check --deploy --fail-level WARNING` with the production settings of .env.example (a random
SECRET_KEY filled in, as an operator would). Run by `make test`; exits with the check's status."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def production_environment(environ: dict[str, str]) -> dict[str, str]:
    """The machine's basics from ``environ``, every setting from .env.example: it sets each security-relevant
    variable, so a developer's .env (read only for what is unset) cannot weaken the check."""
    example = (ROOT / ".env.example").read_text()
    env = {name: environ[name] for name in ("PATH", "HOME", "LANG") if name in environ}
    env.update(re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", example, flags=re.MULTILINE))
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    return env


def main() -> int:
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    env = production_environment(dict(os.environ))
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode  # noqa: S603 - fixed arguments


if __name__ == "__main__":
    sys.exit(main())
