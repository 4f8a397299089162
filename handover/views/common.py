"""What the staff pages share: loading a visit or a sheet (404 when there is none)."""

from typing import Any

from django.http import Http404

from tenancy.scope import scoped_or_404

from .. import selectors
from ..models import Sheet, Visit


def get_visit(request: Any, pk: int) -> Visit:
    """The visit, if its unit is in one of the user's buildings (404 otherwise)."""
    return scoped_or_404(selectors.visit_list(), request.user, "unit__building", pk=pk)


def get_current_sheet(visit: Visit, kind: str) -> Sheet:
    """The sheet of that kind being worked on (the draft, else the signed version)."""
    sheet = selectors.current_sheets(visit).get(kind)
    if sheet is None:
        raise Http404
    sheet.visit = visit
    return sheet
