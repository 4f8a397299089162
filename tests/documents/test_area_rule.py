"""One display rule for areas (m²): ``1,234.50`` in both languages, on pages and papers, where Django's
Chinese number format would print ``1234.50``."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from documents.quantities import area
from tests.leasing.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_area_has_thousands_separators_and_two_places():
    assert area(Decimal("1234.5")) == "1,234.50"
    assert area(Decimal("0.005")) == "0.01"
    assert area(12) == "12.00"
    with pytest.raises(TypeError):
        area(1234.5)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_area_filter_reads_the_same_in_both_languages(language):
    template = Template('{% load money %}{{ value|area }}|{{ none|area }}|{{ value|floatformat:"2g" }}')
    with translation.override(language):
        shown = template.render(Context({"value": Decimal("12345.6"), "none": None}))
    assert shown.split("|")[:2] == ["12,345.60", ""]
    if language == "zh-hans":  # what the filter replaces: Django's Chinese format groups nothing
        assert shown.split("|")[2] == "12345.60"


def test_the_unit_page_in_chinese_shows_the_area_with_separators(client, general_manager, settings):
    unit = UnitFactory(gross_area=Decimal("12345.60"), usable_area=Decimal("10234.50"))
    client.force_login(general_manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = client.get(reverse("leasing:unit-detail", args=[unit.pk])).content.decode()
    assert "12,345.60" in page and "10,234.50" in page
