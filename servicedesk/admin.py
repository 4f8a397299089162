from django.contrib import admin

from .models import Category, DepartmentManager, SlaEscalation, Ticket, TicketEvent


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "department", "resolution_target", "resolution_unit", "active"]
    list_filter = ["department", "active"]
    search_fields = ["name", "name_en"]


@admin.register(DepartmentManager)
class DepartmentManagerAdmin(admin.ModelAdmin):
    list_display = ["department", "manager"]
    list_select_related = ["manager"]
    raw_id_fields = ["manager"]


class TicketEventInline(admin.TabularInline):
    model = TicketEvent
    extra = 0
    fields = ["created_at", "kind", "public", "by", "text"]
    readonly_fields = fields
    can_delete = False


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """The changelist is also the bench baseline for the ticket list (same 25 rows per page)."""

    list_display = [
        "id",
        "kind",
        "status",
        "urgency",
        "tenant",
        "building",
        "unit",
        "category",
        "owner",
        "department",
        "assignee",
        "created_at",
        "resolution_due_at",
    ]
    list_filter = ["status", "kind", "urgency", "department"]
    list_select_related = ["tenant", "building", "unit", "category", "owner", "assignee"]
    list_per_page = 25
    search_fields = ["description", "tenant__name"]
    raw_id_fields = ["tenant", "building", "unit", "received_by", "owner", "pending_owner", "assignee"]
    date_hierarchy = None
    inlines = [TicketEventInline]


@admin.register(SlaEscalation)
class SlaEscalationAdmin(admin.ModelAdmin):
    list_display = ["ticket", "clock", "due_at", "escalated_at", "manager"]
    list_filter = ["clock"]
    list_select_related = ["ticket", "manager"]
    raw_id_fields = ["ticket", "manager"]
