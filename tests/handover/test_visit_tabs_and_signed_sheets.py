"""The visit's tab bar keeps the walk-through order (whatever version a sheet reached) and wraps instead of
running off the page; a signed sheet reads as a record: no file inputs, no remove boxes, no empty rows."""

import re

import pytest
from django.urls import reverse

from handover import services
from handover.models import Sheet
from handover.selectors import current_sheets
from tests.handover.factories import fill_keys, fill_meters, move_in_visit, sheet_of, sign, staff
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 (the document_root fixture)

pytestmark = pytest.mark.django_db

WALK_THROUGH = ["keys", "meters", "acceptance", "receipt", "management", "fire_safety"]


def test_current_sheets_keep_the_walk_through_order_after_a_new_version(document_root):
    # given: the key sheet is signed, then a new version of it is started
    visit, by = move_in_visit(), staff("management")
    fill_keys(visit, by)
    sign(visit, Sheet.Kind.KEYS, by)
    services.sheet_supersede(sheet=sheet_of(visit, Sheet.Kind.KEYS), reason="钥匙数量有误", by=by)
    # when
    sheets = current_sheets(visit)
    # then
    assert list(sheets) == WALK_THROUGH and sheets["keys"].version == 2


def test_the_tab_bar_wraps_and_lists_the_sheets_in_order(client, document_root):
    # given
    visit, by = move_in_visit(), staff("management")
    fill_keys(visit, by)
    sign(visit, Sheet.Kind.KEYS, by)
    client.force_login(by)
    # when
    page = client.get(reverse("handover:visit-detail", kwargs={"pk": visit.pk}), HTTP_ACCEPT_LANGUAGE="en")
    # then
    html = page.content.decode()
    bar = re.search(r'<ul class="([^"]*)" data-testid="visit-steps">', html)
    assert bar and "flex-wrap" in bar.group(1).split() and "flex-nowrap" not in bar.group(1).split()
    assert re.findall(r'data-testid="step-(\w+)"', html) == WALK_THROUGH


def test_a_signed_sheet_shows_no_file_input_remove_box_or_empty_row(client, document_root):
    # given: a meter sheet signed with one meter's reading (the form offers an extra row while a draft)
    visit, by = move_in_visit(), staff("management")
    fill_meters(visit, by)
    client.force_login(by)
    url = reverse("handover:sheet", kwargs={"pk": visit.pk, "kind": "meters"})
    draft = client.get(url).content.decode()
    sign(visit, Sheet.Kind.METERS, by)
    # when
    signed = client.get(url).content.decode()
    # then
    assert 'type="file"' in draft and draft.count('<tr class="sheet-row">') == 3  # meter, empty row, template
    assert 'type="file"' not in signed and signed.count('<tr class="sheet-row">') == 2  # meter, template


def test_a_signed_key_sheet_has_no_remove_column(client, document_root):
    # given
    visit, by = move_in_visit(), staff("management")
    fill_keys(visit, by)
    sign(visit, Sheet.Kind.KEYS, by)
    client.force_login(by)
    # when
    page = client.get(reverse("handover:sheet", kwargs={"pk": visit.pk, "kind": "keys"})).content.decode()
    # then
    assert "DELETE" not in page.split('<template id="empty-row">')[0]
