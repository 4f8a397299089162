from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from .access import user_roles
from .navigation import STAFF_NAV


def navigation(request: HttpRequest) -> dict:
    """The staff menu entries this user's roles may open, with the current one marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return {"nav_items": []}
    roles = user_roles(user)
    items = []
    for item in STAFF_NAV:
        if not roles & set(item.roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        active = request.path == url if url == "/" else request.path.startswith(url)
        items.append({"label": item.label, "url": url, "icon": item.icon, "active": active})
    return {"nav_items": items, "user_roles": roles}
