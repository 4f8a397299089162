"""Browser: a resolved ticket is not closed by the daily clock until it is followed up; the front desk
finds it in the follow-up queue, records the call (a missing outcome is refused at the field, the rating
kept) and it closes. Management opens a satisfaction survey; a tenant answers it in the portal on a phone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from leasing.models import Lease
from servicedesk import services
from servicedesk.models import Survey, SurveyResponse, Ticket
from tests.factories import MembershipFactory, TenantFactory, UserFactory
from tests.leasing.factories import BuildingFactory, UnitFactory
from tests.leasing.lease_factories import lease_in
from tests.servicedesk.factories import CategoryFactory, TicketFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def documents_folder(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def world(db):
    building = BuildingFactory(name="浦江国际商务中心", code="PJ")
    unit = UnitFactory(building=building, code="A-1201")
    tenant = TenantFactory(name="上海星辰科技有限公司")
    today = timezone.localdate()
    lease_in(
        Lease.Status.ACTIVE,
        units=[unit],
        tenant=tenant,
        start_date=today - timedelta(days=30),
        end_date=today + timedelta(days=365),
    )
    MembershipFactory(tenant=tenant, user=UserFactory(username="tenant1", last_name="陈", first_name="静"))
    desk = UserFactory(username="frontdesk", roles=["front_desk"], last_name="王", first_name="小明")
    UserFactory(username="manager", roles=["management"], last_name="周", first_name="总")
    ticket = TicketFactory(
        tenant=tenant,
        unit=unit,
        owner=desk,
        category=CategoryFactory(name="空调暖通", name_en="Air conditioning"),
        status=Ticket.Status.RESOLVED,
        resolved_at=timezone.now() - timedelta(days=10),
        resolution="已更换空调滤网",
        cause=Ticket.Cause.WEAR,
    )
    return {"building": building, "tenant": tenant, "ticket": ticket, "today": today}


def _as(page, login, username: str, *, portal: bool = False) -> None:
    page.context.clear_cookies()
    login(username, portal=portal)


def test_a_resolved_ticket_waits_for_its_follow_up_and_closes_when_the_desk_records_it(
    page, live_server, login, world
):
    ticket = world["ticket"]
    # given: the daily clock runs ten days after the resolution and leaves the ticket alone
    assert services.tickets_auto_close() == 0
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.RESOLVED

    # when: the front desk opens the follow-up queue and the ticket's follow-up form
    _as(page, login, "frontdesk")
    page.goto(f"{live_server.url}/service/tickets/")
    page.locator("ul.nav-tabs").get_by_role("link", name="回访").click()
    rows = page.get_by_test_id("follow-up-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(ticket.reference)
    expect(rows.first).to_contain_text("0 / 3")
    rows.first.get_by_test_id("follow-up-record").click()
    form = page.get_by_test_id("follow-up-form")
    form.locator("input[name=channel][value=phone]").check()
    form.locator("input[name=reached][value=yes]").check()
    form.locator("input[name=rating][value='4']").check()
    form.get_by_role("button", name="记录回访").click()

    # then: no outcome, refused at the field with the choices kept
    form = page.get_by_test_id("follow-up-form")
    expect(form).to_contain_text("请填写回访结果")
    expect(form.locator("input[name=rating][value='4']")).to_be_checked()
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.RESOLVED

    # when: with the outcome
    form.locator("textarea[name=outcome]").fill("电话回访：空调已正常，客户满意")
    form.get_by_role("button", name="记录回访").click()

    # then: closed, on the timeline, out of the queue
    expect(page.get_by_test_id("ticket-status")).to_contain_text("已关闭")
    expect(page.get_by_text("电话回访：空调已正常，客户满意").first).to_be_visible()
    ticket.refresh_from_db()
    assert (ticket.status, ticket.rating, ticket.follow_up_channel) == (Ticket.Status.CLOSED, 4, "phone")
    page.goto(f"{live_server.url}/service/follow-ups/")
    expect(page.get_by_test_id("follow-up-row")).to_have_count(0)


def test_management_opens_a_survey_and_the_tenant_answers_it_in_the_portal(page, live_server, login, world):
    today = world["today"]
    # given: management opens the survey for the building
    _as(page, login, "manager")
    page.goto(f"{live_server.url}/service/surveys/")
    page.get_by_test_id("survey-new").click()
    form = page.get_by_test_id("survey-form")
    form.locator("input[name=title]").fill(f"{today.year}年下半年客户满意度调查")
    form.locator("select[name=period]").select_option("half_year")
    form.locator("input[name=year]").fill(str(today.year))
    form.locator("input[name=number]").fill("2")
    form.locator("input[name=opens_on]").fill(today.isoformat())
    form.locator("input[name=closes_on]").fill((today + timedelta(days=14)).isoformat())
    form.get_by_label("PJ 浦江国际商务中心").check()
    form.locator("textarea[name=rating_questions]").fill("公共区域清洁\n安保服务")
    form.locator("textarea[name=text_questions]").fill("其他建议")
    form.get_by_role("button", name="发起调查并邀请客户").click()
    expect(page.locator(".alert-success")).to_contain_text("1 家客户")
    survey = Survey.objects.get()
    cleaning, security, _other = survey.questions.all()

    # when: the tenant, on a phone, follows the portal link, leaves one rating out, then answers
    page.set_viewport_size({"width": 390, "height": 844})
    _as(page, login, "tenant1", portal=True)
    page.goto(f"{live_server.url}/portal/service/surveys/")
    page.get_by_test_id("portal-survey").first.click()
    answer = page.get_by_test_id("survey-answer-form")
    answer.locator(f"input[name=q{cleaning.pk}][value='5']").check()
    answer.locator("textarea").fill("电梯高峰期等候较久")
    answer.get_by_role("button", name="提交答卷").click()
    answer = page.get_by_test_id("survey-answer-form")
    expect(answer).to_contain_text("请在 1（很差）到 5（很好）之间评分")
    expect(answer.locator(f"input[name=q{cleaning.pk}][value='5']")).to_be_checked()
    expect(answer.locator("textarea")).to_have_value("电梯高峰期等候较久")
    answer.locator(f"input[name=q{security.pk}][value='4']").check()
    answer.get_by_role("button", name="提交答卷").click()

    # then: answered once, counted under the building
    expect(page.get_by_test_id("survey-answered")).to_be_visible()
    response = SurveyResponse.objects.get()
    assert response.building == world["building"]
    assert sorted(a.rating or 0 for a in response.answers.all()) == [0, 4, 5]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
