"""Lifecycles: every stateful model declares its table, every move a table does not allow is refused with a
translated message naming both states, and services and pages refuse such a move and change nothing."""

import pghistory.models
import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import translation

from documents.errors import DomainError
from documents.lifecycle import Lifecycle, lifecycles_of, registry
from leasing.leases.reviews import review_approve
from leasing.models import Lease, LegalReview
from servicedesk import services as desk
from servicedesk.models import Ticket
from tenancy.models import Tenant
from tenancy.services import tenant_update
from tests.factories import TenantFactory
from tests.leasing.lease_factories import draft_lease, lease_in
from tests.servicedesk.factories import TicketFactory

# Stateful-looking fields that are not moved by a lifecycle, and why.
NOT_MOVED = {
    ("leasing.Unit", "status"): "a unit's occupancy is derived from its leases, permits and handovers",
}

TABLES = [(model, lifecycle) for model, tables in registry().items() for lifecycle in tables]


def _state_fields() -> list[tuple[type[models.Model], str]]:
    """Every field named ``status`` or ``*_status`` with choices, on a model that holds state (not a history
    row copying it)."""
    return [
        (model, field.name)
        for model in apps.get_models()
        if not issubclass(model, pghistory.models.Event)
        for field in model._meta.concrete_fields
        if field.choices and (field.name == "status" or field.name.endswith("_status"))
    ]


def _id(value: object) -> str:
    if isinstance(value, tuple):
        model, lifecycle = value
        return f"{model._meta.label}.{lifecycle.field}"
    return str(value)


def test_every_stateful_model_declares_its_lifecycle():
    # given
    fields = _state_fields()
    # then
    assert fields, "no state fields found: the scan is broken"
    missing = [
        f"{model._meta.label}.{name}"
        for model, name in fields
        if (model._meta.label, name) not in NOT_MOVED
        and not any(lifecycle.field == name for lifecycle in lifecycles_of(model))
    ]
    assert not missing, f"declare a Lifecycle for: {missing}"


def test_every_table_matches_its_field_choices():
    for model, lifecycle in TABLES:
        field = model._meta.get_field(lifecycle.field)
        assert {str(value) for value, _label in field.choices} == set(lifecycle.moves), model


@pytest.mark.parametrize("table", TABLES, ids=_id)
def test_every_move_not_in_the_table_is_refused_with_both_states_named(table):
    model, lifecycle = table
    refused = lifecycle.refused()
    for current, to in refused:
        # given
        record = model(**{lifecycle.field: current})
        # when / then
        with pytest.raises(DomainError) as refusal:
            lifecycle.move(record, to)
        assert lifecycle.label(current) in refusal.value.message, (current, to)
        assert lifecycle.label(to) in refusal.value.message, (current, to)
        assert getattr(record, lifecycle.field) == current  # nothing moved
        assert not lifecycle.allows(current, to)


@pytest.mark.parametrize("table", TABLES, ids=_id)
def test_every_move_in_the_table_is_made(table):
    model, lifecycle = table
    for current, nexts in lifecycle.moves.items():
        for to in nexts:
            record = model(**{lifecycle.field: current})
            assert lifecycle.move(record, to) == current
            assert getattr(record, lifecycle.field) == to
            assert current in lifecycle.sources(to)


def test_a_table_naming_an_unknown_state_is_refused_at_start_up():
    with pytest.raises(ValueError, match="unknown states"):
        Lifecycle(Ticket.Status, {Ticket.Status.NEW: {"teleported"}})


def test_the_refusal_is_in_the_readers_language():
    # given
    ticket = Ticket(status=Ticket.Status.NEW)
    # when
    with translation.override("zh-hans"):
        with pytest.raises(DomainError) as refusal:
            Ticket.LIFECYCLE.move(ticket, Ticket.Status.CLOSED)
        new, closed = str(Ticket.Status.NEW.label), str(Ticket.Status.CLOSED.label)
    # then
    assert new in refusal.value.message and closed in refusal.value.message
    assert "cannot become" not in refusal.value.message
    assert "不能" in refusal.value.message


# --- through the services ----------------------------------------------------------------------------------


def _names_both(
    refusal: pytest.ExceptionInfo[DomainError], lifecycle: Lifecycle, current: str, to: str
) -> bool:
    """The refusal names both states, in the reader's language."""
    return f"“{lifecycle.label(current)}”" in refusal.value.message and f"“{lifecycle.label(to)}”" in (
        refusal.value.message
    )


def test_a_ticket_cannot_start_before_it_is_acknowledged(front_desk, tenant):
    # given
    ticket = TicketFactory(owner=front_desk, received_by=front_desk, tenant=tenant)
    # when / then
    with pytest.raises(DomainError) as refusal:
        desk.ticket_start(ticket=ticket, by=front_desk)
    assert _names_both(refusal, Ticket.LIFECYCLE, Ticket.Status.NEW, Ticket.Status.IN_PROGRESS)
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.NEW and not ticket.events.exists()


def test_a_legal_review_is_decided_once(legal_manager):
    # given
    lease = draft_lease(approved=False)
    review = LegalReview.objects.get(lease=lease, status=LegalReview.Status.PENDING)
    review_approve(review=review, by=legal_manager)
    # when / then
    with pytest.raises(DomainError) as refusal:
        review_approve(review=review, by=legal_manager, comments="again")
    approved = LegalReview.Status.APPROVED
    assert _names_both(refusal, LegalReview.LIFECYCLE, approved, approved)
    review.refresh_from_db()
    assert review.status == LegalReview.Status.APPROVED and review.comments == ""


def test_an_archived_tenant_is_not_made_active_by_an_edit(front_desk):
    # given
    tenant = TenantFactory(status=Tenant.Status.ARCHIVED)
    # when / then
    with pytest.raises(DomainError) as refusal:
        tenant_update(tenant=tenant, by=front_desk, status=Tenant.Status.ACTIVE)
    assert _names_both(refusal, Tenant.LIFECYCLE, Tenant.Status.ARCHIVED, Tenant.Status.ACTIVE)
    tenant.refresh_from_db()
    assert tenant.status == Tenant.Status.ARCHIVED


def test_a_sweep_moves_only_the_rows_allowed_to_move(db):
    # given
    running = lease_in(Lease.Status.ACTIVE)
    draft = lease_in(Lease.Status.DRAFT)
    ended = lease_in(Lease.Status.ENDED)
    every = Lease.objects.filter(pk__in=[running.pk, draft.pk, ended.pk])
    # when
    moved = Lease.LIFECYCLE.movable(every, Lease.Status.HOLDING_OVER).update(status=Lease.Status.HOLDING_OVER)
    # then
    assert moved == 1
    statuses = dict(every.values_list("pk", "status"))
    assert statuses == {
        running.pk: Lease.Status.HOLDING_OVER,
        draft.pk: Lease.Status.DRAFT,
        ended.pk: Lease.Status.ENDED,
    }


# --- through a page ----------------------------------------------------------------------------------------


def test_the_ticket_page_shows_the_refusal_and_nothing_changes(client, front_desk, tenant):
    # given
    ticket = TicketFactory(owner=front_desk, received_by=front_desk, tenant=tenant)
    client.force_login(front_desk)
    # when
    response = client.post(reverse("servicedesk:ticket-start", args=[ticket.pk]), follow=True)
    # then
    with translation.override("zh-hans"):
        new, started = str(Ticket.Status.NEW.label), str(Ticket.Status.IN_PROGRESS.label)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"“{new}”" in page and f"“{started}”" in page and "不能" in page
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.NEW and not ticket.events.exists()
