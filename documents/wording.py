"""How lists read in a sentence: one rule for every message, page and form, in the reader's language.

Chinese writes a list of names with the enumeration comma (A、B、C); English with a comma and a space.
"""

from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext

from django.utils import translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext, pgettext


def join_list(items: Iterable[object]) -> str:
    """The items as one phrase in the active language: ``A、B`` in Chinese, ``A, B`` in English."""
    return pgettext("list separator", ", ").join(str(item) for item in items)


TENANT_LANGUAGE_DEFAULT = "zh-hans"


def tenant_language(tenant: object) -> str:
    """The language the system writes to this tenant in: its own setting, Simplified Chinese unless set."""
    return getattr(tenant, "language", "") or TENANT_LANGUAGE_DEFAULT


def in_tenant_language(tenant: object | None) -> AbstractContextManager[None]:
    """Write for the tenant: its language while the block runs, whatever the clicking clerk reads in.

    Without a tenant (a letter to management) the reader's own language stays active.
    """
    if tenant is None:
        return nullcontext()
    return translation.override(tenant_language(tenant))


def message_text(key: str, params: Mapping[str, object] | None = None) -> str:
    """A message the system wrote, kept as its untranslated key (marked with ``gettext_noop``) and its
    values, read now: translated into the active language, the values filled in. Stored keys and values
    rather than text, so that each reader reads the same record in their own language."""
    if not key:
        return ""
    message = gettext(key)
    return message % dict(params) if params else message


def _message_text_now(key: str, params: Mapping[str, object]) -> str:
    return message_text(key, params)


_message_lazy = lazy(_message_text_now, str)


def message_later(key: str, /, **params: object) -> Promise:
    """The same message as a lazy string, translated only when it is written out: a title or notice subject
    handed to ``document_render`` / ``notice_send`` then reads in the tenant's language."""
    return _message_lazy(key, params)
