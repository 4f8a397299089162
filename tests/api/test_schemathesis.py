"""Schemathesis against the live schema: every operation, with data it generates from the schema (valid and
invalid), for a staff key holding every scope and for a tenant token: no server error, every answer
conforms to the schema (status codes, content types, bodies). A few examples per operation keep it short."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from config.wsgi import application
from documents.api.secrets import token_issue
from documents.models import Scope
from tenancy.integrations.services import api_key_create

# A schema-valid body may still be refused by a rule (a mobile number's form, a date in the future): that is a
# documented 400 with the field. An empty filter (?due_after=) means "all", as on the list pages, though the
# schema types it a date. Every other check runs: no server error, status codes, content types, bodies.
EXCLUDED = [positive_data_acceptance, negative_data_rejection]
EXAMPLES = settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

# The schema as /api/v1/schema/ serves it (drawn without a request, so without the database).
schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = application


@pytest.fixture(autouse=True)
def _in_process(world, settings):
    """Requests go through the WSGI handler in this process: it must not close the test's database
    connection after each one (Django's test client arranges the same); throttles out of the way."""
    settings.API_THROTTLE_RATES = {"key": "100000/min", "token": "100000/min", "anonymous": "100000/min"}
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def staff_auth(world, general_manager):
    _key, raw = api_key_create(
        name="fuzz", scopes=list(Scope.values), building_ids=[], expires_on=None, by=general_manager
    )
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def tenant_auth(world):
    return {"Authorization": f"Bearer {token_issue(user=world[0].user)[1]}"}


@schema.exclude(path_regex=r"^/api/v1/portal/").exclude(path_regex=r"/(schema|docs|redoc)/").parametrize()
@EXAMPLES
def test_staff_key_operations(case, staff_auth):
    case.call_and_validate(headers=staff_auth, excluded_checks=EXCLUDED)


@schema.include(path_regex=r"^/api/v1/portal/(?!token/)").parametrize()
@EXAMPLES
def test_tenant_token_operations(case, tenant_auth):
    case.call_and_validate(headers=tenant_auth, excluded_checks=EXCLUDED)
