"""What the staff pages share: loading a visit or a sheet (404 when there is none)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import selectors
from ..models import Sheet, Visit


def get_visit(pk: int) -> Visit:
    return get_object_or_404(selectors.visit_list(), pk=pk)


def get_current_sheet(visit: Visit, kind: str) -> Sheet:
    """The sheet of that kind being worked on (the draft, else the signed version)."""
    sheet = selectors.current_sheets(visit).get(kind)
    if sheet is None:
        raise Http404
    sheet.visit = visit
    return sheet
