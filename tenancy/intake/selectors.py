"""Read side of intake: queues, application pages, timelines, what leasing may turn into leases."""

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import AnyUser
from documents.models import Document
from documents.selectors import documents_about

from ..credit.services import credit_reassessment_due
from ..document_kinds import BUSINESS_LICENCE
from ..models import Application, ApplicationEvent, CreditAssessment, ReviewStep, Tenant
from ..scope import application_scope
from ..workdays import working_days_between
from .linking import identifier_match_q


def review_queue(department: str, *, user: AnyUser | None = None) -> QuerySet[ReviewStep]:
    """Steps awaiting the department's decision, oldest first, with their application and the existing
    tenant its identifier names, if any (one query); only applications the user's buildings see."""
    match = Tenant.objects.filter(identifier_match_q("application__")).order_by("pk")
    steps = application_scope(ReviewStep.objects.all(), user, "application")
    return (
        steps.filter(
            department=department,
            status=ReviewStep.Status.OPEN,
            application__status=Application.Status.IN_REVIEW,
        )
        .select_related("application", "application__tenant")
        .only(
            "id",
            "opened_at",
            "department",
            "application__id",
            "application__number",
            "application__applicant_name",
            "application__channel",
            "application__building",
            "application__unit_codes",
            "application__area_min",
            "application__area_max",
            "application__submitted_at",
            "application__entered_by_id",
            "application__tenant__id",
            "application__tenant__name",
        )
        .annotate(
            match_id=Subquery(match.values("pk")[:1]),
            match_name=Subquery(match.values("name")[:1]),
        )
        .order_by("opened_at", "pk")
    )


def age_in_working_days(opened_at: Any, today: Any = None) -> int:
    """Working days a step has waited (0 on the day it opened)."""
    today = today or timezone.localdate()
    return working_days_between(timezone.localdate(opened_at), today)


def dashboard_counts() -> dict[str, QuerySet]:
    """What the intake cards count: open steps per department, grade drops in 30 days, reassessments due."""
    open_steps = ReviewStep.objects.filter(
        status=ReviewStep.Status.OPEN, application__status=Application.Status.IN_REVIEW
    )
    drops = CreditAssessment.objects.filter(
        assessed_at__gte=timezone.now() - timedelta(days=30),
        previous_grade__gt="",
        grade__gt=F("previous_grade"),
    )
    return {
        "queue": open_steps.values("department").annotate(n=Count("pk")),
        "drops": drops,
        "due": credit_reassessment_due(today=timezone.localdate()).values("pk"),
    }


def dashboard_cards(counts: Mapping[str, Any]) -> list[dict]:
    cards = [
        {
            "label": _("Awaiting review: %(d)s") % {"d": ReviewStep.Department(department).label},
            "value": counts["queue"].get(department, 0),
            "url": reverse("intake:queue", args=[department]),
            "icon": "inbox",
            # Each department opens its own queue.
            "roles": (department,),
        }
        for department in ReviewStep.Department.values
    ]
    cards.append(
        {
            "label": _("Credit grade drops (30 days)"),
            "value": counts["drops"],
            "url": "",
            "icon": "graph-down",
        }
    )
    cards.append(
        {
            "label": _("Due for credit reassessment"),
            "value": counts["due"],
            "url": "",
            "icon": "calendar-check",
        }
    )
    return cards


def application_list() -> QuerySet[Application]:
    return Application.objects.select_related("tenant", "entered_by").order_by("-created_at", "-pk")


def application_page(pk: int, *, user: AnyUser | None = None) -> Application:
    """One application with its steps (and deciders), timeline (and actors) and tenant, if the user's
    buildings see it (``DoesNotExist`` otherwise)."""
    events = ApplicationEvent.objects.select_related("by").order_by("at", "pk")
    return (
        application_scope(Application.objects.all(), user)
        .select_related("tenant", "entered_by")
        .prefetch_related(
            Prefetch("steps", queryset=ReviewStep.objects.select_related("decided_by").order_by("pk")),
            Prefetch("events", queryset=events),
        )
        .get(pk=pk)
    )


def application_documents(application: Application) -> QuerySet[Document]:
    return documents_about(application).select_related("created_by").order_by("kind", "-created_at")


def latest_grade(tenant_id: int | None) -> CreditAssessment | None:
    if tenant_id is None:
        return None
    return CreditAssessment.objects.filter(tenant_id=tenant_id).order_by("-assessed_at", "-pk").first()


def approved_applications_without_lease() -> QuerySet[Application]:
    """For leasing: approved applications whose lease is not signed yet, with their tenant; deadline first.

    The space approved is ``building``, ``area_min``/``area_max`` and ``unit_codes``; the term
    ``start_date`` to ``end_date``. Leasing calls ``tenancy.intake.decision.application_mark_leased``
    when the lease is signed.
    """
    return (
        Application.objects.filter(status=Application.Status.APPROVED, leased_at__isnull=True)
        .select_related("tenant")
        .order_by("signing_deadline", "pk")
    )


def tenant_applications(tenant_id: int) -> QuerySet[Application]:
    """A tenant's applications, newest first, with their timelines (for the dossier and the portal)."""
    events = ApplicationEvent.objects.select_related("by").order_by("at", "pk")
    return (
        Application.objects.filter(tenant_id=tenant_id)
        .prefetch_related(Prefetch("events", queryset=events), "steps")
        .order_by("-created_at", "-pk")
    )


def applications_matching(text: str, queryset: QuerySet[Application]) -> QuerySet[Application]:
    text = text.strip()
    if not text:
        return queryset
    return queryset.filter(
        Q(number__icontains=text) | Q(applicant_name__icontains=text) | Q(credit_code__icontains=text)
    )


def document_expiry(tenant_id: int) -> dict[int, Any]:
    """Document id → the date its business licence expires, as entered on the application it came with."""
    valid_until = dict(
        Application.objects.filter(tenant_id=tenant_id, licence_valid_until__isnull=False).values_list(
            "pk", "licence_valid_until"
        )
    )
    if not valid_until:
        return {}
    licences = Document.objects.filter(
        about_type=ContentType.objects.get_for_model(Application),
        about_id__in=valid_until,
        kind=BUSINESS_LICENCE,
    ).values_list("pk", "about_id")
    return {pk: valid_until[about_id] for pk, about_id in licences}
