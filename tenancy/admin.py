from django.contrib import admin

from .models import (
    Application,
    Contact,
    CreditAssessment,
    ManagementOffice,
    ReviewStep,
    StaffOffice,
    Tenant,
    TenantMembership,
)


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


class ReviewStepInline(admin.TabularInline):
    model = ReviewStep
    extra = 0
    raw_id_fields = ["decided_by"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["number", "applicant_name", "channel", "status", "building", "submitted_at", "created_at"]
    list_filter = ["status", "channel"]
    search_fields = ["number", "applicant_name", "credit_code"]
    raw_id_fields = ["tenant", "entered_by"]
    inlines = [ReviewStepInline]


@admin.register(CreditAssessment)
class CreditAssessmentAdmin(admin.ModelAdmin):
    list_display = ["tenant", "grade", "previous_grade", "assessed_at", "assessed_by"]
    list_filter = ["grade"]
    raw_id_fields = ["tenant", "assessed_by"]


class StaffOfficeInline(admin.TabularInline):
    model = StaffOffice
    extra = 0
    raw_id_fields = ["user"]


@admin.register(ManagementOffice)
class ManagementOfficeAdmin(admin.ModelAdmin):
    """Offices and their members; a building's office is set on the building."""

    list_display = ["code", "name", "issuing_name", "is_head_office"]
    search_fields = ["code", "name"]
    inlines = [StaffOfficeInline]
