"""The columns of the open tickets' sheet, the states they are imported in and the words clerks use."""

from django.utils.translation import gettext_lazy

from documents.imports import cells
from documents.imports.kinds import Column

from ..models import Category, Department, Ticket, TicketEvent

STEPS = (Ticket.Status.NEW, Ticket.Status.ACKNOWLEDGED, Ticket.Status.IN_PROGRESS)
STEP_EVENTS = {
    Ticket.Status.ACKNOWLEDGED: TicketEvent.Kind.ACKNOWLEDGED,
    Ticket.Status.IN_PROGRESS: TicketEvent.Kind.STARTED,
}
KINDS = [(v, label) for v, label in Ticket.Kind.choices if v != Ticket.Kind.PAID_SERVICE]
STATUSES = [(v, label) for v, label in Ticket.Status.choices if v in STEPS]
KIND_ALIASES = {"投诉": "complaint", "报修": "repair", "维修": "repair", "咨询": "enquiry", "询问": "enquiry"}
STATUS_ALIASES = {
    "新建": "new",
    "待受理": "new",
    "未受理": "new",
    "已受理": "acknowledged",
    "受理": "acknowledged",
    "处理中": "in_progress",
    "进行中": "in_progress",
}
URGENCY_ALIASES = {"一般": "normal", "普通": "normal", "紧急": "urgent", "加急": "urgent"}
CHANNEL_ALIASES = {"电话": "phone", "邮件": "email", "前台": "counter", "来访": "visit", "网上": "portal"}
DEPARTMENT_ALIASES = {
    "前台": "front_desk",
    "服务部": "front_desk",
    "客服": "front_desk",
    "工程部": "engineering",
    "安保部": "security",
    "保安部": "security",
    "财务部": "finance",
    "招商部": "business",
    "法务部": "legal",
}
FIELDS = (
    "tenant_id",
    "building_id",
    "unit_id",
    "category_id",
    "kind",
    "urgency",
    "channel",
    "description",
    "created_at",
    "department",
    "contact_name",
    "contact_phone",
)


def _categories() -> list[str]:
    return [f"{c.name} · {c.name_en}" for c in Category.objects.filter(active=True)]


COLUMNS = (
    Column("number", "Ticket number", "工单编号", example="GD-2026-0107"),
    Column(
        "tenant",
        "Tenant credit code or ID number",
        "租户统一社会信用代码或身份证号",
        required=False,
        example="91310000MA1FL0XX0X",
        hint=gettext_lazy("Empty for a common area. The tenant must be imported first."),
    ),
    Column("building_code", "Building code", "楼宇编号", example="A"),
    Column(
        "unit_code",
        "Unit code",
        "单元编号",
        required=False,
        example="A-1201",
        hint=gettext_lazy("Empty for a common area."),
    ),
    Column("category", "Category", "类别", example="空调暖通", allowed=_categories),
    Column("kind", "Kind", "类型", example="报修", allowed=lambda: cells.allowed_values(KINDS)),
    Column(
        "urgency",
        "Urgency",
        "紧急程度",
        required=False,
        example="一般",
        allowed=lambda: cells.allowed_values(Ticket.Urgency.choices),
        hint=gettext_lazy("Empty: normal."),
    ),
    Column(
        "channel",
        "Channel",
        "渠道",
        required=False,
        example="电话",
        allowed=lambda: cells.allowed_values(Ticket.Channel.choices),
        hint=gettext_lazy("Empty: phone."),
    ),
    Column("description", "Description", "问题描述", example="会议室空调不制冷"),
    Column("reported_at", "Reported at", "报告时间", example="2026-11-28 09:30"),
    Column(
        "status",
        "Status",
        "状态",
        example="处理中",
        allowed=lambda: cells.allowed_values(STATUSES),
        hint=gettext_lazy("Only open tickets: new, acknowledged or in progress."),
    ),
    Column(
        "department",
        "Assigned department",
        "处理部门",
        required=False,
        example="工程部",
        allowed=lambda: cells.allowed_values(Department.choices),
        hint=gettext_lazy("Needed when the ticket is in progress."),
    ),
    Column("contact_name", "Contact person", "联系人", required=False, example="李四"),
    Column("contact_phone", "Contact phone", "联系电话", required=False, example="13800000000"),
)
