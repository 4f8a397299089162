"""The project's translation catalogues and how to refresh them.

Each app keeps its own catalogue (``APP/locale``); the top-level ``locale/`` holds the strings of the page
shells and printable forms (``templates/``) and of ``config/``. ``python -m config.translations`` refreshes
every catalogue; ``untranslated`` lists
entries that are missing a Simplified Chinese translation or are still marked fuzzy.
"""

import subprocess
import sys
from pathlib import Path

APPS = ("documents", "tenancy", "leasing", "handover", "billing", "fitout", "servicedesk")
LANGUAGE = "zh_Hans"
# Not translated: test fixtures, the benchmark, runtime and vendored files.
IGNORES = ("tests", "bench", "var", "static", "node_modules", "*.egg-info")


def catalogue_dirs(root: Path) -> list[Path]:
    """Directories that own a catalogue: the project root (page shells, forms, config), then each app."""
    return [root, *(root / app for app in APPS if (root / app).is_dir())]


def makemessages(root: Path) -> None:
    """One pass over the project: makemessages puts each app's strings in the app's own ``locale``."""
    for directory in catalogue_dirs(root):
        (directory / "locale").mkdir(exist_ok=True)
    ignores = [arg for pattern in IGNORES for arg in ("--ignore", pattern)]
    subprocess.run(  # noqa: S603 - fixed argument list
        [
            sys.executable,
            "-P",
            "-m",
            "django",
            "makemessages",
            "-l",
            LANGUAGE,
            "--no-location",
            "--no-obsolete",
            "--settings",
            "config.settings",
            *ignores,
        ],
        cwd=root,
        check=True,
        capture_output=True,
        env=_env(root),
    )


def untranslated(po_file: Path) -> list[str]:
    """Msgids of ``po_file`` that have no translation or are marked fuzzy (header excluded)."""
    problems = []
    for flag in ("--untranslated", "--only-fuzzy"):
        result = subprocess.run(  # noqa: S603 - fixed argument list
            ["msgattrib", flag, "--no-obsolete", "--no-wrap", str(po_file)],  # noqa: S607
            check=True,
            capture_output=True,
            text=True,
        )
        problems += [
            line[len("msgid ") :]
            for line in result.stdout.splitlines()
            if line.startswith("msgid ") and line != 'msgid ""'
        ]
    return problems


def po_file(directory: Path) -> Path:
    return directory / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"


def _env(root: Path) -> dict[str, str]:
    import os

    env = dict(os.environ)
    # No empty entry: it would put the app directory first and let ``selectors.py`` shadow the stdlib module.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), env.get("PYTHONPATH", "")) if p)
    env.setdefault("DEBUG", "true")
    env.setdefault("SECRET_KEY", "makemessages-only")
    return env


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    missing = 0
    makemessages(root)
    for directory in catalogue_dirs(root):
        problems = untranslated(po_file(directory)) if po_file(directory).exists() else []
        missing += len(problems)
        for msgid in problems:
            print(f"{po_file(directory).relative_to(root)}: untranslated or fuzzy: {msgid}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
