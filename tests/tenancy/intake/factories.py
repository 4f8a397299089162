"""Intake factories: complete applications made through the services, and bulk rows for lists and queues."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tenancy.document_kinds import BUSINESS_LICENCE, ID_COPY
from tenancy.intake import review, services
from tenancy.models import Application, CreditAssessment, ReviewStep
from tests.factories import make_credit_code

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "scan.pdf", body: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def application_fields(n: int = 1, **overrides: Any) -> dict[str, Any]:
    """Everything a company's application needs, as the form would give it."""
    fields: dict[str, Any] = {
        "applicant_kind": "company",
        "applicant_name": f"上海申请科技有限公司{n}",
        "credit_code": make_credit_code(800_000 + n),
        "legal_representative": "赵六",
        "contact_name": "钱七",
        "contact_mobile": "13912345678",
        "contact_email": f"applicant{n}@example.com",
        "building": "A座",
        "area_min": Decimal("100.00"),
        "area_max": Decimal("150.00"),
        "unit_codes": "A-1201, A-1202",
        "use": "办公",
        "start_date": date(2027, 1, 1),
        "end_date": date(2029, 12, 31),
        "headcount": 20,
    }
    fields.update(overrides)
    return fields


def complete_files() -> dict[str, SimpleUploadedFile]:
    return {
        BUSINESS_LICENCE: pdf("licence.pdf"),
        ID_COPY: pdf("id.pdf", PDF_BYTES + b"id"),
    }


def draft(by: Any, n: int = 1, *, files: bool = True, **overrides: Any) -> Application:
    return services.application_create(
        channel=Application.Channel.FRONT_DESK,
        by=by,
        files=complete_files() if files else None,
        **application_fields(n, **overrides),
    )


def in_review(by: Any, n: int = 1, **overrides: Any) -> Application:
    return services.application_submit(application=draft(by, n, **overrides), by=by)


def approve(application: Application, *people: Any) -> Application:
    """Each person approves the step of their (only) department, in the order given."""
    for person in people:
        department = person.groups.get().name
        review.review_approve(application=application, department=department, by=person)
    return Application.objects.get(pk=application.pk)


def step_status(application: Application) -> dict[str, str]:
    return dict(application.steps.values_list("department", "status"))


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A bare application row (no steps, no documents): for lists and bulk data."""

    class Meta:
        model = Application

    number = factory.Sequence(lambda n: f"SQ-2026-{900000 + n:06d}")
    channel = Application.Channel.FRONT_DESK
    applicant_name = factory.Sequence(lambda n: f"批量申请公司{n}")
    credit_code = factory.Sequence(lambda n: make_credit_code(700_000 + n))


def open_step(application: Application, department: str, days_ago: int = 0) -> ReviewStep:
    application.status = Application.Status.IN_REVIEW
    application.save(update_fields=["status"])
    return ReviewStep.objects.create(
        application=application,
        department=department,
        status=ReviewStep.Status.OPEN,
        opened_at=timezone.now() - timedelta(days=days_ago),
    )


def assessment(tenant: Any, grade: str, by: Any, previous: str = "") -> CreditAssessment:
    return CreditAssessment.objects.create(
        tenant=tenant,
        operations_score=80,
        finance_score=80,
        payment_score=80,
        grade=grade,
        previous_grade=previous,
        reason="年度评估",
        assessed_by=by,
    )
