"""Every page says what its own catalogue says: another app's translation of the same words never wins.

Django merges the top-level ``locale/`` and every app's catalogue into one, and the first to define a msgid
wins (``LOCALE_PATHS``, then INSTALLED_APPS in order). Two catalogues translating the same English differently
is a bug: one of them is silently shown everywhere (the lease status "Active" read as the tenant status 在租,
the service desk's "owner" as the handover's 负责人). Words that must read differently carry a context.
"""

import gettext
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

from config import translations

ROOT = Path(__file__).resolve().parents[2]
CONTEXT_SEPARATOR = "\x04"


def _catalogue(po: Path, tmp_path: Path) -> dict[str, str]:
    """A catalogue's entries as compiled from its .po: ``msgid`` or ``context\\x04msgid`` → msgstr."""
    mo = tmp_path / f"{po.parts[-4]}.mo"
    subprocess.run(["msgfmt", "-o", str(mo), str(po)], check=True)  # noqa: S603, S607 - fixed arguments
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    return {key: value for key, value in catalogue.items() if isinstance(key, str) and key}


def _shown(key: str) -> str:
    if CONTEXT_SEPARATOR in key:
        context, msgid = key.split(CONTEXT_SEPARATOR, 1)
        return translation.pgettext(context, msgid)
    return translation.gettext(key)


@pytest.mark.parametrize(
    "directory", translations.catalogue_dirs(ROOT), ids=lambda d: d.name if d != ROOT else "templates"
)
def test_every_string_reads_as_its_own_catalogue_says(directory, tmp_path):
    # given
    catalogue = _catalogue(translations.po_file(directory), tmp_path)
    # when
    with translation.override("zh-hans"):
        shown = {key: _shown(key) for key in catalogue}
    # then
    differing = {key: (catalogue[key], shown[key]) for key in catalogue if shown[key] != catalogue[key]}
    assert differing == {}


def test_words_that_differ_by_subject_carry_their_context():
    with translation.override("zh-hans"):
        assert translation.pgettext("lease status", "Active") == "履行中"
        assert translation.gettext("Active") == "在租"
        assert translation.pgettext("service desk", "owner") == "首问负责人"
        assert translation.pgettext("billing", "deposit") == "押金"
        assert translation.gettext("deposit") == "租赁保证金"
