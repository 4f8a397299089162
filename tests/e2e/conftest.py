"""Browser tests: pytest-playwright driving Debian's Chromium against Django's live server."""

import os

import pytest

from tests.factories import PASSWORD

# Playwright's sync API keeps an event loop running in the test thread; the ORM calls made by the test itself
# (factories) are still plain synchronous code, so Django's async-safety guard does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "viewport": {"width": 1366, "height": 900}}


@pytest.fixture
def login(page, live_server):
    """Log in through the real login form, as staff or at the portal."""

    def _login(username: str, *, portal: bool = False) -> None:
        page.goto(f"{live_server.url}{'/portal/login/' if portal else '/accounts/login/'}")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("form:has(input[name=password]) button[type=submit]")
        page.wait_for_load_state()

    return _login
