"""The API's measurements (issue 19): a page of 100 units and of 100 bills from the REST API with a staff key,
against the staff list page of the same rows (``?per_page=100``), alternately, after ``seed_demo``; and the
API's query count for that page, which must not grow with the rows (the same for 10 rows and for 100).

Emits ``api.units.ms`` / ``api.bills.ms`` (baseline: the staff page; ratio <= 1) and ``api.units.queries`` /
``api.bills.queries`` (limit 12, baseline: the queries of a 10-row page).
"""

import statistics
from collections.abc import Callable
from time import perf_counter
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

WARMUPS, RUNS = 3, 15
ROWS = 100
QUERY_LIMIT = 12


def run(emit: Callable[[dict[str, Any]], None]) -> None:
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from documents.models import Scope
    from tenancy.integrations.services import api_key_create

    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "key": "1000000/min"}
    manager = get_user_model().objects.get(username="manager")
    _key, secret = api_key_create(
        name="bench", scopes=list(Scope.values), building_ids=[], expires_on=None, by=manager
    )
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    page = Client()
    page.force_login(manager)
    for name, api_url, page_url in (
        ("units", reverse("api:unit-list"), reverse("leasing:unit-list")),
        ("bills", reverse("api:bill-list"), reverse("billing:bill-list")),
    ):
        _measure(emit, name, api, f"{api_url}?page_size={ROWS}", page, f"{page_url}?per_page={ROWS}")
        small = _queries(api, f"{api_url}?page_size=10")
        emit(
            {
                "metric": f"api.{name}.queries",
                "value": _queries(api, f"{api_url}?page_size={ROWS}"),
                "unit": "queries",
                "baseline": small,
                "limit": QUERY_LIMIT,
                "note": "baseline: the same list, 10 rows a page",
            }
        )


def _measure(
    emit: Callable[[dict[str, Any]], None], name: str, api: Client, url: str, page: Client, peer: str
) -> None:
    rows = len(_get(api, url).json()["results"])
    for _ in range(WARMUPS):
        _get(api, url)
        _get(page, peer)
    ours, theirs = [], []
    for _ in range(RUNS):
        ours.append(_timed(api, url))
        theirs.append(_timed(page, peer))
    ms, baseline = statistics.median(ours), statistics.median(theirs)
    emit(
        {
            "metric": f"api.{name}.ms",
            "value": round(ms, 1),
            "unit": "ms",
            "baseline": round(baseline, 1),
            "ratio": round(ms / baseline, 2) if baseline else None,
            "note": f"{rows} rows; baseline: the staff list page of the same rows",
        }
    )


def _get(client: Client, url: str) -> Any:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response


def _timed(client: Client, url: str) -> float:
    started = perf_counter()
    _get(client, url)
    return (perf_counter() - started) * 1000


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        _get(client, url)
    return len(captured)
