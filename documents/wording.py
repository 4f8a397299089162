"""How lists read in a sentence: one rule for every message, page and form, in the reader's language.

Chinese writes a list of names with the enumeration comma (A、B、C); English with a comma and a space.
"""

from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext

from django.utils import translation
from django.utils.translation import pgettext


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
