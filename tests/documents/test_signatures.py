"""signature_record: who signed which document (or record) how, with the hash of what was signed."""

import hashlib

import pytest
from django.db import IntegrityError, transaction

from documents.errors import DomainError
from documents.kinds import SIGNATURE_IMAGE
from documents.models import Document, Signature
from documents.services import signature_record
from tests.documents.factories import PNG_BYTES, DocumentFactory
from tests.factories import TenantFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_signature_record_keeps_the_documents_hash_signer_and_method():
    # given
    document = DocumentFactory()
    clerk = UserFactory(roles=["business"])
    # when
    signature = signature_record(
        document=document,
        signer_name=" 王经理 ",
        signer_role=Signature.SignerRole.STAFF,
        method=Signature.Method.WET_INK,
        user=clerk,
        ip_address="10.0.0.8",
    )
    # then
    signature.refresh_from_db()
    assert signature.content_sha256 == document.sha256
    assert (signature.signer_name, signature.user, signature.ip_address) == ("王经理", clerk, "10.0.0.8")
    assert signature.signed_at is not None
    assert list(document.signatures.all()) == [signature]


def test_signature_record_refuses_a_hash_that_is_not_the_documents():
    # given: the signer was shown another version of the document
    document = DocumentFactory()
    # when / then
    with pytest.raises(DomainError, match="已被更改"):
        signature_record(
            document=document,
            signer_name="张三",
            signer_role=Signature.SignerRole.TENANT,
            method=Signature.Method.ELECTRONIC,
            content_sha256="0" * 64,
        )
    assert Signature.objects.count() == 0


def test_signature_record_on_a_record_needs_the_hash_of_what_was_signed():
    # given
    tenant = TenantFactory()
    digest = hashlib.sha256(b"handover sheet 7").hexdigest()
    # when
    signature = signature_record(
        about=tenant,
        signer_name="张三",
        signer_role=Signature.SignerRole.TENANT,
        method=Signature.Method.ELECTRONIC,
        content_sha256=digest,
    )
    # then
    assert (signature.about, signature.document, signature.content_sha256) == (tenant, None, digest)
    with pytest.raises(ValueError, match="SHA-256"):
        signature_record(
            about=tenant, signer_name="张三", signer_role="tenant", method="electronic", content_sha256="abc"
        )


def test_signature_record_stores_a_drawn_signature_as_a_png_document():
    # given
    document = DocumentFactory()
    # when
    signature = signature_record(
        document=document,
        signer_name="李四",
        signer_role=Signature.SignerRole.TENANT,
        method=Signature.Method.ON_SCREEN,
        image_png=PNG_BYTES,
    )
    # then
    assert signature.image.kind == SIGNATURE_IMAGE
    assert signature.image.content_type == "image/png"
    assert signature.image.tenant == document.tenant
    assert signature.image.about == document


def test_signature_record_refuses_an_unnamed_signer_and_a_picture_with_wet_ink():
    # given
    document = DocumentFactory()
    # when / then
    with pytest.raises(DomainError) as unnamed:
        signature_record(document=document, signer_name="  ", signer_role="staff", method="wet_ink")
    assert unnamed.value.field == "signer_name"
    with pytest.raises(DomainError):
        signature_record(
            document=document, signer_name="王", signer_role="staff", method="wet_ink", image_png=PNG_BYTES
        )
    assert Signature.objects.count() == 0
    assert Document.objects.count() == 1


def test_a_signature_must_sign_something_in_the_database():
    # given / when / then
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(
            signer_name="王",
            signer_role="staff",
            method="wet_ink",
            signed_at="2026-01-01T00:00Z",
            content_sha256="a" * 64,
        )
