"""Management's pages for the working-day calendar: the years, and one year's days with add, paste, delete."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError

from ..access import role_required
from ..forms import add_domain_error
from ..models import CalendarDay
from . import services
from .forms import CalendarDayForm, CalendarPasteForm

YEARS = range(2000, 2101)


@role_required(*services.CALENDAR_KEEPERS)
def calendar_index(request: HttpRequest) -> HttpResponse:
    """Management: every year the calendar holds, this one and the next (missing ones marked)."""
    today = timezone.localdate()
    return render(
        request, "tenancy/calendar_index.html", {"years": services.calendar_years(today), "today": today}
    )


@role_required(*services.CALENDAR_KEEPERS)
@require_http_methods(["GET", "POST"])
def calendar_year(request: AuthenticatedRequest, year: int) -> HttpResponse:
    """Management: a year's holidays and swapped working days; add one, or paste the year's notice."""
    if year not in YEARS:
        raise Http404
    action = request.POST.get("action")
    add = CalendarDayForm(request.POST if action == "add" else None, initial={"date": f"{year}-01-01"})
    paste = CalendarPasteForm(request.POST if action == "paste" else None)
    form = add if action == "add" else paste if action == "paste" else None
    if form is not None and form.is_valid():
        try:
            if form is add:
                services.calendar_day_add(day=add.cleaned_data["date"], kind=add.cleaned_data["kind"],
                                          name=add.cleaned_data["name"], by=request.user)  # fmt: skip
                messages.success(request, _("Day added."))
            else:
                count = services.calendar_days_paste(
                    year=year, text=paste.cleaned_data["text"], by=request.user
                )
                messages.success(request, _("%(count)s days saved.") % {"count": count})
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("calendar:year", year=year)
    context = {
        "year": year,
        "days": CalendarDay.objects.filter(year=year).order_by("date"),
        "add": add,
        "paste": paste,
    }
    return render(request, "tenancy/calendar_year.html", context, status=400 if form and form.errors else 200)


@role_required(*services.CALENDAR_KEEPERS)
@require_POST
def calendar_day_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Management: remove a listed day."""
    row = get_object_or_404(CalendarDay, pk=pk)
    try:
        services.calendar_day_delete(row=row, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(day)s removed.") % {"day": row.date.isoformat()})
    return redirect("calendar:year", year=row.year)
