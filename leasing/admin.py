from django.contrib import admin

from .models import Building, Floor, Unit


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "address", "created_at"]
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
