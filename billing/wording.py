"""Text the billing system writes on lines, charges and ledger memos, kept as an untranslated message and its
values and read in the reader's language (the tenant's on its bill and statement PDFs): a clerk reading
English never leaves English on a Chinese tenant's bill. Rows written before keys were kept, and typed
descriptions, read as their text."""

from collections.abc import Mapping

from django.conf import settings
from django.utils import translation

from documents.wording import message_text


def _choice_labels() -> dict[str, type]:
    """Values kept as a choice (a checklist item, a key type): shown by their label, translated."""
    from handover.models import AcceptanceItem, KeyRecord

    return {"item": AcceptanceItem.Item, "key_type": KeyRecord.Type}


def system_text(key: str, params: Mapping[str, object] | None, text: str) -> str:
    """The message ``key`` filled with ``params`` in the active language, or ``text`` when there is no key."""
    if not key:
        return text
    values = dict(params or {})
    for name, choices in _choice_labels().items():
        if values.get(name) in choices.values:
            values[name] = choices(values[name]).label
    return message_text(key, values)


class SystemText:
    """A message the system writes (marked with ``gettext_noop``) and its values, handed to the services that
    store a description or memo: they keep the key and values, and the text in the active language."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = {name: _storable(value) for name, value in params.items()}

    def __str__(self) -> str:
        return system_text(self.key, self.params, self.key)

    def __repr__(self) -> str:
        return f"SystemText({self.key!r}, {self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SystemText) and (self.key, self.params) == (other.key, other.params)

    __hash__ = None  # type: ignore[assignment]


def _storable(value: object) -> object:
    """A value as JSON keeps it: dates as ISO text, amounts and other objects as their text."""
    return value if isinstance(value, (str, int, bool)) or value is None else str(value)


def text_fields(value: "str | SystemText", limit: int = 200) -> tuple[str, str, dict[str, object]]:
    """(text, key, params) to store for a description or memo: typed text keeps no key. The system's text is
    kept in the site's language (the books'), whoever clicked: what reads the column itself (the ledger
    exports, streamed by the database, the admin's search) reads one language."""
    if isinstance(value, SystemText):
        with translation.override(settings.LANGUAGE_CODE):
            return str(value)[:limit], value.key, value.params
    return str(value).strip()[:limit], "", {}


def stored_text(text: str, key: str, params: dict[str, object] | None) -> "str | SystemText":
    """A stored description handed on (a charge to its bill line): its key and values if it has them."""
    return SystemText(key, **(params or {})) if key else text


def handover_charge_text(charge: object) -> "str | SystemText":
    """A damage or missing key from the move-out sheets (``handover.selectors.Charge``), as billing keeps it;
    a page shows it in its language, the tenant's bill in the tenant's."""
    key, params = getattr(charge, "key", ""), getattr(charge, "params", None)
    return SystemText(key, **params) if key else str(getattr(charge, "description", ""))


def charge_text(charge: object) -> "str | SystemText":
    """A recorded charge's description, read when it is written out (in the language active then)."""
    return stored_text(
        getattr(charge, "description", ""),
        getattr(charge, "description_key", ""),
        getattr(charge, "description_params", None),
    )
