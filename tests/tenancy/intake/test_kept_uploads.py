"""A failed post keeps the files chosen (shown as kept, filed on the next post); a desired start far in the
past is asked about and its reason goes on the timeline."""

import datetime as dt
import re

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from documents import pending
from documents.errors import DomainError
from documents.selectors import documents_about
from tenancy.document_kinds import BUSINESS_LICENCE
from tenancy.intake import services
from tenancy.models import Application, ApplicationEvent

from .factories import application_fields, draft, pdf
from .test_views import form_data

pytestmark = pytest.mark.django_db

FORM_KEY = "0b7f6c1e-7d4e-4a57-9f0e-2f1f1d1c1b1a"


def _kept_token(content: str, field: str) -> str:
    match = re.search(rf'name="{field}__kept" value="([^"]+)"', content)
    assert match, f"no kept token for {field}"
    return match.group(1)


def test_a_failed_public_post_keeps_the_licence_and_the_next_post_files_it(client):
    # given: the licence is attached but the applicant's name is missing
    first = form_data(form_key=FORM_KEY, applicant_name="", submit="1")
    first.pop("id_copy")
    response = client.post(reverse("intake:apply"), first)
    assert response.status_code == 200
    assert Application.objects.count() == 0
    content = response.content.decode()
    assert "licence.pdf" in content
    token = _kept_token(content, "business_licence")
    # when: the field is fixed and the form posted again without choosing the licence again
    second = form_data(form_key=FORM_KEY, business_licence__kept=token)
    second.pop("business_licence")
    response = client.post(reverse("intake:apply"), second)
    # then: the draft has the licence as it was chosen
    assert response.status_code == 302
    application = Application.objects.get()
    licence = documents_about(application).get(kind=BUSINESS_LICENCE)
    assert licence.original_filename == "licence.pdf"


def test_the_staff_walk_in_form_keeps_its_files_too(client, front_desk):
    # given
    client.force_login(front_desk)
    # when
    response = client.post(
        reverse("intake:application-create"), form_data(form_key=FORM_KEY, applicant_name="")
    )
    # then
    content = response.content.decode()
    assert _kept_token(content, "business_licence")
    assert _kept_token(content, "id_copy")


def test_a_kept_token_of_another_form_is_ignored(client):
    # given: a token kept for another form's key
    kept = pending.pending_store(file=pdf("other.pdf"), field="business_licence", scope="another-form")
    # when
    data = form_data(form_key=FORM_KEY, business_licence__kept=kept.token)
    data.pop("business_licence")
    client.post(reverse("intake:apply"), data)
    # then
    application = Application.objects.get()
    assert not documents_about(application).filter(kind=BUSINESS_LICENCE).exists()


def test_an_expired_kept_file_is_asked_for_again(client, monkeypatch):
    # given: a kept licence older than a day
    kept = pending.pending_store(file=pdf("licence.pdf"), field="business_licence", scope=FORM_KEY)
    later = timezone.now() + pending.MAX_AGE + dt.timedelta(minutes=1)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())
    # when
    data = form_data(form_key=FORM_KEY, business_licence__kept=kept.token)
    data.pop("business_licence")
    response = client.post(reverse("intake:apply"), data)
    # then
    assert response.status_code == 200
    assert "licence.pdf" in response.context["form"].errors["business_licence"][0]
    assert Application.objects.count() == 0


def test_a_desired_start_far_in_the_past_asks_for_confirmation_and_a_reason(client, front_desk):
    # given
    client.force_login(front_desk)
    start = timezone.localdate() - dt.timedelta(days=45)
    # when: posted without the tick
    response = client.post(reverse("intake:application-create"), form_data(start_date=start.isoformat()))
    # then: asked, nothing saved
    assert response.status_code == 200
    assert response.context["form"].errors["start_date"]
    assert 'data-testid="past-start"' in response.content.decode()
    assert Application.objects.count() == 0
    # when: ticked, with a reason
    data = form_data(
        start_date=start.isoformat(), past_start_confirmed="on", past_start_reason="已在该单元办公，补录申请"
    )
    response = client.post(reverse("intake:application-create"), data)
    # then: saved, and the reason is on the timeline
    assert response.status_code == 302
    event = Application.objects.get().events.get(kind=ApplicationEvent.Kind.CREATED)
    assert event.comment == "已在该单元办公，补录申请"


def test_a_tick_without_a_reason_is_refused(client, front_desk):
    client.force_login(front_desk)
    start = timezone.localdate() - dt.timedelta(days=45)
    data = form_data(start_date=start.isoformat(), past_start_confirmed="on")
    response = client.post(reverse("intake:application-create"), data)
    assert response.context["form"].errors["past_start_reason"]
    assert Application.objects.count() == 0


def test_a_recent_start_is_not_asked_about(client, front_desk):
    client.force_login(front_desk)
    start = timezone.localdate() - dt.timedelta(days=10)
    response = client.post(reverse("intake:application-create"), form_data(start_date=start.isoformat()))
    assert response.status_code == 302


def test_the_service_refuses_a_start_moved_far_into_the_past_without_a_reason(front_desk):
    # given
    application = draft(front_desk)
    start = timezone.localdate() - dt.timedelta(days=60)
    # when / then
    with pytest.raises(DomainError) as error:
        services.application_update(
            application=application, by=front_desk, **application_fields(start_date=start)
        )
    assert error.value.field == "start_date"
    # and with a reason it is recorded
    services.application_update(
        application=application,
        by=front_desk,
        past_start_reason="续租补录",
        **application_fields(start_date=start),
    )
    assert application.events.filter(kind=ApplicationEvent.Kind.UPDATED, comment="续租补录").exists()
