"""A sheet's form on its page: the formset of its lines (keys, meters, checklist) and its remarks, bound
to what was posted or to what is stored, and saved through the services."""

from decimal import Decimal
from typing import Any

from django import forms
from django.http import HttpRequest

from documents.actors import User
from documents.errors import DomainError
from tenancy.forms import add_domain_error

from .. import selectors, services
from ..forms import (
    AcceptanceFormSet,
    KeyFormSet,
    NoteForm,
    ReadingFormSet,
    ReceiptForm,
    add_row_error,
)
from ..models import Sheet, Visit

FORMSETS = {
    Sheet.Kind.KEYS: KeyFormSet,
    Sheet.Kind.METERS: ReadingFormSet,
    Sheet.Kind.ACCEPTANCE: AcceptanceFormSet,
}


class SheetEditor:
    """The line formset (if the sheet has lines) and the remarks form of one sheet."""

    def __init__(self, sheet: Sheet, request: HttpRequest | None = None) -> None:
        self.sheet = sheet
        self.move_out = sheet.visit.kind == Visit.Kind.MOVE_OUT
        data = request.POST if request is not None else None
        files = request.FILES if request is not None else None
        self.formset: forms.BaseFormSet | None = None
        self.extras: list[dict[str, Any]] = []
        if sheet.kind in FORMSETS:
            self.formset = self._formset(data, files)
        note_class = ReceiptForm if sheet.kind == Sheet.Kind.RECEIPT else NoteForm
        initial = {"note": sheet.note, "handouts": sheet.handouts}
        self.note_form = note_class(data, initial=initial, prefix="note")
        if not sheet.is_draft:
            self._freeze()

    def _formset(self, data: Any, files: Any) -> forms.BaseFormSet:
        kind = self.sheet.kind
        kwargs: dict[str, Any] = {"prefix": kind}
        if kind == Sheet.Kind.KEYS:
            initial = [
                {
                    f: getattr(r, f)
                    for f in (
                        "key_type",
                        "number",
                        "quantity",
                        "issued_to",
                        "spare_kept",
                        "returned",
                        "charge_each",
                    )
                }
                for r in self.sheet.key_records.all()
            ] or [{"quantity": 1, "spare_kept": 0}]
            kwargs["form_kwargs"] = {"move_out": self.move_out}
        elif kind == Sheet.Kind.METERS:
            rows = selectors.meter_rows(self.sheet)
            initial = [
                {
                    "meter_id": row["meter"].pk,
                    "kind": row["meter"].kind,
                    "number": row["meter"].number,
                    "reading": row["reading"].reading if row["reading"] else None,
                }
                for row in rows
            ]
            self.extras = [*rows, {}]
        else:
            items = list(self.sheet.acceptance_items.all())
            before = selectors.move_in_state(self.sheet.visit)
            initial = [
                {
                    f: getattr(a, f)
                    for f in ("pk", "item", "location", "condition", "note", "due_date", "damage_amount")
                }
                for a in items
            ]
            self.extras = [{"item": a, "before": before.get(a.origin_pk)} for a in items]
            kwargs["form_kwargs"] = {"move_out": self.move_out}
        return FORMSETS[kind](data, files, initial=initial, **kwargs)

    def _freeze(self) -> None:
        forms_ = [self.note_form, *(self.formset.forms if self.formset else [])]
        for form in forms_:
            for field in form.fields.values():
                field.disabled = True

    @property
    def rows(self) -> list[tuple[forms.Form, dict[str, Any]]]:
        if self.formset is None:
            return []
        extras = self.extras + [{}] * (len(self.formset.forms) - len(self.extras))
        return list(zip(self.formset.forms, extras, strict=False))

    def is_valid(self) -> bool:
        valid = self.note_form.is_valid()
        return (self.formset.is_valid() if self.formset is not None else True) and valid

    def _kept_forms(self) -> list[forms.Form]:
        assert self.formset is not None
        kept = []
        for form in self.formset.forms:
            if not form.has_changed() and not form.initial:
                continue
            if form.cleaned_data.get("DELETE"):
                continue
            kept.append(form)
        return kept

    def save(self, by: User) -> None:
        """Save lines and remarks; a refusal goes to the row and field it names."""
        kept = self._kept_forms() if self.formset is not None else []
        try:
            self._save_lines(kept, by)
            handouts = (
                self.note_form.cleaned_data.get("handouts") if self.sheet.kind == Sheet.Kind.RECEIPT else None
            )
            services.sheet_note_save(
                sheet=self.sheet, note=self.note_form.cleaned_data.get("note", ""), handouts=handouts, by=by
            )
        except DomainError as error:
            if not add_row_error(kept, error):
                add_domain_error(self.note_form, error)
            raise

    def _save_lines(self, kept: list[forms.Form], by: User) -> None:
        kind, data = self.sheet.kind, [form.cleaned_data for form in kept]
        if kind == Sheet.Kind.KEYS:
            lines = [
                services.KeyLine(
                    key_type=d["key_type"],
                    number=d["number"],
                    quantity=d["quantity"],
                    issued_to=d["issued_to"],
                    spare_kept=d.get("spare_kept") or 0,
                    returned=d.get("returned"),
                    charge_each=d.get("charge_each") or Decimal("0.00"),
                )
                for d in data
            ]
            services.keys_save(sheet=self.sheet, lines=lines, by=by)
        elif kind == Sheet.Kind.METERS:
            readings = [
                services.ReadingLine(
                    kind=d["kind"],
                    number=d.get("number") or "",
                    reading=d.get("reading"),
                    meter_id=d.get("meter_id"),
                    photo=d.get("photo"),
                    new_number=d.get("new_number") or "",
                    replacement_reason=d.get("replacement_reason") or "",
                )
                for d in data
            ]
            services.readings_save(sheet=self.sheet, lines=readings, by=by)
        elif kind == Sheet.Kind.ACCEPTANCE:
            items = [
                services.AcceptanceLine(
                    item=d["item"],
                    condition=d["condition"],
                    location=d.get("location") or "",
                    note=d.get("note") or "",
                    due_date=d.get("due_date"),
                    damage_amount=d.get("damage_amount"),
                    photo=d.get("photo"),
                    pk=d.get("pk"),
                )
                for d in data
            ]
            services.acceptance_save(sheet=self.sheet, lines=items, by=by)
