"""Two managers deciding at the same moment produce one decision (real transactions on PostgreSQL)."""

import threading

import pytest
from django.db import connection

from documents.errors import DomainError
from tenancy.intake import review
from tenancy.models import Application, ApplicationEvent
from tests.factories import UserFactory

from .factories import approve, in_review

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_managers_approving_at_once_make_one_decision(
    front_desk, business_manager, legal_manager, finance_manager, settings, tmp_path
):
    # given: the application awaits management, and two managers open it
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    application = approve(in_review(front_desk), business_manager, legal_manager, finance_manager)
    managers = [UserFactory(username=f"gm{n}", roles=["management"]) for n in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(manager) -> None:
        try:
            barrier.wait()
            review.review_approve(application=application, department="management", by=manager)
            outcomes.append("approved")
        except DomainError:
            outcomes.append("refused")
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=decide, args=(manager,)) for manager in managers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # then
    assert sorted(outcomes) == ["approved", "refused"]
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert (
        application.events.filter(kind=ApplicationEvent.Kind.APPROVED, department="management").count() == 1
    )
    assert application.events.filter(kind=ApplicationEvent.Kind.ADMITTED).count() == 1
