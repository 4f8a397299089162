from django.contrib import admin

from .models import Contact, Tenant, TenantMembership


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "credit_code", "status", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "credit_code"]
    inlines = [ContactInline]


@admin.register(TenantMembership)
class TenantMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "tenant", "created_at"]
    raw_id_fields = ["user", "tenant"]
