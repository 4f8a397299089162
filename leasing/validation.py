"""The rules a unit's values follow, with their messages: shared by the form, the services and the import."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

MSG_CODE_TAKEN = _("This building already has a unit with this code.")
MSG_AREA_POSITIVE = _("The area must be greater than zero.")
MSG_USABLE_OVER_GROSS = _("The usable area cannot be larger than the gross area.")
MSG_RENT_NOT_NEGATIVE = _("The guide rent cannot be negative.")
MSG_FLOOR_ZERO = _("There is no floor 0: use 1 for the ground floor and -1 for the first basement.")

FLOOR_MIN = -20
FLOOR_MAX = 300


def unit_value_errors(
    *, gross_area: Decimal | None, usable_area: Decimal | None, guide_rent: Decimal | None
) -> dict[str, str]:
    """Field name → message for each rule the values break (missing values are left to the caller)."""
    errors: dict[str, str] = {}
    if gross_area is not None and gross_area <= 0:
        errors["gross_area"] = str(MSG_AREA_POSITIVE)
    if usable_area is not None and usable_area <= 0:
        errors["usable_area"] = str(MSG_AREA_POSITIVE)
    if not errors and gross_area is not None and usable_area is not None and usable_area > gross_area:
        errors["usable_area"] = str(MSG_USABLE_OVER_GROSS)
    if guide_rent is not None and guide_rent < 0:
        errors["guide_rent"] = str(MSG_RENT_NOT_NEGATIVE)
    return errors


def floor_number_error(number: int) -> str | None:
    """The message for a floor number no building has, or None."""
    if number == 0:
        return str(MSG_FLOOR_ZERO)
    if not FLOOR_MIN <= number <= FLOOR_MAX:
        return str(
            _("The floor number must be between %(low)s and %(high)s.")
            % {"low": FLOOR_MIN, "high": FLOOR_MAX}
        )
    return None
