"""Staff pages of building notices: the list, publishing one, and who has seen it (read receipts)."""

from django.contrib import messages
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from documents.actors import AnyUser, AuthenticatedRequest
from documents.errors import DomainError
from documents.models import NoticeRead
from tenancy.access import role_required
from tenancy.scope import building_ids

from ..models import BuildingNotice
from .forms import BuildingNoticeForm
from .services import NOTICE_PUBLISHERS, building_notice_publish

LIST_SIZE = 100


def notices_in_scope(notices: QuerySet[BuildingNotice], user: AnyUser) -> QuerySet[BuildingNotice]:
    """Notices to one of the user's buildings (or a floor of one), and those to every building."""
    ids = building_ids(user)
    if ids is None:
        return notices
    return notices.filter(
        Q(building__in=ids)
        | Q(building__isnull=True, floor__building__in=ids)
        | Q(building__isnull=True, floor__isnull=True)
    )


@role_required(*NOTICE_PUBLISHERS)
def building_notice_list(request: HttpRequest) -> HttpResponse:
    """Front desk and management: the notices published, newest first, with how many tenants read them."""
    notices = (
        notices_in_scope(BuildingNotice.objects.all(), request.user)
        .select_related("building", "floor", "created_by")
        .annotate(
            reached=Count("letters", distinct=True),
            seen=Count("letters", filter=Q(letters__read_at__isnull=False), distinct=True),
        )
        .order_by("-created_at", "-pk")[:LIST_SIZE]
    )
    return render(request, "leasing/notices/list.html", {"notices": notices})


@role_required(*NOTICE_PUBLISHERS)
def building_notice_create(request: AuthenticatedRequest) -> HttpResponse:
    """Front desk and management: publish a notice to a building, a floor or every building."""
    form = BuildingNoticeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            notice = building_notice_publish(by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Notice published to %(n)d tenants.") % {"n": notice.letters.count()})
            return redirect("leasing:building-notice-detail", pk=notice.pk)
    return render(request, "leasing/notices/form.html", {"form": form})


@role_required(*NOTICE_PUBLISHERS)
def building_notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk and management: the notice and, per tenant reached, who of its people has seen it."""
    notices = notices_in_scope(BuildingNotice.objects.all(), request.user)
    notice = get_object_or_404(notices.select_related("building", "floor", "created_by"), pk=pk)
    letters = (
        notice.letters.select_related("tenant")
        .prefetch_related(Prefetch("reads", queryset=NoticeRead.objects.select_related("user")))
        .order_by("tenant__name", "pk")
    )
    return render(request, "leasing/notices/detail.html", {"notice": notice, "letters": letters})
