"""Forms of follow-ups (回访), tenant visits (走访) and satisfaction surveys; services check every rule."""

from typing import Any

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from leasing.models import Building
from tenancy.models import Tenant

from .forms import RATING_MESSAGE, CapitalLabels, CategoryChoiceField, UserChoiceField, _helper, _staff
from .models import Category, FollowUp, Survey, SurveyQuestion, Ticket
from .permissions import VISITORS

OUTCOME_MESSAGE = _("Write the outcome: what the tenant said, or that nobody answered.")
REACHED_CHOICES = [("yes", _("Yes, the tenant answered")), ("no", _("No answer"))]
RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]


class FollowUpForm(CapitalLabels, forms.Form):
    """A follow-up call or visit: how, whether the tenant was reached, what was said, and the rating."""

    channel = forms.ChoiceField(
        label=pgettext_lazy("follow-up", "by"),
        choices=FollowUp.Channel.choices,
        initial=FollowUp.Channel.PHONE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the follow-up was made: by phone or on a visit.")},
    )
    reached = forms.ChoiceField(
        label=_("tenant reached"),
        choices=REACHED_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the tenant was reached.")},
    )
    outcome = forms.CharField(
        label=_("outcome"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("What the tenant said, or e.g. “no answer, left a message”."),
    )
    rating = forms.TypedChoiceField(
        label=_("rating"),
        coerce=int,
        empty_value=None,
        choices=RATING_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": RATING_MESSAGE},
        help_text=_("When reached: 1 very poor, 5 very good. 3 to 5 closes the ticket; 1 or 2 reopens it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.helper.layout = Layout(
            InlineRadios("channel"), InlineRadios("reached"), "outcome", InlineRadios("rating")
        )

    def clean_outcome(self) -> str:
        outcome = (self.cleaned_data.get("outcome") or "").strip()
        if not outcome:
            raise ValidationError(OUTCOME_MESSAGE)
        return outcome

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["reached"] = data.get("reached") == "yes" if data.get("reached") else None
        if data["reached"] and data.get("rating") is None and "rating" not in self.errors:
            self.add_error("rating", RATING_MESSAGE)
        if data["reached"] is False and data.get("rating") is not None:
            self.add_error("rating", _("A tenant who was not reached gives no rating."))
        return data


class IssueTicketForm(forms.Form):
    """An issue raised on a visit, received as a ticket: its kind and category."""

    kind = forms.ChoiceField(label=_("kind"), choices=Ticket.Kind.choices, initial=Ticket.Kind.REPAIR)
    category = CategoryChoiceField(
        label=_("category"),
        queryset=Category.objects.filter(active=True).order_by("name"),
        error_messages={"required": _("Choose the category.")},
    )


def _quarter_choices() -> list[tuple[str, str]]:
    today = timezone.localdate()
    current = (today.month - 1) // 3 + 1
    choices = []
    year, quarter = today.year, current
    for _step in range(5):
        choices.append((f"{year}-{quarter}", f"{year} Q{quarter}"))
        year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
    return choices


class TenantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Tenant) -> str:
        return obj.name


class VisitPlanForm(CapitalLabels, forms.Form):
    """Plan the quarter's visit to a tenant: when and who goes."""

    tenant = TenantChoiceField(label=_("tenant"), queryset=Tenant.objects.order_by("name"))
    quarter = forms.ChoiceField(label=_("quarter"), choices=_quarter_choices)
    planned_on = forms.DateField(label=_("planned for"), widget=forms.DateInput(attrs={"type": "date"}))
    visitor = UserChoiceField(label=_("visitor"), queryset=_staff(VISITORS), required=False)

    def clean_quarter(self) -> tuple[int, int]:
        year, quarter = self.cleaned_data["quarter"].split("-")
        return int(year), int(quarter)


class VisitRecordForm(CapitalLabels, forms.Form):
    """What happened on a visit, and the issues the tenant raised (one per line)."""

    visited_on = forms.DateField(label=_("visited on"), widget=forms.DateInput(attrs={"type": "date"}))
    met = forms.CharField(label=_("people met"), max_length=200, required=False)
    outcome = forms.CharField(
        label=_("outcome"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("How the tenant is doing, what they think of the building and the service."),
    )
    issues = forms.CharField(
        label=_("issues raised"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line; each can then be turned into a ticket."),
    )

    def clean_outcome(self) -> str:
        outcome = (self.cleaned_data.get("outcome") or "").strip()
        if not outcome:
            raise ValidationError(_("Write the outcome of the visit."))
        return outcome

    def clean_issues(self) -> list[str]:
        return [line.strip() for line in (self.cleaned_data.get("issues") or "").splitlines() if line.strip()]


class BuildingsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Building) -> str:
        return f"{obj.code} {obj.name}"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class SurveyForm(CapitalLabels, forms.Form):
    """A new satisfaction survey with its questions: ratings from 1 to 5 and written ones."""

    title = forms.CharField(label=_("title"), max_length=200)
    period = forms.ChoiceField(label=_("period"), choices=Survey.Period.choices)
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    number = forms.IntegerField(
        label=_("quarter or half"),
        min_value=1,
        max_value=4,
        help_text=_("1 to 4 for a quarter, 1 or 2 for a half."),
    )
    opens_on = forms.DateField(label=_("opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("closes on"), widget=forms.DateInput(attrs={"type": "date"}))
    buildings = BuildingsField(
        label=_("buildings"), queryset=Building.objects.order_by("code"), widget=forms.CheckboxSelectMultiple
    )
    rating_questions = forms.CharField(
        label=_("questions rated 1 to 5"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("One per line, e.g. “Cleanliness of the common areas”."),
    )
    text_questions = forms.CharField(
        label=_("questions answered in writing"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("One per line; answering them is optional for the tenant."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["questions"] = [
            (text, SurveyQuestion.Kind.RATING) for text in _lines(data.get("rating_questions"))
        ]
        data["questions"] += [(text, SurveyQuestion.Kind.TEXT) for text in _lines(data.get("text_questions"))]
        return data


class SurveyAnswerForm(forms.Form):
    """The tenant's answers: a field per question, ratings as 1 to 5."""

    def __init__(self, *args: Any, questions: list[SurveyQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            if question.kind == SurveyQuestion.Kind.RATING:
                self.fields[f"q{question.pk}"] = forms.CharField(
                    label=question.text,
                    required=False,
                    widget=forms.RadioSelect(choices=RATING_CHOICES, attrs={"class": "form-check-input m-0"}),
                )
            else:
                self.fields[f"q{question.pk}"] = forms.CharField(
                    label=question.text,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == SurveyQuestion.Kind.RATING and data.get(name) not in {
                "1",
                "2",
                "3",
                "4",
                "5",
            }:
                self.add_error(name, RATING_MESSAGE)
        return data

    def answers(self) -> dict[int, str]:
        """Each question's raw answer, for the service to check (it names the field it refuses)."""
        return {q.pk: self.cleaned_data.get(f"q{q.pk}", "") for q in self.questions}
