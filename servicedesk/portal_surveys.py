"""The tenant's side of satisfaction surveys: the surveys open for its buildings, and answering one, once.

A survey not asked of this tenant (its buildings are others') is a 404, like another tenant's record.
"""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from documents.errors import DomainError
from tenancy.access import PortalRequest, portal_view

from .forms import add_domain_error
from .forms_followup import SurveyAnswerForm
from .models import Survey, SurveyResponse
from .services.surveys import survey_answer, survey_building_for


def _surveys_for(request: HttpRequest) -> list[tuple[Survey, SurveyResponse | None]]:
    """Surveys asked of the tenant that are open today or were answered, with its response: every one of them
    (only those two kinds are read, never the whole history, so none is cut off)."""
    today = timezone.localdate()
    tenant = request.tenant  # type: ignore[attr-defined]
    responses = {r.survey_id: r for r in SurveyResponse.objects.filter(tenant=tenant)}
    candidates = (
        Survey.objects.filter(Q(pk__in=list(responses)) | Q(opens_on__lte=today, closes_on__gte=today))
        .order_by("-opens_on", "-pk")
        .prefetch_related("buildings")
    )
    shown = []
    for survey in candidates:
        answered = responses.get(survey.pk)
        if answered or (survey.is_open(today) and survey_building_for(survey, tenant, today) is not None):
            shown.append((survey, answered))
    return shown


@require_GET
@portal_view
def portal_survey_list(request: HttpRequest) -> HttpResponse:
    """Portal users of the tenant only: the satisfaction surveys open to them, and those they answered."""
    return render(
        request,
        "servicedesk/portal/survey_list.html",
        {"surveys": _surveys_for(request), "today": timezone.localdate()},
    )


@portal_view
def portal_survey_answer(request: PortalRequest, pk: int) -> HttpResponse:
    """Portal users of the tenant only: answer an open survey of their building, once per tenant."""
    survey = get_object_or_404(Survey, pk=pk)
    tenant = request.tenant
    answered = SurveyResponse.objects.filter(survey=survey, tenant=tenant).first()
    if answered is None and survey_building_for(survey, tenant) is None:
        raise Http404
    questions = list(survey.questions.all())
    form = SurveyAnswerForm(request.POST or None, questions=questions)
    is_open = survey.is_open(timezone.localdate())
    if request.method == "POST" and answered is None and form.is_valid():
        try:
            survey_answer(survey=survey, by=request.user, answers=form.answers())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you for answering the survey."))
            return redirect("portal:survey-answer", pk=pk)
    context = {"survey": survey, "form": form, "answered": answered, "is_open": is_open}
    return render(request, "servicedesk/portal/survey_answer.html", context)
