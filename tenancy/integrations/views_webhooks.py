"""Management's webhook pages: the endpoints with their signing secret and state, a delivery log each."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.models import WebhookEndpoint, WebhookEvent

from ..access import role_required
from ..forms import add_domain_error
from . import webhooks
from .forms import WebhookForm

MANAGEMENT = ("management",)


@role_required(*MANAGEMENT)
def webhook_list(request: AuthenticatedRequest) -> HttpResponse:
    """Management: the endpoints (removed ones left out), their events and state; a form to add one."""
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = webhooks.webhook_endpoint_create(by=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Endpoint “%(name)s” registered.") % {"name": endpoint.name})
            return redirect("integrations:webhook-detail", pk=endpoint.pk)
    endpoints = list(WebhookEndpoint.objects.filter(removed_at__isnull=True))
    labels = dict(WebhookEvent.choices)
    for endpoint in endpoints:
        endpoint.event_labels = [labels.get(e, e) for e in endpoint.events]  # type: ignore[attr-defined]
    return render(request, "tenancy/integrations/webhook_list.html", {"endpoints": endpoints, "form": form})


@role_required(*MANAGEMENT)
def webhook_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Management: an endpoint's secret (to verify signatures) and its deliveries with the responses."""
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk, removed_at__isnull=True)
    page = Paginator(endpoint.deliveries.order_by("-created_at", "-pk"), 50).get_page(request.GET.get("page"))
    return render(request, "tenancy/integrations/webhook_detail.html", {"endpoint": endpoint, "page": page})


@require_POST
@role_required(*MANAGEMENT)
def webhook_resume(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Management: resume a paused endpoint."""
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk, removed_at__isnull=True)
    try:
        webhooks.webhook_endpoint_resume(endpoint=endpoint, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("integrations:webhook-detail", pk=pk)


@require_POST
@role_required(*MANAGEMENT)
def webhook_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Management: stop sending to an endpoint."""
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk, removed_at__isnull=True)
    webhooks.webhook_endpoint_remove(endpoint=endpoint, by=request.user)
    messages.success(request, _("Endpoint “%(name)s” removed.") % {"name": endpoint.name})
    return redirect("integrations:webhook-list")
