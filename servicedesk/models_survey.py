"""Satisfaction surveys (客户满意度调查): a survey per quarter or half-year, answered once per tenant."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Survey(models.Model):
    """A satisfaction survey of the tenants of some buildings, for a quarter or a half-year; tenants answer it
    in the portal between its opening and closing dates."""

    class Period(models.TextChoices):
        QUARTER = "quarter", _("Quarter")
        HALF_YEAR = "half_year", _("Half-year")

    title = models.CharField(_("title"), max_length=200)
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("quarter or half"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    buildings = models.ManyToManyField("leasing.Building", related_name="+", verbose_name=_("buildings"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["period", "year", "number"], name="survey_once_per_period"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="survey_closes_after"
            ),
            models.CheckConstraint(
                condition=Q(period="quarter", number__gte=1, number__lte=4)
                | Q(period="half_year", number__gte=1, number__lte=2),
                name="survey_number_in_period",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period_label(self) -> str:
        if self.period == self.Period.QUARTER:
            return f"{self.year} Q{self.number}"
        return f"{self.year} H{self.number}"

    def is_open(self, today: object) -> bool:
        return self.opens_on <= today <= self.closes_on  # type: ignore[operator]


class SurveyQuestion(models.Model):
    """One question of a survey: a rating from 1 to 5, or a written answer."""

    class Kind(models.TextChoices):
        RATING = "rating", _("Rating 1–5")
        TEXT = "text", _("Written answer")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    position = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="survey_question_position_unique"),
            models.CheckConstraint(condition=Q(text__regex=r"\S"), name="survey_question_not_blank"),
        ]

    def __str__(self) -> str:
        return self.text


class SurveyResponse(models.Model):
    """A tenant's answers to a survey: one per tenant, counted under the building the tenant occupies."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey")
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="survey_responses", verbose_name=_("tenant")
    )
    building = models.ForeignKey(
        "leasing.Building", on_delete=models.PROTECT, related_name="+", verbose_name=_("building")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("answered by")
    )
    submitted_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "tenant"], name="survey_response_once_per_tenant")
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.tenant}"


class SurveyAnswer(models.Model):
    """The answer to one question: a rating from 1 to 5 or a text."""

    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers", verbose_name=_("survey response")
    )
    question = models.ForeignKey(
        SurveyQuestion, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    text = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once_per_question"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="survey_answer_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.rating or self.text[:30]}"
