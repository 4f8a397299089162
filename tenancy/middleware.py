"""Keeps portal users out of the staff area and makes finance and management use their second factor."""

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .access import user_roles
from .roles import TWO_FACTOR_ROLES

# Paths anyone may reach whatever their kind of account.
OPEN_PREFIXES = ("/portal/", "/accounts/", "/i18n/", "/static/", "/documents/verify/", "/healthz")
# Document downloads check the asker themselves (a tenant gets its own documents, nothing else); the home
# page sends each kind of account where it belongs.
OPEN_PATTERNS = (re.compile(r"^/documents/\d+/download/$"), re.compile(r"^/$"))


class StaffAreaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not self._is_open(request.path):
            if not user.is_staff:
                return render(request, "403_staff_only.html", status=403)
            if self._needs_second_factor(request):
                return redirect("otp-verify")
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        return path.startswith(OPEN_PREFIXES) or any(pattern.match(path) for pattern in OPEN_PATTERNS)

    @staticmethod
    def _needs_second_factor(request: HttpRequest) -> bool:
        if not settings.REQUIRE_2FA:
            return False
        user = request.user
        return bool(user_roles(user) & TWO_FACTOR_ROLES) and not user.is_verified()
