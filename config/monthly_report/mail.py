"""The monthly report e-mailed to management: last month's report for the whole portfolio, the PDF attached
and the page linked, on the first working day of the month (``tenancy.workdays``).

Idempotent: a ``ReportMailing`` row per month is written in the transaction that sends, so a second run (or
a second beat) finds it and sends nothing. A run that failed is caught up on the next days of the month.
"""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from documents.models import ReportMailing
from tenancy.roles import Role
from tenancy.workdays import is_working_day

from .compose import monthly_report_build
from .printing import report_pdf, report_title


def first_working_day(month: date) -> date:
    """The month's first working day by the calendar users keep."""
    day = month.replace(day=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def management_addresses() -> list[str]:
    users = get_user_model().objects.filter(is_active=True, is_staff=True, groups__name=Role.MANAGEMENT)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def monthly_report_mail(*, today: date) -> str | None:
    """From the month's first working day on, mail last month's report to management once; returns the
    mailing's key when it sent, None when there was nothing to do."""
    if today < first_working_day(today):
        return None
    month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    key = f"monthly-report:{month:%Y-%m}"
    recipients = management_addresses()
    if not recipients or ReportMailing.objects.filter(key=key).exists():
        return None
    try:
        with transaction.atomic():
            ReportMailing.objects.create(key=key, recipients=recipients)
            _send(month, recipients)
    except IntegrityError:  # another run took this month meanwhile
        return None
    return key


def _send(month: date, recipients: list[str]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        report = monthly_report_build(month=month, today=month + timedelta(days=40))
        url = f"{settings.SITE_URL}{reverse('monthly-report')}?month={month:%Y-%m}"
        content, name = report_pdf(report, url=url)
        title = report_title(report)
        body = _("The monthly report for %(month)s is attached. Read it online: %(url)s") % {
            "month": f"{month:%Y-%m}",
            "url": url,
        }
    message = EmailMessage(subject=title, body=body, to=recipients)
    message.attach(name, content, "application/pdf")
    message.send()
