"""``{% document_url document_id as url %}``: where a page links a document, in the staff area or the portal.

In the portal it is the download by token of one of the tenant's own documents meant for it, looked up in
``portal_documents`` (the view puts ``tenancy.portal_documents.portal_documents(...)`` in the context), and
empty for any other id, so the page shows no link; a page with ``portal`` set and no such map links nothing.
On staff pages it is the staff download.
"""

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def document_url(context: template.Context, document_id: int | None) -> str:
    if not document_id:
        return ""
    portal_documents = context.get("portal_documents")
    if portal_documents is not None or context.get("portal"):
        document = (portal_documents or {}).get(document_id)
        return reverse("portal:document-download", args=[document.download_token]) if document else ""
    return reverse("documents:download", args=[document_id])
