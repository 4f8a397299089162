"""What each role is shown, it can open: for every staff role and a tenant's portal user, the pages of its
menu (and the pages those link to within the same section), the first record each list links to, and then
every link and download shown on all of them: none answers 403, 404 or a server error.

Pages are read as the browser gets them (links in ``<a href>``, pictures in ``<img src>``); POST forms, the
log-out and static files are not followed. Each request runs in a savepoint rolled back after it, so a page
that renders a PDF on first use leaves nothing behind for the next role.
"""

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import Resolver404, resolve, reverse

from config.navigation import DASHBOARD, STAFF_MENU
from handover.models import Sheet, Visit
from tenancy.roles import Role
from tests.links_world import build_links_world
from tests.url_access_world import World

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("links_per_role")]

PORTAL_MENU = ("portal:home", "portal:inbox")
# Not followed: leaving the session, switching language, the admin (superusers), files served as they are.
SKIPPED = ("/accounts/logout", "/logout", "/i18n/", "/admin/", settings.STATIC_URL, "/media/")
RECORD = re.compile(r"/\d+(/|$)")


class _Links(HTMLParser):
    """The same-origin targets of a page's links and pictures, and the links of each table's first row."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.first_rows: list[str] = []
        self._row = -1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "tbody":
            self._row = 0
        elif tag == "tr" and self._row >= 0:
            self._row += 1
        target = values.get("href") if tag == "a" else values.get("src") if tag == "img" else None
        target = _local(target)
        if target is None:
            return
        self.links.append(target)
        if tag == "a" and self._row == 1:
            self.first_rows.append(target)

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._row = -1


def _local(target: str | None) -> str | None:
    """A link this walk follows: on this site, not an anchor, not a log-out or a static file."""
    if not target:
        return None
    target = urldefrag(target)[0]
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if any(parts.path.startswith(prefix) for prefix in SKIPPED):
        return None
    return target


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """The records and a logged-in session per visitor, in a transaction rolled back after the module."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(DOCUMENT_ROOT=tmp_path_factory.mktemp("documents"), PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        yield build_links_world()
        transaction.set_rollback(True)


def _get(world: World, visitor: str, url: str) -> HttpResponse | Exception:
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = world["sessions"][visitor]
    try:
        with transaction.atomic():
            response = client.get(url, follow=True)
            transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 - a 500 is reported with the page that linked to it
        return error
    return response


def _refused(response: HttpResponse | Exception) -> str:
    """Why the answer is a dead end for the user ('' when it is not)."""
    if isinstance(response, Exception):
        return f"500 ({type(response).__name__}: {response})"
    if response.status_code in (403, 404) or response.status_code >= 500:
        return str(response.status_code)
    if response.redirect_chain and any(
        response.redirect_chain[-1][0].startswith(reverse(name)) for name in ("login", "portal:login")
    ):
        return "sent to the login page"
    return ""


def _menu(visitor: str) -> list[str]:
    if visitor == "tenant":
        return [reverse(name) for name in PORTAL_MENU]
    items = [DASHBOARD, *(item for group in STAFF_MENU for item in group.items)]
    return [reverse(item.url_name) for item in items if visitor in item.roles]


def _route(url: str) -> str:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return url


def _page_links(response: HttpResponse | Exception) -> _Links:
    parser = _Links()
    if isinstance(response, HttpResponse) and response.get("Content-Type", "").startswith("text/html"):
        parser.feed(response.content.decode())
    return parser


def _moved_out_pages(world: World) -> list[str]:
    """The settled lease's page and its settlement (finance's statement of an archived tenant), and its
    handover visit with the signed acceptance sheet (papers of an archived dossier)."""
    lease = world["settlement"].lease
    visit = Visit.objects.get(lease__tenant=lease.tenant)
    return [
        reverse("leasing:lease-detail", args=[lease.pk]),
        reverse("billing:settlement", args=[lease.pk]),
        reverse("handover:visit-detail", args=[visit.pk]),
        reverse("handover:sheet", args=[visit.pk, Sheet.Kind.ACCEPTANCE]),
    ]


def walk(world: World, visitor: str) -> list[str]:
    """Every dead end the visitor is shown, as 'page → link: answer'."""
    menu = _menu(visitor)
    answers: dict[str, HttpResponse | Exception] = {}
    expanded: list[str] = []
    dead: list[str] = []

    def visit(url: str, shown_on: str) -> HttpResponse | Exception:
        if url not in answers:
            answers[url] = _get(world, visitor, url)
            if reason := _refused(answers[url]):
                dead.append(f"  {shown_on} → {url}: {reason}")
        return answers[url]

    # the menu's pages, and the pages of the same section they link to (tabs, sub-lists, forms)
    queue = [(url, "menu") for url in menu]
    for url, shown_on in queue:
        links = _page_links(visit(url, shown_on))
        expanded.append(url)
        for link in links.links:
            section = not RECORD.search(urlsplit(link).path) and shown_on == "menu"
            if section and link not in dict(queue):
                queue.append((link, url))
    # the first record each list links to, one per kind of record
    routes: set[str] = set()
    records: list[tuple[str, str]] = []
    for url in expanded:
        for link in _page_links(answers[url]).first_rows:
            if RECORD.search(urlsplit(link).path) and _route(link) not in routes:
                routes.add(_route(link))
                records.append((link, url))
    for link, shown_on in records:
        visit(link, shown_on)
        expanded.append(link)
    # the moved-out tenant's pages, whatever a list shows first, for the roles that open them
    for url in _moved_out_pages(world):
        if url not in answers and not _refused(answer := _get(world, visitor, url)):
            answers[url] = answer
            expanded.append(url)
    # every link and download shown on those pages
    for url in expanded:
        for link in _page_links(answers[url]).links:
            visit(link, url)
    return dead


VISITORS = [*Role.values, "tenant"]


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_link_a_role_is_shown_opens(world, visitor):
    # given: the visitor's menu, lists, first records and what they link to
    # when
    dead = walk(world, visitor)
    # then
    assert not dead, f"{visitor} is shown links it cannot open:\n" + "\n".join(dead)
