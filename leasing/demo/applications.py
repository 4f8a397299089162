"""Demo applications (《空间租赁申请表》) at every point of the review chain, entered by the front desk with
their licence and ID scans and decided by the demo staff of each department through ``tenancy.intake``'s
services: one waiting for business, one for legal, one for finance, one for management, one admitted (its
admission notice sent, the lease not yet drafted) and one rejected by business. Nothing is added once any
demo application exists.
"""

import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from tenancy.document_kinds import BUSINESS_LICENCE, ID_COPY
from tenancy.intake.review import review_approve, review_reject
from tenancy.intake.services import application_create, application_submit
from tenancy.models import Application, ReviewStep

from ..leases.terms import add_months
from .common import SeedReport, mobile, person_name, rng, scan
from .tenants import credit_code
from .words import BRANDS, DISTRICTS, INDUSTRIES

Department = ReviewStep.Department
# How far along each application is: the departments that approved it, then the outcome.
STAGES: tuple[tuple[tuple[str, ...], str], ...] = (
    ((), "open"),
    ((Department.BUSINESS, Department.FINANCE), "open"),  # legal to decide
    ((Department.BUSINESS, Department.LEGAL), "open"),  # finance to decide
    ((Department.BUSINESS, Department.LEGAL, Department.FINANCE), "open"),  # management to decide
    ((Department.BUSINESS, Department.LEGAL, Department.FINANCE, Department.MANAGEMENT), "admitted"),
    ((), "rejected"),
)
REVIEWERS = {
    Department.BUSINESS: "business",
    Department.LEGAL: "legal",
    Department.FINANCE: "finance",
    Department.MANAGEMENT: "manager",
}
REJECTION = "申请用途为仓储物流，与本楼办公定位不符。"


def seed_applications(report: SeedReport) -> None:
    """Six applications, one at each step of the chain."""
    names = [*REVIEWERS.values(), "frontdesk"]
    users = {user.username: user for user in get_user_model().objects.filter(username__in=names)}
    if (
        len(users) < len(REVIEWERS) + 1
        or Application.objects.filter(contact_email__endswith=".demo").exists()
    ):
        return
    draw = rng("applications")
    for index, (approved_by, outcome) in enumerate(STAGES):
        application = application_create(
            channel=Application.Channel.FRONT_DESK,
            by=users["frontdesk"],
            files={
                BUSINESS_LICENCE: scan("营业执照.pdf", str(index).encode()),
                ID_COPY: scan("法定代表人身份证.pdf", b"id" + str(index).encode()),
            },
            **_fields(draw, index),
        )
        application_submit(application=application, by=users["frontdesk"])
        for department in approved_by:
            review_approve(application=application, department=department, by=users[REVIEWERS[department]])
        if outcome == "rejected":
            review_reject(
                application=application,
                department=Department.BUSINESS,
                by=users["business"],
                reason=REJECTION,
            )
        report.count("applications", 1)


def _fields(draw: random.Random, index: int) -> dict[str, Any]:
    brand, industry = BRANDS[(index * 7 + 3) % len(BRANDS)], INDUSTRIES[(index * 3 + 1) % len(INDUSTRIES)]
    district, division = draw.choice(DISTRICTS)
    area = Decimal(draw.randrange(80, 400, 10))
    start = timezone.localdate() + timedelta(days=30 + 15 * index)
    return {
        "applicant_kind": "company",
        "applicant_name": f"上海{brand[0]}{industry[0]}发展有限公司",
        "credit_code": credit_code(draw, division),
        "legal_representative": person_name(draw),
        "contact_name": person_name(draw),
        "contact_mobile": mobile(draw),
        # The ".demo" mailbox marks the demo's applications (mail to applicants goes nowhere).
        "contact_email": f"apply{index + 1}@{brand[1]}-{industry[1]}.demo",
        "building": "A座",
        "area_min": area,
        "area_max": area + 50,
        "use": "办公",
        "start_date": start,
        "end_date": add_months(start, 36) - timedelta(days=1),
        "headcount": draw.randint(8, 60),
        "notes": f"{district}客户，希望高区朝南。",
    }
