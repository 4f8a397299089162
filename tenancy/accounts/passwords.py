"""Password rules that depend on the kind of account."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from documents.actors import AnyUser


class StaffMinimumLengthValidator:
    """Staff passwords open the whole back office: at least ``min_length`` characters (portal ones not)."""

    def __init__(self, min_length: int = 12) -> None:
        self.min_length = min_length

    def validate(self, password: str, user: AnyUser | None = None) -> None:
        if user is None or not getattr(user, "is_staff", False) or len(password) >= self.min_length:
            return
        raise ValidationError(
            ngettext(
                "A staff password must contain at least %(min_length)d character.",
                "A staff password must contain at least %(min_length)d characters.",
                self.min_length,
            )
            % {"min_length": self.min_length},
            code="password_too_short",
            params={"min_length": self.min_length},
        )

    def get_help_text(self) -> str:
        return _("Staff passwords must contain at least %(min_length)d characters.") % {
            "min_length": self.min_length
        }
