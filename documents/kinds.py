"""Kinds of documents, owned by the apps that file or print them.

Documents stores a kind's key (``Document.kind``) and knows no app by name: each app declares its kinds in
its ``document_kinds`` module and registers them here from its ``AppConfig.ready()``, with the dossier
section it files them in (registered the same way). A kind says what documents needs to treat its files
right: its name, whether the system renders it from a print template, whether the tenant gets it in the
portal, whether it is confidential (personal data), whether it carries an expiry date, whether the tenant's
account keeps producing it after the dossier is archived, and how many years it is kept after the archiving
(``DOCUMENT_RETENTION_YEARS`` may change that per kind).

A kind is a ``str`` (its key), so it is passed to ``document_upload`` / ``document_render``, compared with
``document.kind`` and used in queries as it is.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    """A section of the tenant's dossier (客户档案); the dossier shows them by ``order``."""

    key: str
    label: Promise | str
    order: int


class DocumentKind(str):
    """A kind of document: the key stored on the document, with its name and the rules of the kind."""

    label: Promise | str
    section: str
    rendered: bool
    tenant_visible: bool
    confidential: bool
    expiring: bool
    after_archive: bool
    retention_years: int | None

    def __new__(
        cls,
        key: str,
        label: Promise | str,
        *,
        section: str,
        rendered: bool = False,
        tenant_visible: bool | None = None,
        confidential: bool = False,
        expiring: bool = False,
        after_archive: bool = False,
        retention_years: int | None = None,
    ) -> "DocumentKind":
        """``rendered``: printed by the system from a template (a record of its own, never removed, only
        corrected by a new one); every other kind is an upload. ``tenant_visible``: the tenant gets a
        rendered form in the portal (default: every rendered kind); an upload is the tenant's when it
        uploaded it or staff say so. ``confidential``: always confidential, whatever the uploader says.
        ``retention_years``: removed this long after the dossier is archived (``None``: kept)."""
        kind = super().__new__(cls, key)
        kind.label = label
        kind.section = section
        kind.rendered = rendered
        kind.tenant_visible = rendered if tenant_visible is None else tenant_visible
        kind.confidential = confidential
        kind.expiring = expiring
        kind.after_archive = after_archive
        kind.retention_years = retention_years
        return kind

    @property
    def key(self) -> str:
        return str.__str__(self)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (a cache, a Celery argument) as its plain key.
        return (str, (self.key,))


_KINDS: dict[str, DocumentKind] = {}
_SECTIONS: dict[str, Section] = {}


def sections_register(*sections: Section) -> None:
    """Called from an app's ``AppConfig.ready()``: the dossier sections it files its kinds in."""
    for section in sections:
        if _SECTIONS.get(section.key, section) != section:
            raise ValueError(f"Dossier section {section.key!r} is registered twice, differently.")
        _SECTIONS[section.key] = section


def kinds_register(*kinds: DocumentKind) -> None:
    """Called from an app's ``AppConfig.ready()``: the kinds of documents the app files or prints."""
    for kind in kinds:
        if kind.section not in _SECTIONS:
            raise ValueError(f"Document kind {kind.key!r} names an unknown dossier section {kind.section!r}.")
        registered = _KINDS.get(kind.key)
        if registered is not None and registered is not kind:
            raise ValueError(f"Document kind {kind.key!r} is registered twice.")
        _KINDS[kind.key] = kind


def kind_of(key: str) -> DocumentKind:
    """The registered kind of that key; ``LookupError`` for a key no app registered."""
    try:
        return _KINDS[key]
    except KeyError:
        raise LookupError(f"Unknown document kind {key!r}.") from None


def kind_known(key: str) -> bool:
    return key in _KINDS


def kinds_all() -> list[DocumentKind]:
    """Every registered kind, in the order of registration."""
    return list(_KINDS.values())


def kind_keys(**rules: bool) -> frozenset[str]:
    """The keys of the kinds whose rules have these values: ``kind_keys(expiring=True)``."""
    return frozenset(
        kind.key
        for kind in _KINDS.values()
        if all(getattr(kind, rule) == value for rule, value in rules.items())
    )


def kind_label(key: str) -> str:
    """A kind's name in the active language (a key no app registers any more reads as itself)."""
    kind = _KINDS.get(key)
    return str(kind.label) if kind is not None else key


def sections_all() -> list[Section]:
    """The dossier's sections in the order it shows them."""
    return sorted(_SECTIONS.values(), key=lambda section: section.order)


def section_of(key: str) -> str:
    """The dossier section a kind is filed in (an unknown key: "other documents")."""
    kind = _KINDS.get(key)
    return kind.section if kind is not None else OTHER_SECTION.key


def kind_validate(value: str) -> None:
    """The model field's validator: a kind is one some app registered."""
    if value not in _KINDS:
        raise ValidationError(
            _("Unknown kind of document: %(kind)s."), code="unknown_kind", params={"kind": value}
        )


# Documents' own section and kinds: what any app may file or draw, whatever it is about.
OTHER_SECTION = Section("other", _("Other documents"), order=1000)

PHOTO = DocumentKind("photo", _("Photo"), section=OTHER_SECTION.key)
OTHER = DocumentKind("other", _("Other document"), section=OTHER_SECTION.key)
# The picture of a signature drawn on screen, kept with the signature (not shown in the dossier).
SIGNATURE_IMAGE = DocumentKind("signature_image", _("Drawn signature"), section=OTHER_SECTION.key)

KINDS = (PHOTO, OTHER, SIGNATURE_IMAGE)
