"""Pages carry a Content-Security-Policy that allows scripts only from our static files, and no template needs
more: no inline <script>, no on...= handler, no javascript: link. HSTS preloading is the operator's choice."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]
TEMPLATES = sorted(
    path for directory in TEMPLATE_DIRS for path in directory.rglob("*.html") if ".venv" not in path.parts
)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
TAG = re.compile(r"<[a-zA-Z][^>]*>", re.DOTALL)
HANDLER = re.compile(r"\s(?:on[a-z]+|hx-on[:\w-]*)\s*=", re.IGNORECASE)
STATIC_REFERENCE = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]\s*%}""")


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_a_page_carries_a_policy_without_inline_scripts(client):
    # when
    response = client.get(reverse("login"))
    # then
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]


def test_the_templates_were_found():
    # then: the scan below looks at the real templates
    names = {path.relative_to(ROOT).as_posix() for path in TEMPLATES}
    assert {"templates/base_page.html", "servicedesk/templates/servicedesk/_countdown.html"} <= names


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_template_contains_an_inline_script(path):
    # given
    text = path.read_text()
    # then: every script is a file, and no element carries a script of its own
    for attributes in SCRIPT_TAG.findall(text):
        assert "src=" in attributes, f"inline <script{attributes}> in {path.name}"
    for tag in TAG.findall(text):
        assert not HANDLER.search(tag), f"event handler attribute in {tag!r}"
    assert "javascript:" not in text.lower()


def test_every_static_file_the_templates_load_exists():
    # given: htmx comes from django-htmx, whose file names change between releases
    referenced = {name for path in TEMPLATES for name in STATIC_REFERENCE.findall(path.read_text())}
    assert "django_htmx/htmx-2.min.js" in referenced
    # then
    assert sorted(name for name in referenced if not finders.find(name)) == []


def _setting(name: str, **environment: str) -> str:
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env.update({"DEBUG": "false", "SECRET_KEY": "x" * 50}, **environment)
    code = f"from django.conf import settings; print(settings.{name})"
    result = subprocess.run(  # noqa: S603 - fixed argument list
        [
            sys.executable,
            "-c",
            f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; {code}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_hsts_preload_is_off_unless_the_operator_asks():
    assert _setting("SECURE_HSTS_PRELOAD") == "False"
    assert _setting("SECURE_HSTS_PRELOAD", SECURE_HSTS_PRELOAD="true") == "True"
