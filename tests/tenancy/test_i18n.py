"""Every user-facing string has a Simplified Chinese translation, and the switcher changes the language."""

import shutil
from pathlib import Path

import pytest
from django.urls import reverse

from config import translations

ROOT = Path(__file__).resolve().parents[2]
COPY_IGNORE = shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "*.mo", "__pycache__", "static")


@pytest.mark.xdist_group("i18n")
def test_every_catalogue_is_complete_and_has_nothing_fuzzy(tmp_path):
    # given: a copy of the sources, so refreshing the catalogues does not touch the working tree
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    problems = []
    # when: every catalogue is refreshed from the current sources
    translations.makemessages(copy)
    for directory in translations.catalogue_dirs(copy):
        po = translations.po_file(directory)
        # then: no entry lacks a translation or is still fuzzy
        if po.exists():
            problems += [f"{po.relative_to(copy)}: {msgid}" for msgid in translations.untranslated(po)]
    assert problems == [], "untranslated or fuzzy entries:\n" + "\n".join(problems)


def test_chinese_is_the_default_language(client, db):
    response = client.get(reverse("login"))
    assert 'lang="zh-hans"' in response.content.decode()
    assert "员工登录" in response.content.decode()


def test_the_switcher_turns_the_page_english_and_back(client, db):
    # when
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    # then
    page = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in page and "Staff login" in page and "员工登录" not in page
    client.post(reverse("set_language"), {"language": "zh-hans", "next": reverse("login")})
    assert "员工登录" in client.get(reverse("login")).content.decode()


def test_an_english_browser_still_gets_chinese_until_the_user_switches(client, db):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "员工登录" in page
