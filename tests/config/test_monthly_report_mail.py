"""The monthly report e-mailed to management on the first working day of the month, once."""

from datetime import date

import pytest
from django.core import mail

from config.monthly_report.mail import first_working_day, monthly_report_mail
from documents.models import ReportMailing
from tenancy.roles import Role
from tests.factories import UserFactory


@pytest.fixture
def managers(db):
    return [UserFactory(roles=[Role.MANAGEMENT], email=f"gm{n}@example.com") for n in range(2)]


def test_the_first_working_day_follows_the_calendar(db):
    # 1 November 2026 is a Sunday.
    assert first_working_day(date(2026, 11, 1)) == date(2026, 11, 2)


def test_the_report_is_mailed_on_the_first_working_day_once(managers, settings):
    settings.LANGUAGE_CODE = "en"
    UserFactory(roles=[Role.FINANCE], email="finance@example.com")
    # given: the Sunday before
    assert monthly_report_mail(today=date(2026, 11, 1)) is None
    assert not mail.outbox
    # when: the first working day, twice
    assert monthly_report_mail(today=date(2026, 11, 2)) == "monthly-report:2026-10"
    assert monthly_report_mail(today=date(2026, 11, 2)) is None
    assert monthly_report_mail(today=date(2026, 11, 3)) is None
    # then: one mail to management, last month's PDF attached
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["gm0@example.com", "gm1@example.com"]
    name, content, mimetype = message.attachments[0]
    assert name == "YB-202610.pdf" and mimetype == "application/pdf" and content.startswith(b"%PDF")
    assert "month=2026-10" in message.body
    assert ReportMailing.objects.get().recipients == ["gm0@example.com", "gm1@example.com"]


def test_a_failed_send_is_caught_up_the_next_day(managers, monkeypatch):
    def fail(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)
    with pytest.raises(ConnectionRefusedError):
        monthly_report_mail(today=date(2026, 11, 2))
    assert not ReportMailing.objects.exists()
    monkeypatch.undo()
    assert monthly_report_mail(today=date(2026, 11, 3)) == "monthly-report:2026-10"
    assert len(mail.outbox) == 1
