"""Identifiers are checked by python-stdnum; the messages say which part is wrong."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc

from tenancy.validators import (
    mask_id_number,
    normalize_code,
    validate_credit_code,
    validate_mobile,
    validate_resident_id,
)
from tests.tenancy.factories import resident_id, wrong_check_digit

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# Region codes python-stdnum knows for every birth year drawn below.
REGIONS = ["110101", "110105", "110108", "120101", "310101", "310104"]


@st.composite
def credit_codes(draw: st.DrawFn) -> str:
    body = draw(st.text("0123456789", min_size=8, max_size=8)) + draw(
        st.text(USCC_ALPHABET, min_size=9, max_size=9)
    )
    return body + uscc.calc_check_digit(body)


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    born = draw(st.dates(datetime.date(1930, 1, 1), datetime.date(2020, 12, 31)))
    return resident_id(draw(st.sampled_from(REGIONS)), born.strftime("%Y%m%d"), draw(st.integers(0, 999)))


@given(credit_codes())
def test_validate_credit_code_accepts_any_valid_code(code):
    assert validate_credit_code(code) == code


@given(credit_codes())
def test_validate_credit_code_refuses_a_changed_check_digit(code):
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(wrong_check_digit(code))
    assert caught.value.code == "checksum"


@given(resident_ids())
def test_validate_resident_id_accepts_any_valid_number(number):
    assert validate_resident_id(number) == number


@given(resident_ids())
def test_validate_resident_id_refuses_a_changed_check_digit(number):
    with pytest.raises(ValidationError) as caught:
        validate_resident_id(wrong_check_digit(number))
    assert caught.value.code == "checksum"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("91310000MA1FL0", "length"),
        ("9131000OMA1FL00001", "format"),  # a letter among the first eight
        ("91310000MA1FLIO0S1", "format"),  # I, O and S are not used
    ],
)
def test_validate_credit_code_tells_length_from_characters(value, code):
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(value)
    assert caught.value.code == code


def test_validate_credit_code_upper_cases_and_strips():
    # given
    code = "91310000MA1FL1234" + uscc.calc_check_digit("91310000MA1FL1234")
    # when / then
    assert validate_credit_code(f"  {code[:8].lower()} {code[8:].lower()} ") == code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("3101011985061500", "length"),
        ("31010119850615001A", "format"),
        ("3101011985O6150012", "format"),
        (resident_id(born="19850230"), "birth_date"),
        (resident_id(region="999999"), "region"),
    ],
)
def test_validate_resident_id_names_the_wrong_part(value, code):
    with pytest.raises(ValidationError) as caught:
        validate_resident_id(value)
    assert caught.value.code == code


def test_validate_resident_id_upper_cases_a_final_x():
    # given
    number = next(n for n in (resident_id(sequence=s) for s in range(100)) if n.endswith("X"))
    # when / then
    assert validate_resident_id(number.lower()) == number


@pytest.mark.parametrize("value", ["13912345678", "139 1234 5678", "139-1234-5678", "+8613912345678"])
def test_validate_mobile_accepts_mainland_mobiles(value):
    assert validate_mobile(value) == "13912345678"


@pytest.mark.parametrize("value", ["1391234567", "23912345678", "021-55550000", "139123456789"])
def test_validate_mobile_refuses_others(value):
    with pytest.raises(ValidationError):
        validate_mobile(value)


def test_mask_id_number_keeps_four_characters_at_each_end():
    assert mask_id_number("310101198506150012") == "3101**********0012"
    assert mask_id_number("") == ""


def test_normalize_code_removes_spaces_and_dashes():
    assert normalize_code(" 9131-0000 ab ") == "91310000AB"
