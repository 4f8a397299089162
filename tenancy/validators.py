"""Chinese identifiers and phone numbers: normalise, check, and mask them.

The checks themselves are python-stdnum's (``cn.uscc``, ``cn.ric``); this module turns its exceptions into
translated messages that tell the user which part is wrong (length, characters, check digit, date, region).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError

MOBILE_RE = re.compile(r"^1\d{10}$")
MASK = "*"


def normalize_code(value: str) -> str:
    """Strip spaces and dashes and upper-case, so ``9131 0000-…x`` is stored as ``91310000…X``."""
    return uscc.compact(value or "")


def validate_credit_code(value: str) -> str:
    """Return the normalised unified social credit code, or raise a ValidationError saying what is wrong."""
    code = normalize_code(value)
    try:
        return uscc.validate(code)
    except InvalidLength:
        raise ValidationError(
            _("A unified social credit code has 18 characters (this one has %(n)d)."),
            code="length",
            params={"n": len(code)},
        ) from None
    except InvalidFormat:
        raise ValidationError(
            _(
                "The unified social credit code contains invalid characters: the first 8 are digits, "
                "the rest digits or capital letters other than I, O, Z, S and V."
            ),
            code="format",
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            _("Wrong check digit in the unified social credit code."), code="checksum"
        ) from None
    except StdnumError:
        raise ValidationError(_("This is not a valid unified social credit code."), code="invalid") from None


def validate_resident_id(value: str) -> str:
    """Return the normalised resident ID number, or raise a ValidationError saying what is wrong."""
    number = normalize_code(value)
    try:
        if len(number) == 18 and number[-1] not in "0123456789X":
            raise InvalidFormat()  # stdnum would call a letter at the end a wrong check digit
        ric.validate(number)
    except InvalidLength:
        raise ValidationError(
            _("A resident ID number has 18 characters (this one has %(n)d)."),
            code="length",
            params={"n": len(number)},
        ) from None
    except InvalidFormat:
        raise ValidationError(
            _("The resident ID number contains invalid characters: 17 digits, then a digit or X."),
            code="format",
        ) from None
    except InvalidChecksum:
        raise ValidationError(_("Wrong check digit in the resident ID number."), code="checksum") from None
    except InvalidComponent:
        raise _component_error(number) from None
    except StdnumError:
        raise ValidationError(_("This is not a valid resident ID number."), code="invalid") from None
    return number


def _component_error(number: str) -> ValidationError:
    """stdnum raises the same exception for a bad date of birth and an unknown region: tell them apart."""
    try:
        ric.get_birth_date(number)
    except StdnumError:
        return ValidationError(
            _("The date of birth in the resident ID number is not valid."), code="birth_date"
        )
    return ValidationError(_("The region code in the resident ID number is not known."), code="region")


def validate_mobile(value: str) -> str:
    """Return a mainland mobile number (11 digits starting with 1) without spaces or dashes."""
    number = re.sub(r"[\s-]", "", value or "")
    if number.startswith("+86"):
        number = number[3:]
    if not MOBILE_RE.match(number):
        raise ValidationError(_("A mobile number has 11 digits and starts with 1."), code="mobile")
    return number


def mask_id_number(value: str) -> str:
    """``310101198506150012`` → ``3101**********0012``: enough to recognise it, not enough to use it."""
    if not value:
        return ""
    if len(value) <= 8:
        return MASK * len(value)
    return value[:4] + MASK * (len(value) - 8) + value[-4:]


def duplicate_message(field: str, other_name: str) -> str:
    """The message shown at ``field`` when tenant ``other_name`` already holds the identifier."""
    if field == "credit_code":
        message = _("Tenant “%(name)s” already has this unified social credit code.")
    else:
        message = _("Tenant “%(name)s” already has this resident ID number.")
    return str(message) % {"name": other_name}
