"""Finance's queues: leases whose move-out confirmation is signed and that are not yet settled."""

from django.db.models import Exists, OuterRef, QuerySet

from leasing.models import Lease


def leases_awaiting_settlement() -> QuerySet[Lease]:
    """Leases with a signed move-out confirmation (《退租交接确认书》) and no settlement yet, oldest first."""
    from handover.models import Sheet, Visit

    signed = Sheet.objects.filter(
        visit__lease=OuterRef("pk"),
        visit__kind=Visit.Kind.MOVE_OUT,
        kind=Sheet.Kind.MOVE_OUT,
        status=Sheet.Status.SIGNED,
    )
    return (
        Lease.objects.filter(Exists(signed), settlement__isnull=True)
        .select_related("tenant", "building")
        .order_by("effective_end", "number")
    )
