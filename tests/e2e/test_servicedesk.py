"""Browser: a tenant reports a repair with a photo in the portal, the front desk acknowledges it and
assigns it to an engineer, the engineer resolves it, and the tenant rates it: every step through the real
pages, in Chinese."""

import struct
import zlib
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from documents.models import Document
from leasing.models import Lease
from servicedesk.models import Ticket, TicketEvent
from tests.factories import MembershipFactory, TenantFactory, UserFactory
from tests.leasing.factories import BuildingFactory, UnitFactory
from tests.leasing.lease_factories import lease_in
from tests.servicedesk.factories import CategoryFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def documents_folder(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def small_png(width: int = 8, height: int = 6) -> bytes:
    """A real PNG picture: a red block, each row a filter byte and RGB pixels, with its checksums."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\xd0\x30\x30" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _as(page, login, username: str, *, portal: bool = False) -> None:
    """Whoever was logged in leaves; ``username`` logs in through the real form."""
    page.context.clear_cookies()
    login(username, portal=portal)


def _timeline_kinds(page) -> list[str]:
    return page.get_by_test_id("timeline-event").evaluate_all("items => items.map(i => i.dataset.kind)")


def _tenant_reports_with_a_photo(page: Page, login: Any) -> Ticket:
    """The tenant reports the repair with a photo in the portal, and sees it new, received, with the photo on
    its timeline (served back and decoded as the 8×6 picture that was sent)."""
    _as(page, login, "tenant1", portal=True)
    page.get_by_role("link", name="服务请求").first.click()
    page.get_by_test_id("portal-ticket-new").click()
    form = page.get_by_test_id("portal-ticket-form")
    form.get_by_label("类型").select_option(label="报修")
    form.get_by_label("类别").select_option(label="空调暖通")
    form.get_by_label("单元").select_option(label="PJ · A-1201")
    form.get_by_label("描述").fill("会议室空调不制冷，出风口有异响。")
    form.get_by_label("照片").set_input_files(
        files=[{"name": "aircon.png", "mimeType": "image/png", "buffer": small_png()}]
    )
    form.get_by_role("button", name="提交").click()

    # then: the tenant sees the request as new, received, with the photo on its timeline
    expect(page.locator("body")).to_contain_text("已提交前台")
    ticket = Ticket.objects.get()
    expect(page.locator("body")).to_contain_text(f"您的服务请求 {ticket.reference} 已提交前台")
    expect(page.get_by_test_id("ticket-status")).to_have_text("新建")
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_contain_text("已受理登记")
    expect(timeline.get_by_role("img")).to_have_count(1)
    # the photo is served back and decodes as the 8×6 picture that was sent
    page.wait_for_function(
        "() => { const img = document.querySelector('[data-testid=timeline] img');"
        " return img && img.complete && img.naturalWidth === 8 && img.naturalHeight === 6; }"
    )
    return ticket


def _desk_acknowledges_and_assigns(page: Page, login: Any, ticket: Ticket) -> None:
    """The front desk finds it in the service desk, acknowledges it with a reply, and assigns an engineer."""
    _as(page, login, "frontdesk")
    page.get_by_role("link", name="服务台").first.click()
    page.get_by_role("link", name=ticket.reference).click()
    expect(page.get_by_test_id("ticket-description")).to_have_text("会议室空调不制冷，出风口有异响。")
    page.get_by_test_id("acknowledge-form").get_by_label("回复租户").fill("工程师今天下午上门检查。")
    page.get_by_role("button", name="受理并回复").click()
    expect(page.locator("body")).to_contain_text("已受理，租户已收到您的回复。")
    expect(page.get_by_test_id("ticket-status")).to_have_text("已受理")
    expect(page.get_by_test_id("ticket-owner")).to_have_text("王小明")
    assign = page.get_by_test_id("assign-form")
    expect(assign.get_by_label("部门")).to_have_value("engineering")
    person = assign.get_by_label("人员")
    expect(person.locator("option")).to_have_count(3)  # the empty choice and the two engineers
    expect(person).not_to_contain_text("赵刚")
    # choosing another department brings its people (htmx), and back
    assign.get_by_label("部门").select_option("security")
    expect(person.locator("option")).to_have_count(2)
    expect(person).to_contain_text("赵刚 · 保安部")
    assign.get_by_label("部门").select_option("engineering")
    expect(person.locator("option")).to_have_count(3)
    person.select_option(label="李建国 · 工程部")
    assign.get_by_role("button", name="派单").click()
    expect(page.locator("body")).to_contain_text("已派单。")
    expect(page.get_by_test_id("ticket-assignee")).to_have_text("工程部 · 李建国")
    expect(page.get_by_test_id("timeline")).to_contain_text("已派给工程部 · 李建国")


def _engineer_resolves(page: Page, login: Any, ticket: Ticket) -> None:
    """The engineer starts the work and resolves it."""
    _as(page, login, "engineer1")
    page.get_by_role("link", name="服务台").first.click()
    page.get_by_role("link", name=ticket.reference).click()
    page.get_by_role("button", name="开始处理").click()
    expect(page.get_by_test_id("ticket-status")).to_have_text("处理中")
    resolve = page.get_by_test_id("resolve-form")
    resolve.get_by_label("处理结果").fill("清洗过滤网，更换风机轴承，试运行正常。")
    resolve.get_by_label("原因").select_option(label="磨损老化")
    resolve.get_by_role("button", name="标记为已解决").click()
    expect(page.locator("body")).to_contain_text("已解决，已请租户评分。")
    expect(page.get_by_test_id("ticket-status")).to_have_text("已解决")
    expect(page.get_by_test_id("ticket-owner")).to_have_text("王小明")


def _tenant_follows_and_rates(page: Page, login: Any) -> None:
    """The tenant follows each public step (the routing names the department only) and rates the repair."""
    _as(page, login, "tenant1", portal=True)
    page.get_by_role("link", name="服务请求").first.click()
    expect(page.get_by_test_id("portal-ticket")).to_contain_text("已解决")
    page.get_by_test_id("portal-ticket").click()
    expect(page.get_by_test_id("ticket-status")).to_have_text("已解决")
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_contain_text("工程师今天下午上门检查。")
    expect(timeline.locator("[data-kind=assigned] strong")).to_have_text("已派给工程部")
    expect(timeline).to_contain_text("清洗过滤网，更换风机轴承，试运行正常。")
    rating = page.get_by_test_id("portal-rating-form")
    expect(rating).to_contain_text("您对本次服务满意吗？")
    rating.get_by_label("4").check()
    rating.get_by_label("评论").fill("师傅很专业，响应及时。")
    rating.get_by_role("button", name="提交评分").click()
    expect(page.locator("body")).to_contain_text("感谢您的评价。")
    expect(page.get_by_test_id("ticket-status")).to_have_text("已关闭")
    expect(page.get_by_test_id("timeline")).to_contain_text("评分 4 分（满分 5 分）")
    expect(page.get_by_test_id("portal-rating-form")).to_have_count(0)
    expect(page.locator("body")).to_contain_text("您的评分")


def test_tenant_reports_a_repair_desk_assigns_engineer_resolves_tenant_rates(page, live_server, login):
    # given
    building = BuildingFactory(name="浦江国际商务中心", code="PJ")
    unit = UnitFactory(building=building, code="A-1201")
    CategoryFactory(name="空调暖通", name_en="Air conditioning", department="engineering")
    tenant = TenantFactory(name="上海星辰科技有限公司")
    today = timezone.localdate()  # the portal offers the units the tenant rents now
    lease_in(
        Lease.Status.ACTIVE,
        units=[unit],
        tenant=tenant,
        start_date=today - timedelta(days=30),
        end_date=today + timedelta(days=365),
    )
    MembershipFactory(tenant=tenant, user=UserFactory(username="tenant1", last_name="陈", first_name="静"))
    UserFactory(username="frontdesk", roles=["front_desk"], last_name="王", first_name="小明")
    UserFactory(username="engineer1", roles=["engineering"], last_name="李", first_name="建国")
    UserFactory(username="engineer2", roles=["engineering"], last_name="张", first_name="伟")
    UserFactory(username="guard1", roles=["security"], last_name="赵", first_name="刚")

    # when: the tenant reports it, the front desk acknowledges and assigns it, the engineer resolves it
    ticket = _tenant_reports_with_a_photo(page, login)
    _desk_acknowledges_and_assigns(page, login, ticket)
    _engineer_resolves(page, login, ticket)
    # then: the tenant follows each public step and rates the repair
    _tenant_follows_and_rates(page, login)

    # and the database holds the whole story
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.CLOSED
    assert ticket.channel == Ticket.Channel.PORTAL
    assert (ticket.tenant, ticket.unit.code, ticket.category.name) == (tenant, "A-1201", "空调暖通")
    assert (ticket.owner.username, ticket.department, ticket.assignee.username) == (
        "frontdesk",
        "engineering",
        "engineer1",
    )
    assert ticket.cause == Ticket.Cause.WEAR
    assert (ticket.rating, ticket.rating_comment) == (4, "师傅很专业，响应及时。")
    assert ticket.acknowledged_at and ticket.resolved_at and ticket.closed_at
    assert list(ticket.events.values_list("kind", flat=True)) == [
        TicketEvent.Kind.CREATED,
        TicketEvent.Kind.PHOTO,
        TicketEvent.Kind.ACKNOWLEDGED,
        TicketEvent.Kind.ASSIGNED,
        TicketEvent.Kind.STARTED,
        TicketEvent.Kind.RESOLVED,
        TicketEvent.Kind.RATED,
        TicketEvent.Kind.CLOSED,
    ]
    photo = Document.objects.get()
    assert photo.original_filename == "aircon.png"
    assert photo.content_type == "image/png"
