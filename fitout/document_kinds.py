"""The fit-out's papers (drawings and the fire-safety approval, uploaded) and the forms it prints, filed in
the dossier's "fit-out" section; registered with documents at start-up."""

from django.utils.translation import gettext_lazy as _

from documents.kinds import DocumentKind, Section, kinds_register, sections_register

FITOUT = Section("fitout", _("Fit-out"), order=50)

DRAWING = DocumentKind("drawing", _("Fit-out drawing"), section=FITOUT.key)
FIRE_SAFETY_APPROVAL = DocumentKind("fire_safety_approval", _("Fire-safety approval"), section=FITOUT.key)
FITOUT_APPLICATION = DocumentKind(
    "fitout_application", _("Fit-out application"), section=FITOUT.key, rendered=True
)
FITOUT_AGREEMENT = DocumentKind(
    "fitout_agreement", _("Fit-out management agreement"), section=FITOUT.key, rendered=True
)
DRAWING_REVIEW = DocumentKind(
    "drawing_review", _("Drawing review opinion"), section=FITOUT.key, rendered=True
)
FITOUT_PERMIT = DocumentKind("fitout_permit", _("Fit-out permit"), section=FITOUT.key, rendered=True)
WORKER_PASS = DocumentKind("worker_pass", _("Worker pass"), section=FITOUT.key, rendered=True)
FITOUT_RECTIFICATION_NOTICE = DocumentKind(
    "fitout_rectification", _("Fit-out rectification notice"), section=FITOUT.key, rendered=True
)
FITOUT_VIOLATION_NOTICE = DocumentKind(
    "fitout_violation", _("Fit-out violation notice"), section=FITOUT.key, rendered=True
)

KINDS = (
    DRAWING,
    FIRE_SAFETY_APPROVAL,
    FITOUT_APPLICATION,
    FITOUT_AGREEMENT,
    DRAWING_REVIEW,
    FITOUT_PERMIT,
    WORKER_PASS,
    FITOUT_RECTIFICATION_NOTICE,
    FITOUT_VIOLATION_NOTICE,
)


def register() -> None:
    sections_register(FITOUT)
    kinds_register(*KINDS)
