"""The applicant's private link: a signed token lets its holder follow and update the application."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from ..models import Application

SALT = "tenancy.intake.follow"


def follow_token(application: Application) -> str:
    return signing.dumps(str(application.follow_token), salt=SALT)


def follow_url(application: Application) -> str:
    """The absolute private link sent to the applicant by e-mail."""
    return settings.SITE_URL + reverse("intake:follow", args=[follow_token(application)])


def application_for_token(token: str) -> Application | None:
    """The application a private link points at, or None for a forged or mangled link."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return Application.objects.filter(follow_token=value).first()
