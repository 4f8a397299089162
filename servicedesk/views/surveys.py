"""Satisfaction surveys (客户满意度调查) for staff: the list, opening one (management), and the results."""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.lists import EXPORT_FORMATS, table_export
from tenancy.access import role_required
from tenancy.scope import scope, scoped_or_404

from ..forms import add_domain_error
from ..forms_followup import SurveyForm
from ..models import Survey
from ..permissions import SURVEY_OPENERS, SURVEY_READERS, is_survey_opener
from ..services.surveys import survey_open, survey_tenants
from ..survey_export import SurveyResultTable, survey_result_rows
from ..survey_results import survey_results


@require_GET
@role_required(*SURVEY_READERS)
def survey_list(request: HttpRequest) -> HttpResponse:
    """Front desk, business and management: every survey, newest first, with its answers so far."""
    mine = scope(Survey.objects.all(), request.user, "buildings")
    surveys = mine.annotate(answered=Count("responses")).order_by("-opens_on", "-pk")
    context = {"surveys": surveys, "today": timezone.localdate(), "can_open": is_survey_opener(request.user)}
    return render(request, "servicedesk/survey_list.html", context)


@role_required(*SURVEY_OPENERS)
def survey_create(request: AuthenticatedRequest) -> HttpResponse:
    """Management: open a survey with its questions; its buildings' tenants are invited in the portal."""
    today = timezone.localdate()
    initial = {"year": today.year, "opens_on": today, "period": Survey.Period.HALF_YEAR}
    form = SurveyForm(request.POST or None, initial=initial)
    field = form.fields["buildings"]
    field.queryset = scope(field.queryset, request.user, "")  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = survey_open(
                by=request.user,
                title=data["title"],
                period=data["period"],
                year=data["year"],
                number=data["number"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                buildings=data["buildings"],
                questions=data["questions"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            invited = survey_tenants(survey).count()
            messages.success(
                request, _("Survey opened; %(n)d tenants are invited in the portal.") % {"n": invited}
            )
            return redirect("servicedesk:survey-detail", pk=survey.pk)
    return render(request, "servicedesk/survey_form.html", {"form": form})


@require_GET
@role_required(*SURVEY_READERS)
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk, business and management: results per building and question, against the previous survey;
    downloaded as CSV or XLSX with ``?export=``."""
    survey = scoped_or_404(Survey.objects.all(), request.user, "buildings", pk=pk)
    results = survey_results(survey, request.user)
    fmt = request.GET.get("export")
    if fmt in EXPORT_FORMATS:
        table = SurveyResultTable(survey_result_rows(results))
        return table_export(table, fmt=fmt, filename=f"survey-{survey.pk}-results")
    context = {
        "survey": survey,
        "results": results,
        "invited": survey_tenants(survey).count(),
        "today": timezone.localdate(),
    }
    return render(request, "servicedesk/survey_detail.html", context)
