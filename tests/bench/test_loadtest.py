"""``make loadtest``'s plan over the demo data: every page of our mix and of the admin's answers 200 with the
logged-in sessions the load uses, and a ticket filed through the portal form is accepted. No load here."""

import json
from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import Client

from bench import load_mix, loadtest
from servicedesk.models import Ticket


@pytest.fixture
def plan(db, settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    call_command("seed_demo", allow_without_debug=True, stdout=StringIO())
    return load_mix.plan_build(sessions=2)


def _client(plan: dict, role: str) -> Client:
    """A client holding one of the plan's sessions, as a locust user does."""
    client = Client()
    client.cookies[plan["session_cookie"]] = plan["sessions"][role][0]
    return client


def test_every_page_of_both_mixes_answers_200_for_the_session_that_requests_it(plan):
    # given
    roles = {action["role"] for action in plan["actions"]}
    assert roles == {"staff", "portal"}
    assert set(plan["admin_rows"]) == set(load_mix.LISTS.values())
    assert all(rows > 0 for rows in plan["admin_rows"].values())
    for action in plan["actions"]:
        for side, role in (("ours", action["role"]), ("peer", "admin")):
            client = _client(plan, role)
            for step in action[side]:
                # when
                response = client.get(step["url"], follow=True)
                # then: the page itself, not the login page it would redirect to without a session
                where = f"{action['name']} ({side}): {step['url']}"
                assert response.status_code == 200, where
                assert response.request["PATH_INFO"] not in plan["login_paths"], where


def test_the_ticket_the_portal_mix_files_is_accepted(plan):
    # given
    (create,) = (action for action in plan["actions"] if action["name"] == "portal.ticket.create")
    (step,) = create["ours"]
    client = _client(plan, "portal")
    form = client.get(step["url"])
    assert 'name="csrfmiddlewaretoken"' in form.content.decode()  # the locust user posts it back
    before = Ticket.objects.count()
    # when
    response = client.post(step["url"], step["data"], follow=True)
    # then: answered by the new ticket's page
    assert response.redirect_chain and response.status_code == 200
    assert response.request["PATH_INFO"] != step["url"]
    assert Ticket.objects.count() == before + 1


def test_gunicorns_application_sets_the_admin_peers_to_the_rows_per_page_of_our_lists(monkeypatch):
    # given: the rows of our lists, as the plan found them
    rows = {"leasing.Unit": 7, "billing.Bill": 9}
    monkeypatch.setenv("LOADTEST_ADMIN_ROWS", json.dumps(rows))
    saved = {model: admin.site._registry[_model(model)].list_per_page for model in rows}
    try:
        # when
        from bench import loadtest_wsgi

        loadtest_wsgi._admin_rows_set()
        # then
        assert {model: admin.site._registry[_model(model)].list_per_page for model in rows} == rows
    finally:
        for model, count in saved.items():
            admin.site._registry[_model(model)].list_per_page = count


def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


def test_the_figures_count_requests_per_second_over_the_window_and_the_95th_percentile():
    # given: 20 requests over 2 seconds, one failed
    lines = [{"name": "ours x", "start": 100 + i / 10, "ms": 10.0 * (i + 1), "ok": i != 3} for i in range(20)]
    # then
    assert loadtest._window(lines) == pytest.approx(1.9 + 0.2)
    assert loadtest._p95(lines) == 190.0
