"""Banners about a tenant, shown at the top of every staff page about it and of its portal.

A lower app cannot ask a higher one what it knows about a tenant (billing knows about a suspension for
arrears, the tenant page is tenancy's), so the higher app registers a provider here at start-up, and the
page shells ask every provider for the tenant the page is about (``documents.templatetags.banners``). A
provider returns the banners it wants shown, in words for the page; none means it has nothing to say.
Providers are also handed the request being answered (or None), so a page that has already loaded what a
provider needs (the portal home loads the tenant's open bills) can leave it there and spare the queries.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Audience = Literal["staff", "portal"]


@dataclass(frozen=True)
class Banner:
    """One banner: its text, its level (a Bootstrap alert colour) and a test id."""

    text: str
    level: str = "warning"
    testid: str = "tenant-banner"


Provider = Callable[..., list[Banner]]


class TenantBanners:
    """The registered providers of banners about a tenant."""

    def __init__(self) -> None:
        self.providers: list[Provider] = []

    def register(self, provider: Provider) -> Provider:
        """Add a provider (once, however often an app's ready() runs)."""
        if provider not in self.providers:
            self.providers.append(provider)
        return provider

    def for_tenant(self, *, tenant_id: int, audience: Audience, request: object = None) -> list[Banner]:
        """Every provider's banners about the tenant for staff or for the tenant's own portal, in order."""
        return [
            banner
            for provider in self.providers
            for banner in provider(tenant_id=tenant_id, audience=audience, request=request)
        ]


TENANT_BANNERS = TenantBanners()
