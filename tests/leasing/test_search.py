"""Staff search: what it finds, what each searcher may see, what bad input gets, and that indexes serve it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from billing.document_kinds import BILL
from documents.models import DossierArchive
from handover.document_kinds import MOVE_OUT_CONFIRMATION
from leasing.document_kinds import LEASE_SUMMARY
from leasing.search.query import MAX_LENGTH, SearchInputError, search_terms
from leasing.search.selectors import (
    documents_matching,
    leases_matching,
    staff_search,
    tenants_matching,
    units_matching,
)
from tenancy.document_kinds import ID_COPY
from tenancy.roles import Role
from tests.documents.factories import DocumentFactory
from tests.factories import PersonTenantFactory, TenantFactory
from tests.leasing.factories import UnitFactory
from tests.leasing.lease_factories import document_root_fixture, lease_in  # noqa: F401 -- a fixture

pytestmark = pytest.mark.django_db
URL = reverse("search:search")


@pytest.fixture(autouse=True)
def _documents(document_root):
    """Documents are stored in a fresh folder."""


def _search(client, user, text):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    with translation.override("en"):  # the middleware's language must not outlive the request
        return client.get(URL, {"q": text})


# --- the query -------------------------------------------------------------------------------------------


def test_search_terms_of_an_empty_box_is_none():
    assert search_terms("") is None and search_terms("   \t ") is None


def test_search_terms_refuses_more_than_the_limit():
    with pytest.raises(SearchInputError):
        search_terms("x" * (MAX_LENGTH + 1))


def test_search_terms_keep_only_word_characters_for_full_text():
    # given / when
    terms = search_terms("  &|!:*()'  华科 A-0101 o'neil  ")
    # then
    assert terms.text == "&|!:*()' 华科 A-0101 o'neil"
    assert terms.words == ("华科", "a", "0101", "o", "neil")


# --- what it finds ---------------------------------------------------------------------------------------


def test_a_tenant_is_found_by_a_chinese_substring_of_its_name(front_desk):
    # given
    found = TenantFactory(name="上海华科信息技术有限公司")
    TenantFactory(name="北京远景咨询有限公司")
    # when
    tenants = list(tenants_matching(terms=search_terms("华科信息"), user=front_desk))
    # then
    assert tenants == [found]


def test_a_tenant_is_found_by_a_word_of_its_latin_name(front_desk):
    found = TenantFactory(name="Acme Trading (Shanghai) Co., Ltd.")
    TenantFactory(name="Globex Consulting")
    assert list(tenants_matching(terms=search_terms("trad shanghai"), user=front_desk)) == [found]


def test_a_tenant_is_found_by_its_exact_credit_code(front_desk):
    found = TenantFactory()
    TenantFactory()
    code = found.credit_code.lower()
    assert list(tenants_matching(terms=search_terms(code), user=front_desk)) == [found]


def test_a_persons_id_number_matches_only_for_those_who_may_see_confidential_data(
    front_desk, general_manager
):
    # given
    person = PersonTenantFactory()
    terms = search_terms(person.id_number)
    # when / then
    assert list(tenants_matching(terms=terms, user=front_desk)) == []
    assert list(tenants_matching(terms=terms, user=general_manager)) == [person]


def test_a_unit_is_found_by_part_of_its_code_exact_match_first(front_desk):
    # given
    first = UnitFactory(code="A-0101")
    second = UnitFactory(code="A-01012")
    UnitFactory(code="B-0202")
    # when
    units = list(units_matching(terms=search_terms("a-0101"), user=front_desk))
    # then
    assert units == [first, second]


def test_a_lease_is_found_by_its_number(business_manager):
    lease = lease_in("active")
    other = lease_in("active")
    assert list(leases_matching(terms=search_terms(lease.number), user=business_manager)) == [lease]
    assert other.number != lease.number


def test_a_document_is_found_by_its_number_and_by_a_word_of_its_title(front_desk):
    # given
    document = DocumentFactory(kind=LEASE_SUMMARY, title="租赁合同摘要 Lease summary")
    DocumentFactory(kind=BILL, title="账单 Bill")
    # when / then
    assert list(documents_matching(terms=search_terms(document.number), user=front_desk)) == [document]
    assert list(documents_matching(terms=search_terms("summ"), user=front_desk)) == [document]
    assert list(documents_matching(terms=search_terms("租赁合同"), user=front_desk)) == [document]


def test_a_document_is_found_by_part_of_its_number(front_desk):
    # given: numbers the full-text parser reads as "ls", "-2026", "-000123"
    found = DocumentFactory(kind=LEASE_SUMMARY, number="LS-2026-000123")
    DocumentFactory(kind=LEASE_SUMMARY, number="LS-2025-000123")
    # when / then
    assert list(documents_matching(terms=search_terms("ls-2026-0001"), user=front_desk)) == [found]
    assert list(documents_matching(terms=search_terms("LS-2026"), user=front_desk)) == [found]


# --- who sees what ---------------------------------------------------------------------------------------


def test_confidential_documents_are_found_only_with_the_permission(front_desk, general_manager):
    # given
    scan = DocumentFactory(kind=ID_COPY, title="身份证复印件", confidential=True)
    terms = search_terms(scan.number)
    # when / then
    assert list(documents_matching(terms=terms, user=front_desk)) == []
    assert list(documents_matching(terms=terms, user=general_manager)) == [scan]


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        (Role.FRONT_DESK, True),
        (Role.LEGAL, True),
        (Role.MANAGEMENT, True),
        (Role.BUSINESS, False),
        (Role.FINANCE, False),
        (Role.ENGINEERING, False),
        (Role.SECURITY, False),
    ],
)
def test_an_archived_tenants_documents_are_found_only_by_those_who_see_the_archive(staff_by_role, role, sees):
    # given
    moved_out = TenantFactory()
    DossierArchive.objects.create(tenant=moved_out, archived_at=timezone.now() - timedelta(days=1))
    document = DocumentFactory(kind=MOVE_OUT_CONFIRMATION, title="退租交接确认书", tenant=moved_out)
    live = DocumentFactory(kind=MOVE_OUT_CONFIRMATION, title="退租交接确认书")
    # when
    found = list(documents_matching(terms=search_terms("退租交接确认书"), user=staff_by_role[role]))
    # then
    assert set(found) == ({document, live} if sees else {live})


@pytest.mark.parametrize("role", [Role.ENGINEERING, Role.SECURITY])
def test_roles_that_cannot_open_leases_get_no_lease_results(staff_by_role, role):
    # given
    lease = lease_in("active")
    # when
    results = staff_search(terms=search_terms(lease.number), user=staff_by_role[role])
    response_leases = results.leases
    # then
    assert response_leases is None and results.tenants is not None and results.units is not None


def test_the_page_groups_results_by_type_with_links_to_their_pages(client, legal_manager):
    # given
    lease = lease_in("active", tenant=TenantFactory(name="联合测试有限公司"))
    unit = lease.units.get()
    # when
    response = _search(client, legal_manager, lease.number)
    page = response.content.decode()
    # then
    assert response.status_code == 200
    assert 'data-testid="results-leases"' in page
    assert reverse("leasing:lease-detail", args=[lease.pk]) in page
    response = _search(client, legal_manager, unit.code)
    assert reverse("leasing:unit-detail", args=[unit.pk]) in response.content.decode()
    response = _search(client, legal_manager, "联合测试")
    assert reverse("tenancy:tenant-detail", args=[lease.tenant_id]) in response.content.decode()
    document = DocumentFactory(kind=LEASE_SUMMARY, tenant=lease.tenant)
    page = _search(client, legal_manager, document.number).content.decode()
    assert reverse("documents:download", args=[document.pk]) in page
    assert reverse("archive:dossier", args=[lease.tenant_id]) in page


def test_the_page_shows_no_lease_group_to_engineering(client, engineer):
    lease = lease_in("active")
    page = _search(client, engineer, lease.number).content.decode()
    assert 'data-testid="results-leases"' not in page
    assert reverse("leasing:lease-detail", args=[lease.pk]) not in page


@pytest.mark.parametrize("role", Role.values)
def test_every_staff_role_may_search(client, staff_by_role, role):
    assert _search(client, staff_by_role[role], "x").status_code == 200


def test_a_portal_user_gets_the_staff_only_page(client, tenant_user):
    assert _search(client, tenant_user, "x").status_code == 403


def test_an_anonymous_visitor_is_sent_to_login(client):
    response = client.get(URL, {"q": "x"})
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_top_bar_has_the_search_box_for_staff(client, front_desk):
    client.force_login(front_desk)
    page = client.get(reverse("leasing:unit-list")).content.decode()
    assert 'data-testid="topbar-search"' in page and f'action="{URL}"' in page


# --- bad input -------------------------------------------------------------------------------------------


def test_a_search_of_ten_thousand_characters_gets_a_clear_message(client, front_desk):
    # when
    response = _search(client, front_desk, "华" * 10_000)
    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="search-error"' in page and "at most 100 characters" in page
    assert 'data-testid="search-results"' not in page


@pytest.mark.parametrize("text", ["&|!:*()'", "a & b | !c", "'; drop table x; --", "%_\\", ":*", "o'neil:*"])
def test_punctuation_never_breaks_the_search(client, front_desk, text):
    # given
    TenantFactory(name="O'Neil & Partners")
    # when
    response = _search(client, front_desk, text)
    # then
    assert response.status_code == 200
    assert 'data-testid="search-error"' not in response.content.decode()


def test_punctuation_inside_a_name_still_finds_it(client, front_desk):
    tenant = TenantFactory(name="O'Neil & Partners")
    page = _search(client, front_desk, "o'neil & partners").content.decode()
    assert reverse("tenancy:tenant-detail", args=[tenant.pk]) in page


def test_an_empty_search_explains_what_to_type(client, front_desk):
    page = _search(client, front_desk, "   ").content.decode()
    assert 'data-testid="search-empty"' in page and 'data-testid="search-error"' not in page


def test_a_search_that_finds_nothing_says_so(client, front_desk):
    page = _search(client, front_desk, "zzzz-nothing").content.decode()
    assert 'data-testid="search-none"' in page


# --- the indexes serve the queries -----------------------------------------------------------------------


def _plan(queryset) -> str:
    """The plan when only bitmap scans are allowed (tiny tables would otherwise be read whole): a bitmap scan
    needs an index condition, so the query's match must be one an index serves."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("search", "text", "index"),
    [
        (tenants_matching, "华科信息", "tenant_name_trgm"),
        (tenants_matching, "acme", "tenant_name_search"),
        (units_matching, "A-0101", "unit_code_trgm"),
        (leases_matching, "HT-2026", "lease_number_trgm"),
        (documents_matching, "summary", "document_search"),
    ],
)
def test_each_search_uses_its_index(general_manager, search, text, index):
    # given: the search's match alone (joins for related rows and ordering left out, so that the planner
    # cannot reach the table through another table's rows)
    matches = search(terms=search_terms(text), user=general_manager).select_related(None).order_by()
    # when / then
    assert index in _plan(matches)
