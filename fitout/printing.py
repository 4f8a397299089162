"""What fit-out prints: each form's template, its title (the Chinese form name first, as users know it) and
the context it shows. The forms are bilingual, Chinese first."""

import base64
import io
from typing import Any

from django.conf import settings
from django.urls import reverse
from PIL import Image

from documents.models import Document
from documents.rendering import qr_svg
from documents.storage import document_storage
from handover.services import SignerInput
from tenancy.validators import mask_id_number

from .models import Application, Notice, Review, Worker

AGREEMENT_TEMPLATE = "documents/forms/fitout_agreement.html"
REVIEW_TEMPLATE = "documents/forms/fitout_review.html"
PERMIT_TEMPLATE = "documents/forms/fitout_permit.html"
PASS_TEMPLATE = "documents/forms/fitout_pass.html"  # noqa: S105 -- a worker pass, not a password
NOTICE_TEMPLATE = "documents/forms/fitout_notice.html"

NOTICE_NAMES = {
    Notice.Kind.RECTIFICATION: ("装修整改通知单", "Fit-out Rectification Notice"),
    Notice.Kind.VIOLATION: ("装修违章通知单", "Fit-out Violation Notice"),
}
PRINT_SIZE = (360, 120)


def _data_uri(data: bytes | None, size: tuple[int, int] = PRINT_SIZE, mode: str = "LA") -> str:
    """A picture scaled down for the print, as a ``data:`` URI (keeps the render fast)."""
    if not data:
        return ""
    image = Image.open(io.BytesIO(data)).convert(mode)
    image.thumbnail(size)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _common(application: Application) -> dict[str, Any]:
    return {
        "application": application,
        "tenant": application.tenant,
        "lease": application.lease,
        "units": list(application.units.select_related("building")),
    }


def agreement_title(application: Application) -> str:
    return f"《装修期管理协议》 {application.number}"


def agreement_context(
    application: Application, tenant_signer: SignerInput, contractor_signer: SignerInput
) -> dict[str, Any]:
    return {
        **_common(application),
        "signers": [
            {
                "label": "客户代表",
                "en": "For the tenant",
                "name": tenant_signer.name,
                "image": _data_uri(tenant_signer.png),
            },
            {
                "label": "施工单位代表",
                "en": "For the contractor",
                "name": contractor_signer.name,
                "image": _data_uri(contractor_signer.png),
            },
        ],
    }


def review_title(review: Review) -> str:
    return f"图纸审核意见书 {review.application.number} #{review.review_round}"


def review_context(review: Review) -> dict[str, Any]:
    return {
        **_common(review.application),
        "review": review,
        "comments": list(review.comments.select_related("drawing")),
        "drawings": list(review.application.drawings.filter(review_round=review.review_round)),
    }


def permit_title(application: Application) -> str:
    return f"装修施工许可证 {application.permit_number}"


def permit_context(application: Application) -> dict[str, Any]:
    return {**_common(application), "deposit": application.deposit_account}


def pass_title(worker: Worker) -> str:
    return f"施工人员出入证 {worker.pass_number}"


def pass_check_url(worker: Worker) -> str:
    return settings.SITE_URL + reverse("fitout:pass-check-number", args=[worker.pass_number])


def pass_context(worker: Worker, photo: Document) -> dict[str, Any]:
    with document_storage().open(photo.file_path, "rb") as handle:
        picture = _data_uri(handle.read(), size=(300, 400), mode="RGB")
    url = pass_check_url(worker)
    return {
        **_common(worker.application),
        "worker": worker,
        "masked_id": mask_id_number(worker.id_number),
        "photo": picture,
        "check_url": url,
        "check_qr": qr_svg(url),
    }


def notice_title(notice: Notice) -> str:
    return f"{NOTICE_NAMES[notice.kind][0]} {notice.number}"


def notice_context(notice: Notice) -> dict[str, Any]:
    chinese, english = NOTICE_NAMES[notice.kind]
    return {**_common(notice.application), "notice": notice, "chinese_name": chinese, "english_name": english}
