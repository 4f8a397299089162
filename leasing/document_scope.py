"""Documents about leasing's records (signed leases, amendments, renewal letters, move-out notices and
terminations) are seen only by the offices running the lease's building: told to documents at start-up."""

from typing import Any

from django.db.models import QuerySet

from documents.scoping import record_scope_register
from tenancy.scope import building_ids, scope

from .models import Amendment, Lease, LeaseTermination, MoveOutNotice, RenewalCase

# Each kind of record documents are about, with the path from it to its building.
RECORDS: tuple[tuple[Any, str], ...] = (
    (Lease, "building"),
    (Amendment, "lease__building"),
    (RenewalCase, "lease__building"),
    (MoveOutNotice, "lease__building"),
    (LeaseTermination, "lease__building"),
)


def _ids(model: Any, path: str) -> Any:
    def ids(user: Any) -> QuerySet[Any] | None:
        if building_ids(user) is None:
            return None
        return scope(model._base_manager.all(), user, path).values("pk")

    return ids


def register() -> None:
    for model, path in RECORDS:
        meta = model._meta
        record_scope_register(app_label=meta.app_label, model=meta.model_name, ids=_ids(model, path))
