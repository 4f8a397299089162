"""Management's record of second-factor resets is listed whole (paged, never cut at 20) and exported."""

import csv
import io

import pytest
from django.urls import reverse

from tenancy.models import SecondFactorReset

pytestmark = pytest.mark.django_db


def test_every_reset_is_listed_and_exported(client, general_manager, finance_manager, settings):
    # given: 25 resets (the page used to show the last 20)
    SecondFactorReset.objects.bulk_create(
        SecondFactorReset(user=finance_manager, by=general_manager, reason=f"Phone lost #{n}")
        for n in range(25)
    )
    client.force_login(general_manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # when
    page = client.get(reverse("otp-reset"))
    export = client.get(reverse("otp-reset"), {"resets-export": "csv"})
    # then
    assert len(page.context["resets"].paginated_rows) == 25
    assert "Phone lost #0" in page.content.decode()
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0] == ["When", "Staff member", "Reset by", "Reason"] and len(rows) == 26
