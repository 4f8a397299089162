"""Behind a reverse proxy: X-Forwarded-For is believed only from the proxies of TRUSTED_PROXIES, and
lock-outs, the public form's throttle and download records all use the client's address, not the proxy's."""

import base64

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from documents.clientip import client_ip
from documents.models import DownloadRecord, Signature
from tenancy.models import Application
from tests.documents.factories import DocumentFactory
from tests.factories import PASSWORD
from tests.fitout.factories import applied
from tests.handover.factories import png

PROXY = "10.0.0.5"
CLIENT = "203.0.113.7"
OTHER_CLIENT = "198.51.100.20"


def _request(peer: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(settings):
    # given: no proxy is trusted (the default)
    settings.TRUSTED_PROXIES = []
    # when: a client connecting directly claims another address
    address = client_ip(_request(CLIENT, forwarded="1.2.3.4"))
    # then
    assert address == CLIENT


def test_a_peer_outside_the_trusted_proxies_cannot_forward(behind_proxy):
    # when: an address outside 10.0.0.0/24 sends the header
    address = client_ip(_request("192.0.2.50", forwarded="1.2.3.4"))
    # then
    assert address == "192.0.2.50"


def test_from_a_trusted_proxy_the_client_address_is_used(behind_proxy):
    # when: the proxy appended the address it received the request from
    address = client_ip(_request(PROXY, forwarded=CLIENT))
    # then
    assert address == CLIENT


def test_behind_a_trusted_proxy_a_spoofed_hop_is_not_believed(behind_proxy):
    # given: the client sent its own X-Forwarded-For; the proxy appended the real address after it
    request = _request(PROXY, forwarded=f"1.2.3.4, {CLIENT}")
    # when / then: the right-most address not appended by a trusted proxy is the client
    assert client_ip(request) == CLIENT


def test_a_chain_of_trusted_proxies_is_walked_back_to_the_client(behind_proxy):
    # given: a load balancer (10.0.0.9) in front of the proxy (10.0.0.5)
    request = _request(PROXY, forwarded=f"1.2.3.4, {CLIENT}, 10.0.0.9")
    # when / then
    assert client_ip(request) == CLIENT


def test_a_trusted_proxy_without_the_header_is_the_address(behind_proxy):
    assert client_ip(_request(PROXY)) == PROXY


def _login_via_proxy(client, client_address: str, password: str):
    return client.post(
        reverse("login"),
        {"username": "frontdesk", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
    )


def test_axes_locks_the_client_not_the_proxy(client, front_desk, settings, behind_proxy):
    # given: one client behind the proxy fails as often as the limit allows
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login_via_proxy(client, OTHER_CLIENT, "wrong")
    assert _login_via_proxy(client, OTHER_CLIENT, PASSWORD).status_code == 429
    # when: the account's owner logs in from another address through the same proxy
    response = _login_via_proxy(client, CLIENT, PASSWORD)
    # then: the owner gets in, and the lock names the failing client
    assert response.status_code == 302
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [OTHER_CLIENT]


def test_axes_ignores_a_forwarded_header_from_an_untrusted_peer(client, front_desk, settings):
    # given: no proxy is trusted; a client fails from one address, claiming a new one each time
    settings.TRUSTED_PROXIES = []
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "frontdesk", "password": "wrong"},
            REMOTE_ADDR=CLIENT,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}",
        )
    # when
    response = client.post(
        reverse("login"),
        {"username": "frontdesk", "password": PASSWORD},
        REMOTE_ADDR=CLIENT,
        HTTP_X_FORWARDED_FOR="192.0.2.200",
    )
    # then: locked, under the address that connected
    assert response.status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT]


def test_the_public_form_throttle_counts_per_client_behind_the_proxy(db, client, settings, behind_proxy):
    # given: one client used up its posts through the proxy
    settings.INTAKE_PUBLIC_MAX_PER_HOUR = 1
    url = reverse("intake:apply")
    client.post(url, {"applicant_name": ""}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OTHER_CLIENT)
    assert client.post(url, {}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OTHER_CLIENT).status_code == 429
    # when: another client posts through the same proxy
    response = client.post(url, {"applicant_name": ""}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CLIENT)
    # then: it is not throttled (the form answers with its errors)
    assert response.status_code == 200
    assert Application.objects.count() == 0


def test_a_download_record_keeps_the_client_address(
    client, general_manager, tenant, behind_proxy, settings, tmp_path
):
    # given
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    document = DocumentFactory(tenant=tenant, confidential=True)
    client.force_login(general_manager)
    # when
    response = client.get(
        reverse("documents:download", args=[document.pk]), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CLIENT
    )
    # then
    assert response.status_code == 200
    assert DownloadRecord.objects.get().ip_address == CLIENT


def test_a_fitout_agreement_signature_keeps_the_client_address(
    client, front_desk, behind_proxy, settings, tmp_path
):
    # given: a submitted fit-out, signed on the front desk's tablet behind the proxy
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    application = applied()
    drawn = "data:image/png;base64," + base64.b64encode(png()).decode()
    client.force_login(front_desk)
    # when
    client.post(
        reverse("fitout:application-sign", args=[application.pk]),
        {
            "tenant_name": "李华",
            "tenant_signature": drawn,
            "contractor_name": "赵强",
            "contractor_signature": drawn,
        },
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=CLIENT,
    )
    # then: both signatures name the tablet, not the proxy
    assert list(Signature.objects.values_list("ip_address", flat=True)) == [CLIENT, CLIENT]
