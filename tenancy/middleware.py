"""Keeps portal users out of the staff area, makes staff give their second factor, ends idle staff sessions.

A staff member who must give a second factor (an authenticator is set up, or the role requires one) reaches
only logging in and out, the code page, a forgotten password and, while no authenticator exists, its setup.
"""

import re
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from documents.actors import AnyUser

from .accounts.policy import has_authenticator, second_factor_missing

# Paths anyone may reach whatever their kind of account or second factor.
PUBLIC_PREFIXES = ("/i18n/", "/static/", "/documents/verify/", "/healthz")
# Portal users also reach the portal (their documents are downloaded there, by token) and the home page that
# sends them to the portal.
PORTAL_PREFIXES = ("/portal/",)
PORTAL_PATTERNS = (re.compile(r"^/$"),)
# Account pages (by URL name) reachable by any account, and by staff before the second factor.
BEFORE_SECOND_FACTOR = frozenset(
    {
        "login",
        "logout",
        "otp-verify",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
    }
)
# Reachable before the second factor only while the user has no authenticator (the first setup).
FIRST_SETUP = "otp-setup"
# A staff session's expiry is pushed back at most once a minute, not written on every request.
SEEN_SESSION_KEY = "staff_seen_at"
SEEN_REFRESH_SECONDS = 60


class StaffAreaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            keep_staff_session_short(request.session, user)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user: AnyUser = request.user
        if not user.is_authenticated or request.path.startswith(PUBLIC_PREFIXES):
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        if not user.is_staff:
            if name in BEFORE_SECOND_FACTOR or _is_portal_path(request.path):
                return None
            return render(request, "403_staff_only.html", status=403)
        if name in BEFORE_SECOND_FACTOR or not second_factor_missing(request):
            return None
        if name == FIRST_SETUP and not has_authenticator(user):
            return None
        target = reverse("otp-verify")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)


def _is_portal_path(path: str) -> bool:
    return path.startswith(PORTAL_PREFIXES) or any(pattern.match(path) for pattern in PORTAL_PATTERNS)


def keep_staff_session_short(session: Any, user: AnyUser) -> None:
    """Staff sessions end after STAFF_SESSION_IDLE_SECONDS without a request; portal ones keep the default."""
    if not user.is_staff:
        return
    idle = settings.STAFF_SESSION_IDLE_SECONDS
    if session.get("_session_expiry") != idle:
        session.set_expiry(idle)
    now = int(time.time())
    if now - session.get(SEEN_SESSION_KEY, 0) >= SEEN_REFRESH_SECONDS:
        session[SEEN_SESSION_KEY] = now  # a write saves the session, which moves its expiry date forward


def staff_session_start(sender: Any, request: HttpRequest, user: AnyUser, **kwargs: Any) -> None:
    """At login (``user_logged_in``): the session is saved short, and whether the user has an authenticator is
    read and cached, so that the pages after it pay for neither."""
    keep_staff_session_short(request.session, user)
    if user.is_staff:
        has_authenticator(user)
