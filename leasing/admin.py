from django.contrib import admin

from .models import Amendment, Building, Floor, Lease, LeaseUnit, RenewalCase, Unit


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "office", "address", "created_at"]
    list_filter = ["office"]
    search_fields = ["code", "name", "address"]


@admin.register(Floor)
class FloorAdmin(admin.ModelAdmin):
    list_display = ["building", "number", "label"]
    list_filter = ["building"]
    list_select_related = ["building"]
    search_fields = ["building__name", "building__code", "label"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "building", "floor", "use", "status", "gross_area", "usable_area", "guide_rent"]
    list_filter = ["building", "status", "use"]
    list_select_related = ["building", "floor"]
    list_per_page = 25
    search_fields = ["code", "building__name"]
    raw_id_fields = ["floor"]


class LeaseUnitInline(admin.TabularInline):
    model = LeaseUnit
    extra = 0
    raw_id_fields = ["unit"]


@admin.register(Lease)
class LeaseAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "tenant",
        "building",
        "status",
        "start_date",
        "effective_end",
        "area",
        "rent_rate",
    ]
    list_filter = ["status", "building"]
    list_select_related = ["tenant", "building"]
    list_per_page = 25
    search_fields = ["number", "tenant__name"]
    raw_id_fields = ["tenant", "previous", "application", "created_by"]
    inlines = [LeaseUnitInline]


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    list_display = ["lease", "version", "status", "effective_date"]
    list_select_related = ["lease"]
    raw_id_fields = ["lease", "created_by"]


@admin.register(RenewalCase)
class RenewalCaseAdmin(admin.ModelAdmin):
    list_display = ["lease", "term_end", "due_date", "owner", "intent"]
    list_select_related = ["lease", "owner"]
    raw_id_fields = ["lease", "owner", "next_lease"]
