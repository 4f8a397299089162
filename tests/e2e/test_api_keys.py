"""Browser: management makes an API key (a missing scope refused at its field, the name kept), copies the key
shown once, the key answers the API, management revokes it; registers a webhook endpoint and sees its secret;
the API documentation (Swagger UI from our static files) loads under the Content-Security-Policy. Both
languages. Screenshots go to ``SCREENSHOT_DIR`` if set."""

import json
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from documents.models import ApiKey, WebhookEndpoint
from tests.factories import UserFactory
from tests.leasing.factories import BuildingFactory, UnitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOT_DIR", "")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _get(url: str, secret: str) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {secret}"})  # noqa: S310
    try:
        with urllib.request.urlopen(request) as response:  # noqa: S310 - the live test server
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _violations(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("console", lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda error: seen.append(str(error)))
    return seen


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_management_makes_uses_and_revokes_a_key(page, live_server, login, language):
    # given
    building = BuildingFactory(name="浦江国际商务中心", code="PJ")
    UnitFactory(building=building, code="A-0801")
    BuildingFactory(name="陆家嘴中心", code="LJ")
    UserFactory(username="manager", roles=["management"], last_name="周", first_name="总")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    violations = _violations(page)
    login("manager")
    # when: a key without any scope
    page.goto(f"{live_server.url}/integrations/api-keys/")
    page.get_by_test_id("api-key-new").click()
    page.fill("input[name=name]", "门禁系统")
    page.get_by_role("button", name="创建密钥" if language == "zh-hans" else "Create key").click()
    # then: refused at the field, the name kept
    expect(page.locator("input[name=name]")).to_have_value("门禁系统")
    expect(page.locator(".invalid-feedback, .text-danger").first).to_be_visible()
    _shot(page, f"api-key-form-error-{language}")
    # when: with a scope and one building
    page.locator("input[name=scopes][value='space:read']").check()
    page.get_by_label("PJ · 浦江国际商务中心").check()
    page.get_by_role("button", name="创建密钥" if language == "zh-hans" else "Create key").click()
    secret = page.get_by_test_id("api-key-secret").inner_text().split("Bearer ", 1)[1].strip()
    _shot(page, f"api-key-created-{language}")
    # then: the key answers, limited to its building
    status, body = _get(f"{live_server.url}/api/v1/units/", secret)
    assert status == 200 and [u["code"] for u in body["results"]] == ["A-0801"]
    key = ApiKey.objects.get()
    assert key.key_hash != secret and key.last_used_at is not None
    # when: revoked
    page.goto(f"{live_server.url}/integrations/api-keys/")
    _shot(page, f"api-key-list-{language}")
    page.get_by_role("button", name="注销" if language == "zh-hans" else "Revoke").click()
    expect(page.get_by_test_id("api-keys")).to_contain_text("已注销" if language == "zh-hans" else "Revoked")
    status, body = _get(f"{live_server.url}/api/v1/units/", secret)
    assert status == 401
    assert violations == []


def test_webhooks_page_and_the_documentation(page, live_server, login):
    UserFactory(username="manager", roles=["management"], last_name="周", first_name="总")
    violations = _violations(page)
    login("manager")
    page.goto(f"{live_server.url}/integrations/webhooks/")
    page.fill("input[name=name]", "财务系统")
    page.fill("input[name=url]", "http://finance.example.com/hook")
    page.locator("input[name=events][value='payment.recorded']").check()
    page.get_by_role("button", name="登记").click()
    expect(page.locator("input[name=url]")).to_have_value("http://finance.example.com/hook")
    page.fill("input[name=url]", "https://finance.example.com/hook")
    page.locator("input[name=events][value='payment.recorded']").check()
    page.get_by_role("button", name="登记").click()
    endpoint = WebhookEndpoint.objects.get()
    expect(page.get_by_test_id("webhook-secret")).to_have_text(endpoint.secret)
    _shot(page, "webhook-detail-zh-hans")
    page.goto(f"{live_server.url}/integrations/webhooks/")
    _shot(page, "webhook-list-zh-hans")
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Tenant back office API", timeout=20000)
    _shot(page, "api-docs")
    assert violations == []
