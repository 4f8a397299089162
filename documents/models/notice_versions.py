"""A notice's e-mail in another language than its tenant's, for the portal people who chose it."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from .files import Notice


class NoticeVersion(models.Model):
    """The notice written in ``language`` and e-mailed to the people who chose that language for their
    e-mails (``documents.notice_languages``); made with the notice, sent with it, never edited."""

    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="versions", verbose_name=_("notice")
    )
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))
    recipients = ArrayField(models.EmailField(), verbose_name=_("recipients"), default=list)

    class Meta:
        verbose_name = _("notice in another language")
        verbose_name_plural = _("notices in other languages")
        constraints = [models.UniqueConstraint(fields=["notice", "language"], name="notice_version_once")]

    def __str__(self) -> str:
        return f"{self.notice_id} {self.language}"
