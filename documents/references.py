"""Which records point at a document: such a document is evidence of them and is never removed.

Other apps keep a document's id on their records (a bill's PDF, a drawing of a fit-out, a photo of a meter
reading). Documents cannot import them, so each app names its fields in its ``AppConfig.ready()``::

    document_reference_register(Bill, "document_id")

``document_references`` then says, in words for the page, which records hold a document; notices that
attach it and signatures that sign it (or draw it) are checked here without registering.
"""

from dataclasses import dataclass

from django.db.models import Model, Q

from .models import Document, Notice, Signature


@dataclass(frozen=True)
class Reference:
    """A model whose ``fields`` hold document ids."""

    model: type[Model]
    fields: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.model._meta.label


_references: dict[str, Reference] = {}


def document_reference_register(model: type[Model], *fields: str) -> None:
    """Declare that these integer fields of ``model`` hold document ids (registering again replaces)."""
    if not fields:
        raise ValueError("Name at least one field that holds a document id.")
    for name in fields:
        model._meta.get_field(name)  # fails at start-up on a misspelt field
    _references[model._meta.label] = Reference(model=model, fields=tuple(fields))


def document_reference_models() -> list[Reference]:
    """Every registered reference, by model label (a test lists them all)."""
    return sorted(_references.values(), key=lambda reference: reference.label)


def document_references(document: Document) -> list[str]:
    """What holds the document, by kind of record (verbose names), empty when nothing points at it."""
    found: list[str] = []
    if Notice.objects.filter(attachment=document).exists():
        found.append(str(Notice._meta.verbose_name))
    if Signature.objects.filter(Q(document=document) | Q(image=document)).exists():
        found.append(str(Signature._meta.verbose_name))
    for reference in document_reference_models():
        condition = Q()
        for name in reference.fields:
            condition |= Q(**{name: document.pk})
        if reference.model._default_manager.filter(condition).exists():
            found.append(str(reference.model._meta.verbose_name))
    return found
