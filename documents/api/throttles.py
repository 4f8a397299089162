"""Throttling per key and per tenant token (DRF throttles, counted in the Redis cache)."""

from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from ..clientip import client_ip
from .permissions import api_key, tenant_token


class CredentialRateThrottle(SimpleRateThrottle):
    """Each staff key and each tenant token its own budget (``API_THROTTLE_KEY`` / ``API_THROTTLE_TOKEN``);
    calls without one (obtaining a token) are counted per client address."""

    def allow_request(self, request: Request, view: Any) -> bool:
        if api_key(request) is not None:
            self.scope = "key"
        elif tenant_token(request) is not None:
            self.scope = "token"
        else:
            self.scope = "anonymous"
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_rate(self) -> str:
        return settings.API_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request: Request, view: Any) -> str:
        credential = request.auth
        # The client address as documents.clientip reads it: X-Forwarded-For only from trusted proxies.
        ident = credential.prefix if credential is not None else client_ip(request._request)
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def __init__(self) -> None:  # the rate is chosen per request, in allow_request
        pass
