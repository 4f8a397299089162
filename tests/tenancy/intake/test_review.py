"""The review chain: order, separation of duties, rejection, return and resubmission."""

import pytest

from documents.errors import DomainError
from tenancy.intake import review, services
from tenancy.models import Application, ApplicationEvent

from .factories import approve, in_review, pdf, step_status

pytestmark = pytest.mark.django_db


def test_business_approval_opens_legal_and_finance_together(front_desk, business_manager):
    # given
    application = in_review(front_desk)
    # when
    approve(application, business_manager)
    # then
    assert step_status(application) == {
        "business": "approved",
        "legal": "open",
        "finance": "open",
        "management": "waiting",
    }


@pytest.mark.parametrize("order", ["legal_first", "finance_first"])
def test_management_opens_once_legal_and_finance_approved_in_either_order(
    order, front_desk, business_manager, legal_manager, finance_manager
):
    # given
    application = approve(in_review(front_desk), business_manager)
    first, second = (
        (legal_manager, finance_manager) if order == "legal_first" else (finance_manager, legal_manager)
    )
    # when
    approve(application, first)
    # then
    assert step_status(application)["management"] == "waiting"
    approve(application, second)
    assert step_status(application)["management"] == "open"


def test_legal_cannot_decide_before_business(front_desk, legal_manager):
    # given
    application = in_review(front_desk)
    # when / then
    with pytest.raises(DomainError):
        review.review_approve(application=application, department="legal", by=legal_manager)
    assert step_status(application)["legal"] == "waiting"


def test_a_department_cannot_decide_another_departments_step(front_desk, legal_manager):
    # given
    application = in_review(front_desk)
    # when
    with pytest.raises(DomainError) as error:
        review.review_approve(application=application, department="business", by=legal_manager)
    # then
    assert "Business department" in error.value.message
    assert step_status(application)["business"] == "open"
    assert not application.events.filter(kind=ApplicationEvent.Kind.APPROVED).exists()


def test_whoever_entered_the_application_cannot_review_it(business_manager):
    # given: the business manager took the walk-in application
    application = in_review(business_manager)
    # when
    with pytest.raises(DomainError) as error:
        review.review_approve(application=application, department="business", by=business_manager)
    # then
    assert "someone else" in error.value.message
    assert step_status(application)["business"] == "open"


def test_review_reject_needs_a_reason_and_ends_the_application(front_desk, business_manager):
    # given
    application = in_review(front_desk)
    # when: no reason
    with pytest.raises(DomainError):
        review.review_reject(application=application, department="business", by=business_manager, reason="  ")
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW
    # when: with a reason
    review.review_reject(
        application=application, department="business", by=business_manager, reason="用途不符"
    )
    # then
    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED
    assert application.decision_reason == "用途不符"
    assert set(step_status(application).values()) == {"rejected", "closed"}


def test_a_rejected_application_cannot_be_submitted_again(front_desk, business_manager):
    # given
    application = in_review(front_desk)
    review.review_reject(application=application, department="business", by=business_manager, reason="不符合")
    # when
    with pytest.raises(DomainError) as error:
        services.application_submit(application=application, by=front_desk)
    # then
    assert "already been decided" in error.value.message
    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED


def test_return_and_resubmit_resumes_at_the_returning_step_and_keeps_untouched_approvals(
    front_desk, business_manager, legal_manager, finance_manager
):
    # given: business and finance approved, legal asks for more
    application = approve(in_review(front_desk), business_manager, finance_manager)
    review.review_return(
        application=application, department="legal", by=legal_manager, needed="请补充用途说明"
    )
    application.refresh_from_db()
    assert application.status == Application.Status.RETURNED
    # when: the notes change (not the space, term or documents) and it is resubmitted
    services.application_update(application=application, by=front_desk, notes="用途为软件研发办公")
    services.application_submit(application=application, by=front_desk)
    # then
    assert step_status(application) == {
        "business": "approved",
        "legal": "open",
        "finance": "approved",
        "management": "waiting",
    }


def test_a_change_of_space_voids_earlier_approvals(front_desk, business_manager, legal_manager):
    # given
    application = approve(in_review(front_desk), business_manager)
    review.review_return(application=application, department="legal", by=legal_manager, needed="面积过大")
    # when
    services.application_update(application=application, by=front_desk, area_max=120)
    services.application_submit(application=application, by=front_desk)
    # then: business reviews again, legal waits for it
    assert step_status(application)["business"] == "open"
    assert step_status(application)["legal"] == "waiting"
    assert application.events.filter(
        kind=ApplicationEvent.Kind.APPROVAL_VOIDED, department="business"
    ).exists()


def test_a_new_document_voids_earlier_approvals(front_desk, business_manager, finance_manager):
    # given
    application = approve(in_review(front_desk), business_manager)
    review.review_return(application=application, department="finance", by=finance_manager, needed="财务报表")
    # when
    services.application_document_add(
        application=application, kind="financial_statement", file=pdf("fs.pdf"), by=front_desk
    )
    services.application_submit(application=application, by=front_desk)
    # then
    assert step_status(application)["business"] == "open"
