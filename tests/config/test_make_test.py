"""`make test` alone is enough on a fresh machine: it installs what the suite needs (Chromium and poppler
too), finds or starts PostgreSQL and Redis as `make run` does, runs the deploy check, then the suite;
`.ci/run` only calls it."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _commands(path: Path) -> list[str]:
    """The script's lines that do something (comments and blank lines left out)."""
    lines = (line.strip() for line in path.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _dry_run(target: str) -> str:
    result = subprocess.run(  # noqa: S603 - fixed argument list
        ["make", "--no-print-directory", "-n", target],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_ci_run_is_a_thin_call_of_make_test():
    # given
    commands = _commands(ROOT / ".ci" / "run")
    # then: it ends in `make test` and does nothing `make test` would not
    assert re.fullmatch(r"exec make .*\btest", commands[-1])
    assert not any("pytest" in line or "chromium" in line or "services_ensure" in line for line in commands)


def test_make_test_installs_and_finds_the_services_before_the_suite():
    # given
    assert _dry_run("test").strip() == "bash .ci/test"
    commands = _commands(ROOT / ".ci" / "test")
    # then: packages (with the browser and poppler), the virtualenv, the services, and only then the suite
    steps = ["apt_ensure", "venv_ensure", "services_ensure", "exec make --no-print-directory suite"]
    positions = [next(i for i, line in enumerate(commands) if line.startswith(step)) for step in steps]
    assert positions == sorted(positions)
    assert {"chromium", "poppler-utils"} <= set(commands[positions[0]].split())


def test_the_suite_runs_the_deploy_check_and_pytest():
    # when
    plan = _dry_run("suite")
    # then
    assert ".ci/deploy_check.py" in plan
    assert "pytest -n" in plan and "ruff check" in plan


def test_the_deploy_check_of_make_test_passes_with_the_production_settings():
    # when: the script `make test` runs, with nothing of this test run's settings
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    result = subprocess.run(  # noqa: S603 - fixed argument list
        [sys.executable, str(ROOT / ".ci" / "deploy_check.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # then
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
