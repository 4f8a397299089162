"""Admin: the configurable dunning stages; the utility tariffs (set by approved proposals), the ledger, bills,
printed statements and dismissed bank rows read-only."""

from typing import Any

from django.contrib import admin

from .models import BankRowDismissal, Bill, DunningStage, JournalEntry, Statement, Tariff


@admin.register(DunningStage)
class DunningStageAdmin(admin.ModelAdmin):
    list_display = ("building", "schedule", "kind", "days_overdue", "suspends_service")
    list_filter = ("schedule", "building")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Posted records change only through billing's services (and triggers refuse the rest)."""

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Tariff)
class TariffAdmin(ReadOnlyAdmin):
    """Tariffs change only by an approved proposal (Billing → Tariffs and fees), never edited once set."""

    list_display = ("meter_kind", "unit_price", "effective_from", "proposal")
    list_filter = ("meter_kind",)


@admin.register(Bill)
class BillAdmin(ReadOnlyAdmin):
    list_display = ("number", "tenant", "period_start", "due_date", "total", "settled_on")
    search_fields = ("number", "tenant__name")
    list_select_related = ("tenant",)


@admin.register(JournalEntry)
class JournalEntryAdmin(ReadOnlyAdmin):
    list_display = ("date", "memo", "source", "tenant")
    search_fields = ("memo", "source")
    list_select_related = ("tenant",)


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ("number", "tenant", "start", "end", "created_at")
    search_fields = ("number", "tenant__name")
    list_select_related = ("tenant",)


@admin.register(BankRowDismissal)
class BankRowDismissalAdmin(ReadOnlyAdmin):
    list_display = ("on", "amount", "reference", "payer", "serial", "dismissed_by", "dismissed_at")
    search_fields = ("reference", "payer", "serial")
    list_select_related = ("dismissed_by",)
