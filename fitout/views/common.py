"""What the staff pages share: loading an application, the detail page with whichever forms the user's roles
may use (a refused form comes back bound, with its error at the field), and running a service from a form."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from documents.errors import DomainError
from tenancy.access import can_see_confidential, user_roles
from tenancy.forms import add_domain_error
from tenancy.scope import scoped_or_404

from .. import selectors
from ..forms import (
    CompletionForm,
    DepositForm,
    DrawingsForm,
    ExtensionDecisionForm,
    FileForm,
    InspectionForm,
    NoticeForm,
    PowerForm,
    ReviewForm,
    WorkerForm,
)
from ..models import Application
from ..permissions import APPLICANTS, CASHIERS, ENGINEERS, GUARDS, INSPECTORS


def get_application(request: HttpRequest, pk: int) -> Application:
    """The fit-out, 404 when it does not exist or is of a building outside the user's offices."""
    return scoped_or_404(selectors.application_detail(), request.user, "lease__building", pk=pk)


def _current_drawings(application: Application) -> list[Any]:
    return [d for d in application.drawings.all() if d.review_round == application.review_round]


def prefix_of(form_name: str) -> str:
    """Each form of the detail page has its own prefix, so field names and ids never collide."""
    return form_name.removesuffix("_form")


def blank_forms(application: Application) -> dict[str, forms.Form]:
    classes: dict[str, type[forms.Form]] = {
        "deposit_form": DepositForm,
        "power_form": PowerForm,
        "worker_form": WorkerForm,
        "inspection_form": InspectionForm,
        "notice_form": NoticeForm,
        "completion_form": CompletionForm,
        "drawings_form": DrawingsForm,
        "extension_decision_form": ExtensionDecisionForm,
        "file_form": FileForm,
    }
    made = {name: form_class(prefix=prefix_of(name)) for name, form_class in classes.items()}
    made["review_form"] = ReviewForm(drawings=_current_drawings(application), prefix="review")
    return made


def detail_page(request: HttpRequest, application: Application, **bound: forms.Form) -> HttpResponse:
    roles = user_roles(request.user)
    context: dict[str, Any] = {
        "application": application,
        "deposit": selectors.deposit_state(application),
        "charges": selectors.charges_state(application),
        "workers": selectors.workers_with_status(application, reveal=can_see_confidential(request.user)),
        "may_apply": bool(roles & set(APPLICANTS)),
        "may_engineer": bool(roles & set(ENGINEERS)),
        "may_cash": bool(roles & set(CASHIERS)),
        "may_guard": bool(roles & set(GUARDS)),
        "may_inspect": bool(roles & set(INSPECTORS)),
        **blank_forms(application),
        **bound,
    }
    return render(request, "fitout/application_detail.html", context)


def act(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form],
    form_name: str,
    run: Callable[[Application, dict[str, Any]], Any],
    done: str | Callable[[Any], str],
    **form_kwargs: Any,
) -> HttpResponse:
    """Bind the form and run the service: on success a message and back to the page, else the form again."""
    application = get_application(request, pk)
    if callable(form_kwargs.get("drawings")):
        form_kwargs["drawings"] = form_kwargs["drawings"](application)
    form = form_class(request.POST, request.FILES, prefix=prefix_of(form_name), **form_kwargs)
    if form.is_valid():
        try:
            result = run(application, form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, done(result) if callable(done) else done)
            return redirect("fitout:application-detail", pk=pk)
    return detail_page(request, get_application(request, pk), **{form_name: form})


current_drawings = _current_drawings
