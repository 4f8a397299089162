"""Applications before review: drafts, documents, completeness, submission, bad input."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied

from documents.errors import DomainError
from documents.selectors import documents_about
from tenancy.intake import services
from tenancy.models import Application, ApplicationEvent, ReviewStep

from .factories import application_fields, draft, in_review, pdf, step_status

pytestmark = pytest.mark.django_db


def test_application_create_saves_an_incomplete_draft_with_four_waiting_steps(front_desk):
    # when
    application = services.application_create(
        channel=Application.Channel.FRONT_DESK,
        by=front_desk,
        applicant_name="某某公司",
        applicant_kind="company",
    )
    # then
    assert application.status == Application.Status.DRAFT
    assert application.number.startswith("SQ-")
    assert set(step_status(application).values()) == {ReviewStep.Status.WAITING}
    assert application.events.get().kind == ApplicationEvent.Kind.CREATED


def test_application_create_twice_with_the_same_form_key_makes_one_application(front_desk):
    # given
    key = uuid.uuid4()
    # when
    first = services.application_create(
        channel="front_desk", by=front_desk, idempotency_key=key, **application_fields()
    )
    second = services.application_create(
        channel="front_desk", by=front_desk, idempotency_key=key, **application_fields()
    )
    # then
    assert first.pk == second.pk
    assert Application.objects.count() == 1


def test_application_create_refuses_a_role_that_does_not_take_applications(engineer):
    with pytest.raises(PermissionDenied):
        draft(engineer)
    assert Application.objects.count() == 0


def test_application_missing_lists_exactly_what_is_missing(front_desk):
    # given: no head-count, no end date, no documents
    application = draft(front_desk, files=False, headcount=None, end_date=None)
    # when
    missing = services.application_missing(application)
    # then
    assert missing == [
        "the desired end date",
        "the expected head-count",
        "a scan of the business licence",
        "a copy of the legal representative's ID",
    ]


def test_application_submit_refuses_an_incomplete_draft_and_names_what_is_missing(front_desk):
    # given
    application = draft(front_desk, files=False)
    # when
    with pytest.raises(DomainError) as error:
        services.application_submit(application=application, by=front_desk)
    # then
    assert "a scan of the business licence" in error.value.message
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_application_submit_opens_the_business_step_only(front_desk):
    # when
    application = in_review(front_desk)
    # then
    assert application.status == Application.Status.IN_REVIEW
    assert step_status(application) == {
        "business": "open",
        "legal": "waiting",
        "finance": "waiting",
        "management": "waiting",
    }


def test_application_submit_twice_is_one_submission(front_desk):
    # given
    application = in_review(front_desk)
    # when
    services.application_submit(application=application, by=front_desk)
    # then
    assert application.events.filter(kind=ApplicationEvent.Kind.SUBMITTED).count() == 1


def test_application_create_refuses_a_wrong_credit_code(front_desk):
    # given: a code with a wrong check digit
    fields = application_fields()
    code = fields["credit_code"]
    fields["credit_code"] = code[:-1] + ("0" if code[-1] != "0" else "1")
    # when
    with pytest.raises(DomainError) as error:
        services.application_create(channel="front_desk", by=front_desk, **fields)
    # then
    assert error.value.field == "credit_code"
    assert "check digit" in error.value.message
    assert Application.objects.count() == 0


def test_application_create_refuses_an_end_before_the_start_and_a_zero_headcount(front_desk):
    fields = application_fields(end_date=application_fields()["start_date"])
    with pytest.raises(DomainError) as error:
        services.application_create(channel="front_desk", by=front_desk, **fields)
    assert error.value.field == "end_date"
    with pytest.raises(DomainError) as error:
        services.application_create(channel="front_desk", by=front_desk, **application_fields(headcount=0))
    assert error.value.field == "headcount"
    assert Application.objects.count() == 0


def test_application_document_add_refuses_a_file_that_is_not_a_document(front_desk):
    # given
    application = draft(front_desk, files=False)
    # when
    with pytest.raises(DomainError) as error:
        services.application_document_add(
            application=application,
            kind="business_licence",
            file=pdf("licence.pdf", b"MZ\x90\x00 not a pdf"),
            by=front_desk,
        )
    # then
    assert error.value.field == "business_licence"
    assert not documents_about(application).exists()


def test_application_update_refuses_an_application_in_review(front_desk):
    # given
    application = in_review(front_desk)
    # when
    with pytest.raises(DomainError):
        services.application_update(application=application, by=front_desk, use="仓库")
    # then
    application.refresh_from_db()
    assert application.use == "办公"
