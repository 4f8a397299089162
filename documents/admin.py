from django.contrib import admin

from .models import Document, Notice, Signature

FILE_FIELDS = [
    "number",
    "file_path",
    "original_filename",
    "content_type",
    "size",
    "sha256",
    "verify_token",
    "download_token",
    "created_by",
    "created_at",
]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "title", "tenant", "confidential", "visible_to_tenant", "created_at"]
    list_filter = ["kind", "confidential", "visible_to_tenant"]
    search_fields = ["number", "title", "tenant__name"]
    raw_id_fields = ["tenant"]
    readonly_fields = FILE_FIELDS
    list_select_related = ["tenant"]

    def has_add_permission(self, request: object) -> bool:
        # Documents come in through document_upload / document_render, which store and fingerprint the file.
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["subject", "tenant", "created_at", "emailed_at", "read_at"]
    search_fields = ["subject", "tenant__name"]
    raw_id_fields = ["tenant", "attachment"]
    readonly_fields = ["created_by", "created_at", "emailed_at", "read_at"]
    list_select_related = ["tenant"]

    def has_add_permission(self, request: object) -> bool:
        # Notices are sent through notice_send, which also e-mails them.
        return False


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    """Signatures are evidence: shown, never added, changed or deleted here (their history is kept too)."""

    list_display = ["signer_name", "signer_role", "method", "signed_at", "document"]
    list_filter = ["signer_role", "method"]
    list_select_related = ["document"]

    def has_add_permission(self, request: object) -> bool:
        # Signatures are recorded by signature_record, with the hash of what was signed.
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
