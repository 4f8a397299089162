"""Intake's bench (``AREA_BENCHES`` in ``bench/run.py``): management's review queue with 5,000 applications
awaiting it, against the Django admin's changelist of applications.

``run(emit)`` bulk-inserts the applications (business, legal and finance approved; management's step open,
opened over the last 60 days) into the bench database after ``seed_demo``, then emits:

    {"metric": "pages.review_queue.ms", "value": ..., "unit": "ms", "baseline": <admin ms>, "ratio": ...}
    {"metric": "pages.review_queue.queries", "value": ..., "unit": "queries", "baseline": <admin>,
     "ratio": ..., "limit": 12}
"""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

APPLICATIONS = 5_000
BATCH = 1_000
QUERY_LIMIT = 12

Emit = Callable[[dict[str, Any]], None]


def run(emit: Emit) -> None:
    from bench.pages import Page, measure_page

    _seed()
    page = Page(
        "review_queue", "intake:queue-mine", "admin:tenancy_application_changelist", "tenancy.Application"
    )
    result = measure_page(page, warmups=3, runs=15)
    emit(_line("pages.review_queue.ms", "ms", round(result.ms, 1), round(result.baseline_ms, 1), result.note))
    queries = _line(
        "pages.review_queue.queries", "queries", result.queries, result.baseline_queries, result.note
    )
    emit({**queries, "limit": QUERY_LIMIT})


def _line(metric: str, unit: str, value: float, baseline: float, note: str) -> dict[str, Any]:
    line: dict[str, Any] = {
        "metric": metric,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "ratio": round(value / baseline, 2) if baseline else None,
    }
    if note:
        line["note"] = note
    return line


def _seed() -> None:
    """5,000 applications in review, each awaiting management (one bulk insert per batch and table)."""
    from django.db import transaction
    from django.utils import timezone

    from tenancy.models import Application, ReviewStep

    now = timezone.now()
    with transaction.atomic():
        for start in range(0, APPLICATIONS, BATCH):
            applications = Application.objects.bulk_create(
                _application(n, now - timedelta(days=60 * n / APPLICATIONS))
                for n in range(start, start + BATCH)
            )
            ReviewStep.objects.bulk_create(
                step for application in applications for step in _steps(application, ReviewStep)
            )


def _application(n: int, submitted: Any) -> Any:
    from tenancy.models import Application

    return Application(
        number=f"SQ-BENCH-{n:06d}",
        channel=Application.Channel.PUBLIC,
        status=Application.Status.IN_REVIEW,
        applicant_name=f"基准测试申请公司{n}",
        contact_name="测试联系人",
        contact_mobile="13900000000",
        building="A座",
        area_min=Decimal("100.00"),
        area_max=Decimal("200.00"),
        unit_codes=f"A-{1000 + n % 900}",
        use="办公",
        start_date=date(2027, 1, 1),
        end_date=date(2029, 12, 31),
        headcount=10 + n % 50,
        submitted_at=submitted,
    )


def _steps(application: Any, step_model: Any) -> list[Any]:
    approved = step_model.Status.APPROVED
    decided = application.submitted_at + timedelta(hours=1)
    return [
        *(
            step_model(application=application, department=department, status=approved, decided_at=decided)
            for department in ("business", "legal", "finance")
        ),
        step_model(
            application=application, department="management", status=step_model.Status.OPEN, opened_at=decided
        ),
    ]
