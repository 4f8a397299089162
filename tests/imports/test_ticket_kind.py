"""Day-one import of the open service tickets: received and moved through the lifecycle to their state, every
kind of error at its row and column, encodings, re-imports that change nothing and corrected files."""

from datetime import timedelta

import pytest
from django.utils import timezone

from documents.errors import DomainError
from documents.imports.engine import import_run
from leasing.models import Building
from servicedesk.clocks import dues_for
from servicedesk.models import Category, CategoryTarget, Ticket, TicketEvent
from servicedesk.services import ticket_resolve
from tests.servicedesk.factories import CategoryFactory

from .conftest import as_csv, as_xlsx
from .space_files import TENANTS, UNITS

pytestmark = pytest.mark.django_db

NOW = timezone.localtime()
HEADER = [
    "工单编号",
    "租户统一社会信用代码或身份证号",
    "楼宇编号",
    "单元编号",
    "类别",
    "类型",
    "紧急程度",
    "问题描述",
    "报告时间",
    "状态",
    "处理部门",
    "联系人",
]


def reported(days: int) -> str:
    return (NOW - timedelta(days=days)).strftime("%Y-%m-%d %H:%M")


def tickets() -> list[list[str]]:
    return [
        HEADER,
        ["GD-001", "91110000600037341L", "A", "A-1201", "空调暖通", "报修", "", "会议室空调不制冷",
         reported(3), "处理中", "工程部", "李四"],
        ["GD-002", "", "A", "", "Cleaning", "complaint", "紧急", "大堂地面湿滑",
         reported(1), "新建", "", ""],
        ["GD-003", "11010519491231002X", "A", "A-B101", "空调暖通", "咨询", "", "空调开放时间",
         reported(2), "已受理", "", "王五"],
    ]  # fmt: skip


@pytest.fixture
def loaded(business_manager):
    import_run("units", as_xlsx(UNITS), by=business_manager, commit=True)
    import_run("tenants", as_csv(TENANTS), by=business_manager, commit=True)
    CategoryFactory(name="空调暖通", name_en="Air conditioning and heating", department="engineering")
    CategoryFactory(name="保洁", name_en="Cleaning", department="front_desk")


def test_tickets_import_receives_them_and_moves_them_to_their_state(loaded, front_desk):
    # given: the building's office promises its own time for air conditioning
    aircon = Category.objects.get(name="空调暖通")
    CategoryTarget.objects.create(
        category=aircon, building=Building.objects.get(code="A"), resolution_target=4, resolution_unit="hours"
    )
    # when
    result = import_run("tickets", as_xlsx(tickets()), by=front_desk, commit=True)
    # then
    assert result.batch.created == 3
    repair = Ticket.objects.get(import_number="GD-001")
    assert (repair.status, repair.kind, repair.department, repair.unit.code, repair.tenant.name) == (
        "in_progress", "repair", "engineering", "A-1201", "上海示例科技有限公司")  # fmt: skip
    assert (repair.owner, repair.received_by, repair.acknowledged_at is not None) == (
        front_desk,
        front_desk,
        True,
    )
    assert repair.created_at == timezone.make_aware(timezone.datetime.strptime(reported(3), "%Y-%m-%d %H:%M"))
    own = dues_for(
        received_at=repair.created_at,
        kind="repair",
        urgency="normal",
        category=aircon,
        building_id=repair.building_id,
    )
    assert (
        repair.resolution_due_at
        == own.resolution
        != dues_for(
            received_at=repair.created_at, kind="repair", urgency="normal", category=aircon
        ).resolution
    )
    # the lifecycle was walked step by step, each step on the timeline
    steps = list(repair.events.exclude(status_to="").values_list("kind", "status_from", "status_to"))
    assert steps == [
        (TicketEvent.Kind.CREATED, "", "new"),
        (TicketEvent.Kind.ACKNOWLEDGED, "new", "acknowledged"),
        (TicketEvent.Kind.STARTED, "acknowledged", "in_progress"),
    ]
    assert repair.events.filter(kind=TicketEvent.Kind.IMPORTED, data__number="GD-001").exists()
    assert repair.events.filter(kind=TicketEvent.Kind.ASSIGNED, data__department="engineering").exists()
    common = Ticket.objects.get(import_number="GD-002")
    assert (common.status, common.tenant, common.unit, common.urgency, common.category.name) == (
        "new", None, None, "urgent", "保洁")  # fmt: skip
    assert common.acknowledged_at is None
    assert Ticket.objects.get(import_number="GD-003").status == "acknowledged"


def test_tickets_reimport_in_gbk_and_with_a_bom_changes_nothing(loaded, front_desk):
    import_run("tickets", as_csv(tickets(), "gbk"), by=front_desk, commit=True)
    events = TicketEvent.objects.count()
    # when the same file comes again, as UTF-8 with a byte-order mark
    again = import_run("tickets", as_csv(tickets(), "utf-8-sig"), by=front_desk, commit=True)
    # then
    assert (again.batch.created, again.batch.updated, again.batch.unchanged) == (0, 0, 3)
    assert (Ticket.objects.count(), TicketEvent.objects.count()) == (3, events)


def test_a_corrected_file_updates_and_moves_tickets_forward(loaded, front_desk):
    import_run("tickets", as_csv(tickets()), by=front_desk, commit=True)
    corrected = tickets()
    corrected[2][7], corrected[2][9], corrected[2][10] = "大堂地面湿滑，已放警示牌", "处理中", "前台"
    # when
    result = import_run("tickets", as_csv(corrected), by=front_desk, commit=True)
    # then
    assert (result.batch.updated, result.batch.unchanged) == (1, 2)
    ticket = Ticket.objects.get(import_number="GD-002")
    assert (ticket.description, ticket.status, ticket.department) == (
        "大堂地面湿滑，已放警示牌", "in_progress", "front_desk")  # fmt: skip
    moves = ticket.events.exclude(status_from="").values_list("status_from", "status_to")
    assert list(moves) == [("new", "acknowledged"), ("acknowledged", "in_progress")]
    assert "description" in ticket.events.filter(kind=TicketEvent.Kind.IMPORTED).last().data["changes"]


BAD_CODE = "91110000600037341X"  # the check digit is wrong


def test_tickets_import_lists_every_error_and_writes_nothing(loaded, front_desk):
    bad = [
        HEADER,
        ["GD-101", BAD_CODE, "Z", "A-1201", "空调暖通", "报修", "", "x", reported(1), "新建", "", ""],
        ["GD-102", "", "A", "A-9", "电梯维修", "有偿服务", "", "", "昨天", "已解决", "", ""],
        ["GD-103", "", "A", "", "保洁", "投诉", "", "y", reported(-2), "处理中", "", ""],
        ["GD-103", "", "A", "", "保洁", "投诉", "", "y", reported(1), "新建", "", ""],
    ]  # fmt: skip
    # when
    result = import_run("tickets", as_csv(bad), by=front_desk, commit=False)
    # then
    assert {(e["line"], e["column"]) for e in result.batch.errors} == {
        (2, "Tenant credit code or ID number"), (2, "Building code"),
        (3, "Unit code"), (3, "Category"), (3, "Kind"), (3, "Description"), (3, "Reported at"), (3, "Status"),
        (4, "Reported at"), (4, "Assigned department"),
        (5, "Ticket number"),
    }  # fmt: skip
    messages = {(e["line"], e["column"]): e["message"] for e in result.batch.errors}
    assert "not a date and time" in messages[(3, "Reported at")]
    assert "already on row 4" in messages[(5, "Ticket number")]
    assert not Ticket.objects.exists()


def test_an_import_never_moves_a_ticket_back_nor_changes_one_resolved_here(
    loaded, front_desk, general_manager
):
    import_run("tickets", as_csv(tickets()), by=front_desk, commit=True)
    ticket_resolve(
        ticket=Ticket.objects.get(import_number="GD-003"),
        by=general_manager,
        resolution="答复",
        cause="information",
    )
    back = tickets()
    back[1][9] = "已受理"
    # when
    result = import_run("tickets", as_csv(back), by=front_desk, commit=False)
    # then
    messages = {(e["line"], e["column"]): e["message"] for e in result.batch.errors}
    assert "does not move it back" in messages[(2, "Status")]
    assert "can no longer change it" in messages[(4, "Ticket number")]
    assert Ticket.objects.get(import_number="GD-001").status == "in_progress"


def test_only_the_receiving_desks_import_tickets(loaded, business_manager, engineer):
    for user in (business_manager, engineer):
        with pytest.raises(DomainError):
            import_run("tickets", as_csv(tickets()), by=user, commit=False)
    assert not Ticket.objects.exists()
