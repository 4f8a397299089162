"""Finance's queues: leases whose move-out confirmation is signed and that are not yet settled (the
supplementary settlements' queue is ``services.settlement_supplement.leases_awaiting_supplement``)."""

from django.db.models import Exists, OuterRef, QuerySet

from leasing.models import Lease


def leases_awaiting_settlement() -> QuerySet[Lease]:
    """Leases not settled yet whose move-out confirmation (《退租交接确认书》) is signed at every move-out
    visit, or which management lets be settled without it (``SettlementOverride``), oldest first."""
    from handover.models import Sheet, Visit

    from .models import SettlementOverride

    visits = Visit.objects.filter(lease=OuterRef("pk"), kind=Visit.Kind.MOVE_OUT)
    signed = Sheet.objects.filter(visit=OuterRef("pk"), kind=Sheet.Kind.MOVE_OUT, status=Sheet.Status.SIGNED)
    unsigned = visits.filter(~Exists(signed))
    overridden = SettlementOverride.objects.filter(lease=OuterRef("pk"))
    return (
        Lease.objects.filter(
            (Exists(visits) & ~Exists(unsigned)) | Exists(overridden), settlement__isnull=True
        )
        .select_related("tenant", "building")
        .order_by("effective_end", "number")
    )
