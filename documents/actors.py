"""Who acts: the type of the user a service acts for, and the request of a view behind a login.

Every service takes the acting user as ``by: User`` (staff and portal users are both Django's auth user; their
roles tell them apart, see ``tenancy.access``). A read-side helper that also answers for a visitor who is not
logged in takes ``AnyUser``. A view behind ``role_required`` or ``portal_view`` types its request as
``AuthenticatedRequest``: the login check has run, so ``request.user`` is a real account and can be handed
to a service as it is. This module lives on the ground floor so that every app, documents included, can
use it.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

__all__ = ["AnyUser", "AuthenticatedRequest", "User"]

AnyUser = User | AnonymousUser


class AuthenticatedRequest(HttpRequest):
    """The request of a view that only a logged-in user reaches (the decorator redirected everyone else)."""

    user: User
