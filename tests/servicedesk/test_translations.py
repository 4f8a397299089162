"""The service desk's pages say what its own catalogue says: another app's translation never wins.

Django merges every app's catalogue into one, and an app listed earlier in INSTALLED_APPS wins on a
shared msgid (the hand-over app translated "What was done" as 处理情况 and "owner" as 负责人, so the
ticket page showed those instead of 处理结果 and 首问负责人). Words the apps translate differently carry
the "service desk" context.
"""

import gettext
import subprocess
from pathlib import Path

from django.utils import translation

import servicedesk

PO = Path(servicedesk.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
CONTEXT_SEPARATOR = "\x04"


def _catalogue(tmp_path: Path) -> dict[str, str]:
    """The service desk's entries as compiled from its .po: ``msgid`` or ``context\\x04msgid`` → msgstr."""
    mo = tmp_path / "servicedesk.mo"
    subprocess.run(["msgfmt", "-o", str(mo), str(PO)], check=True)  # noqa: S603, S607 - fixed arguments
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    return {key: value for key, value in catalogue.items() if isinstance(key, str) and key}


def _shown(key: str) -> str:
    if CONTEXT_SEPARATOR in key:
        context, msgid = key.split(CONTEXT_SEPARATOR, 1)
        return translation.pgettext(context, msgid)
    return translation.gettext(key)


def test_every_service_desk_string_reads_as_its_own_catalogue_says(tmp_path):
    # given
    catalogue = _catalogue(tmp_path)
    # when
    with translation.override("zh-hans"):
        shown = {key: _shown(key) for key in catalogue}
    # then
    differing = {key: (catalogue[key], shown[key]) for key in catalogue if shown[key] != catalogue[key]}
    assert differing == {}


def test_the_resolution_and_the_owner_read_as_the_service_desk_words():
    with translation.override("zh-hans"):
        assert translation.pgettext("service desk", "What was done") == "处理结果"
        assert translation.pgettext("service desk", "owner") == "首问负责人"
