"""The table of open credit reviews, sorted, paginated and exported by ``documents.lists``."""

import django_tables2 as tables
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import CreditReview


def _due_class(record: CreditReview) -> str:
    late = record.due_date < timezone.localdate()
    return "text-nowrap text-danger fw-semibold" if late else "text-nowrap"


class CreditReviewTable(tables.Table):
    tenant = tables.Column(
        accessor="tenant__name",
        linkify=("tenancy:tenant-credit", {"pk": tables.A("tenant_id")}),
        verbose_name=_("Tenant"),
    )
    grade = tables.TemplateColumn(
        '{{ record.assessment.previous_grade }} → <span class="badge text-bg-danger">'
        "{{ record.assessment.grade }}</span>",
        accessor="assessment__grade",
        verbose_name=_("Grade"),
        attrs={"td": {"class": "text-nowrap"}},
    )
    reason = tables.Column(
        accessor="assessment__reason", verbose_name=_("Reason"), attrs={"td": {"class": "small"}}
    )
    due_date = tables.DateColumn(
        "Y-m-d",
        verbose_name=pgettext_lazy("credit review", "Due"),
        attrs={"td": {"class": _due_class, "data-testid": "review-due"}},
    )
    close = tables.TemplateColumn(
        template_name="tenancy/_credit_review_close.html",
        verbose_name=_("Outcome of the review"),
        orderable=False,
        exclude_from_export=True,
        attrs={"th": {"style": "min-width: 18rem"}},
    )

    class Meta:
        model = CreditReview
        fields = ("tenant", "grade", "reason", "due_date")
        sequence = (*fields, "close")
        attrs = {"class": "table table-sm align-middle mb-0", "data-testid": "credit-reviews"}
        row_attrs = {"data-testid": "credit-review"}
        empty_text = _("No open credit reviews.")

    def value_grade(self, record: CreditReview) -> str:
        return f"{record.assessment.previous_grade} → {record.assessment.grade}"
