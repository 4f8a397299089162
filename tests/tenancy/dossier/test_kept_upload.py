"""The dossier's upload form keeps the file chosen when the post fails, and files it on the next post."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.documents.factories import PDF_BYTES, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def document_root(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"


def test_a_failed_upload_keeps_the_file_and_the_corrected_post_files_it(client, front_desk, tenant):
    # given: a file with an expiry date on a kind that has none
    client.force_login(front_desk)
    url = reverse("archive:dossier-upload", args=[tenant.pk])
    expires = (timezone.localdate() + timezone.timedelta(days=90)).isoformat()
    data = {"kind": "other", "title": "租赁确认函", "expires_on": expires}
    response = client.post(url, {**data, "file": upload("letter.pdf", PDF_BYTES)})
    assert response.status_code == 200
    assert tenant.documents.count() == 0
    content = response.content.decode()
    assert 'data-testid="kept-file"' in content
    token = re.search(r'name="file__kept" value="([^"]+)"', content).group(1)
    # when: corrected, posted without choosing the file again
    response = client.post(url, {**data, "expires_on": "", "file__kept": token})
    # then
    assert response.status_code == 302
    document = tenant.documents.get()
    assert document.original_filename == "letter.pdf"
    assert document.title == "租赁确认函"
