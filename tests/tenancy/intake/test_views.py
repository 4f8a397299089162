"""Intake pages at work: walk-in entry, bad input, double clicks, decisions, the public page, the portal."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from documents.selectors import documents_about
from tenancy.models import Application, ReviewStep

from .factories import PDF_BYTES, application_fields, approve, in_review, pdf, step_status

pytestmark = pytest.mark.django_db


def zh(message: str) -> str:
    """The message as the pages show it (Chinese by default)."""
    with translation.override("zh-hans"):
        return translation.gettext(message)


def form_data(**overrides) -> dict:
    data = {k: ("" if v is None else str(v)) for k, v in application_fields().items()}
    data.update(
        business_licence=pdf("licence.pdf"),
        id_copy=SimpleUploadedFile("id.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50, content_type="image/png"),
    )
    data.update(overrides)
    return data


def test_walk_in_entry_submitted_in_one_go_goes_to_business(client, front_desk):
    # given
    client.force_login(front_desk)
    # when
    response = client.post(reverse("intake:application-create"), form_data(submit="1"))
    # then
    application = Application.objects.get()
    assert response.status_code == 302
    assert application.status == Application.Status.IN_REVIEW
    assert application.entered_by == front_desk
    assert documents_about(application).count() == 2


def test_submitting_an_incomplete_walk_in_keeps_the_draft_and_lists_what_is_missing(client, front_desk):
    # given
    client.force_login(front_desk)
    data = form_data(submit="1", headcount="")
    del data["business_licence"]
    # when
    response = client.post(reverse("intake:application-create"), data, follow=True)
    # then
    application = Application.objects.get()
    assert application.status == Application.Status.DRAFT
    page = response.content.decode()
    assert zh("the expected head-count") in page
    assert zh("a scan of the business licence") in page


def test_a_double_click_creates_one_application(client, front_desk):
    # given
    client.force_login(front_desk)
    key = "0b5f1c9e-4a7e-4d0b-9a57-3f6d3c1e2a10"
    # when
    client.post(reverse("intake:application-create"), form_data(form_key=key))
    client.post(reverse("intake:application-create"), form_data(form_key=key))
    # then
    assert Application.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"credit_code": "91310000000800001A"},
            "credit_code",
            "Wrong check digit in the unified social credit code.",
        ),
        ({"end_date": "2026-12-31"}, "end_date", "The end of the term must be after its start."),
        ({"headcount": "0"}, "headcount", "Ensure this value is greater than or equal to %(limit_value)s."),
        (
            {
                "business_licence": SimpleUploadedFile(
                    "licence.pdf", b"GIF89a not a scan", content_type="application/pdf"
                )
            },
            "business_licence",
            "This file is not a PDF, JPEG or PNG document. Please upload a scan or a PDF.",
        ),
    ],
    ids=["credit-code", "end-before-start", "headcount-zero", "licence-type"],
)
def test_bad_input_shows_at_the_field_and_saves_nothing(client, front_desk, overrides, field, message):
    # given
    client.force_login(front_desk)
    # when
    response = client.post(reverse("intake:application-create"), form_data(**overrides))
    # then
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert zh(message).split("%")[0] in errors
    assert zh(message).split("%")[0] in response.content.decode()
    assert Application.objects.count() == 0


def test_a_licence_too_big_is_refused_at_the_field(client, front_desk, settings):
    # given
    settings.UPLOAD_MAX_BYTES = 100
    client.force_login(front_desk)
    # when
    response = client.post(
        reverse("intake:application-create"), form_data(business_licence=pdf("big.pdf", PDF_BYTES * 10))
    )
    # then
    assert "business_licence" in response.context["form"].errors
    assert Application.objects.count() == 0


def test_a_rejection_without_a_reason_is_refused_at_the_field(client, front_desk, business_manager):
    # given
    application = in_review(front_desk)
    client.force_login(business_manager)
    # when
    response = client.post(
        reverse("intake:application-decide", args=[application.pk, "business"]), {"verdict": "reject"}
    )
    # then
    assert response.status_code == 400
    assert zh("A rejection needs a reason.") in response.content.decode()
    assert step_status(application)["business"] == ReviewStep.Status.OPEN


def test_a_decision_on_a_step_that_is_not_yours_changes_nothing(client, front_desk, legal_manager):
    # given
    application = in_review(front_desk)
    client.force_login(legal_manager)
    # when
    response = client.post(
        reverse("intake:application-decide", args=[application.pk, "business"]), {"verdict": "approve"}
    )
    # then
    assert response.status_code == 400
    assert step_status(application)["business"] == ReviewStep.Status.OPEN


def test_the_business_manager_approves_from_the_page(client, front_desk, business_manager):
    # given
    application = in_review(front_desk)
    client.force_login(business_manager)
    page = client.get(reverse("intake:application-detail", args=[application.pk]))
    assert 'data-testid="decide-business"' in page.content.decode()
    # when
    response = client.post(
        reverse("intake:application-decide", args=[application.pk, "business"]), {"verdict": "approve"}
    )
    # then
    assert response.status_code == 302
    assert step_status(application)["legal"] == ReviewStep.Status.OPEN


def test_the_queue_lists_oldest_first_with_working_day_ages(client, front_desk, business_manager):
    # given
    first, second = in_review(front_desk, 1), in_review(front_desk, 2)
    client.force_login(business_manager)
    # when
    response = client.get(reverse("intake:queue", args=["business"]))
    # then
    rows = [step.application.pk for step, _age in response.context["rows"]]
    assert rows == [first.pk, second.pk]
    assert [age for _step, age in response.context["rows"]] == [0, 0]


def test_the_queue_costs_the_same_queries_for_many_rows(
    client, front_desk, business_manager, django_assert_max_num_queries
):
    # given
    for n in range(30):
        in_review(front_desk, n)
    client.force_login(business_manager)
    # when / then
    with django_assert_max_num_queries(12):
        client.get(reverse("intake:queue", args=["business"]))


def test_public_application_sends_a_private_link_that_follows_and_updates_it(
    client, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("intake:apply"), form_data(submit="1"))
    # then
    application = Application.objects.get()
    assert application.channel == Application.Channel.PUBLIC
    assert application.status == Application.Status.IN_REVIEW
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/intake/follow/\S+/", message.body).group(0)
    path = link[link.index("/intake/") :]
    assert response.url == path
    follow = client.get(path)
    assert application.number in follow.content.decode()


def test_the_public_page_is_throttled_per_address(client, settings):
    # given
    settings.INTAKE_PUBLIC_MAX_PER_HOUR = 2
    for _ in range(2):
        client.post(reverse("intake:apply"), {"applicant_name": ""})
    # when
    response = client.post(reverse("intake:apply"), form_data())
    # then
    assert response.status_code == 429
    assert Application.objects.count() == 0


def test_a_returned_application_is_resubmitted_from_the_private_link(
    client, front_desk, business_manager, legal_manager
):
    # given
    from tenancy.intake import review
    from tenancy.intake.links import follow_token

    application = approve(in_review(front_desk), business_manager)
    review.review_return(application=application, department="legal", by=legal_manager, needed="补充用途说明")
    url = reverse("intake:follow", args=[follow_token(application)])
    # when
    data = {
        k: v
        for k, v in form_data(notes="研发办公", submit="1").items()
        if k not in ("business_licence", "id_copy")
    }
    response = client.post(url, data)
    # then
    assert response.status_code == 302
    assert step_status(application) == {
        "business": "approved",
        "legal": "open",
        "finance": "open",
        "management": "waiting",
    }


def test_the_private_link_refuses_changes_after_the_final_decision(client, front_desk, business_manager):
    # given
    from tenancy.intake import review
    from tenancy.intake.links import follow_token

    application = in_review(front_desk)
    review.review_reject(application=application, department="business", by=business_manager, reason="不符合")
    # when
    response = client.post(
        reverse("intake:follow", args=[follow_token(application)]), form_data(use="仓库", submit="1")
    )
    # then
    assert zh("This application can no longer be changed.") in response.content.decode()
    application.refresh_from_db()
    assert (application.status, application.use) == (Application.Status.REJECTED, "办公")


def test_a_tenant_applies_for_more_space_in_the_portal(client, tenant, tenant_user):
    # given
    client.force_login(tenant_user)
    data = {
        k: v
        for k, v in form_data(submit="1").items()
        if k not in ("applicant_kind", "applicant_name", "credit_code", "legal_representative")
    }
    # when
    response = client.post(reverse("portal:application-create"), data)
    # then
    application = Application.objects.get()
    assert response.url == reverse("portal:application-detail", args=[application.pk])
    assert (application.tenant, application.applicant_name) == (tenant, tenant.name)
    assert application.status == Application.Status.IN_REVIEW


def test_the_edit_form_gives_date_inputs_their_iso_value(client, front_desk):
    # given: a browser's date input accepts only YYYY-MM-DD
    from .factories import draft

    application = draft(front_desk)
    client.force_login(front_desk)
    # when
    page = client.get(reverse("intake:application-edit", args=[application.pk])).content.decode()
    # then
    assert 'name="start_date" value="2027-01-01"' in page


def test_a_double_click_on_the_public_page_confirms_once(client, django_capture_on_commit_callbacks):
    # given
    data = form_data(form_key="5d3c1b2a-0f1e-4c3b-8a7d-6e5f4d3c2b1a")
    again = form_data(form_key="5d3c1b2a-0f1e-4c3b-8a7d-6e5f4d3c2b1a")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake:apply"), data)
        client.post(reverse("intake:apply"), again)
    # then
    assert Application.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_application_list_filters_by_status_and_search(client, front_desk):
    # given
    submitted = in_review(front_desk, 1)
    from .factories import draft

    kept_draft = draft(front_desk, 2, applicant_name="南京草稿有限公司")
    client.force_login(front_desk)
    # when
    by_status = client.get(reverse("intake:application-list"), {"status": "in_review"}).content.decode()
    by_search = client.get(reverse("intake:application-list"), {"q": "南京草稿"}).content.decode()
    # then
    assert submitted.number in by_status and kept_draft.number not in by_status
    assert kept_draft.number in by_search and submitted.number not in by_search
