"""Management's integration pages: the API keys (create, shown once; revoke) with their last use."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.models import ApiKey, Scope
from leasing.models import Building

from ..access import role_required
from ..forms import add_domain_error
from ..scope import building_ids
from . import services

MANAGEMENT = ("management",)


def _mine(request: HttpRequest, key: ApiKey) -> bool:
    """A key the user's office may see: head office sees every key, an office those of its buildings only."""
    allowed = building_ids(request.user)
    return allowed is None or bool(key.building_ids) and set(key.building_ids) <= allowed


@role_required(*MANAGEMENT)
def api_key_list(request: HttpRequest) -> HttpResponse:
    """Management: every key, with its scopes, buildings, expiry, last use; revoked ones greyed."""
    keys = [key for key in ApiKey.objects.select_related("created_by", "revoked_by") if _mine(request, key)]
    names = dict(Building.objects.values_list("pk", "code"))
    labels = dict(Scope.choices)
    for key in keys:
        key.building_codes = [names.get(pk, "?") for pk in key.building_ids]  # type: ignore[attr-defined]
        key.scope_labels = [labels.get(scope, scope) for scope in key.scopes]  # type: ignore[attr-defined]
    return render(request, "tenancy/integrations/api_key_list.html", {"keys": keys})


@never_cache
@role_required(*MANAGEMENT)
def api_key_create(request: AuthenticatedRequest) -> HttpResponse:
    """Management: a new key, shown once on the answer page (never stored in clear)."""
    from .forms import ApiKeyForm

    form = ApiKeyForm(request.POST or None)
    allowed = building_ids(request.user)
    if allowed is not None:  # an office gives its keys only its own buildings
        field: Any = form.fields["buildings"]
        field.choices = [choice for choice in field.choices if int(choice[0]) in allowed]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            key, raw = services.api_key_create(
                name=data["name"],
                scopes=data["scopes"],
                building_ids=[int(pk) for pk in data["buildings"]],
                expires_on=data["expires_on"],
                by=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return render(request, "tenancy/integrations/api_key_created.html", {"key": key, "raw": raw})
    return render(request, "tenancy/integrations/api_key_form.html", {"form": form})


@require_POST
@role_required(*MANAGEMENT)
def api_key_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Management: revoke a key; calls with it are refused from now on."""
    key = get_object_or_404(ApiKey, pk=pk)
    if not _mine(request, key):
        raise Http404
    try:
        services.api_key_revoke(key=key, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Key “%(name)s” revoked.") % {"name": key.name})
    return redirect("integrations:api-key-list")
