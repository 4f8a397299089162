"""Resolution targets per building: management sees each category's company-wide target and the targets its
buildings set for themselves, sets one for a building of its office, or removes it."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from leasing.models import Building
from tenancy.access import role_required
from tenancy.scope import scope

from ..forms import add_domain_error
from ..forms_targets import TargetForm
from ..models import Category, CategoryTarget
from ..services.targets import TARGET_SETTERS, category_target_remove, category_target_set


def _page(request: HttpRequest, form: TargetForm, status: int = 200) -> HttpResponse:
    buildings = scope(Building.objects.all(), request.user, "")
    targets = scope(
        CategoryTarget.objects.select_related("category", "building"), request.user, "building"
    ).order_by("category__name", "building__name")
    context = {
        "categories": Category.objects.filter(active=True).order_by("name"),
        "targets": targets,
        "form": form,
        "has_buildings": buildings.exists(),
    }
    return render(request, "servicedesk/target_list.html", context, status=status)


@role_required(*TARGET_SETTERS)
def target_list(request: AuthenticatedRequest) -> HttpResponse:
    """Management: every category's target, its own buildings' targets, and the form to set one."""
    form = TargetForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            category_target_set(
                category=data["category"],
                building=data["building"],
                resolution_target=data["resolution_target"],
                resolution_unit=data["resolution_unit"],
                by=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("Resolution target saved: it applies to tickets received from now on.")
            )
            return redirect("servicedesk:targets")
    return _page(request, form, status=400 if request.method == "POST" else 200)


@require_POST
@role_required(*TARGET_SETTERS)
def target_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Management: a building of its office follows the category's company-wide target again."""
    target = get_object_or_404(scope(CategoryTarget.objects.all(), request.user, "building"), pk=pk)
    category_target_remove(category=target.category, building=target.building, by=request.user)
    messages.success(request, _("The building follows the category's target again."))
    return redirect("servicedesk:targets")
