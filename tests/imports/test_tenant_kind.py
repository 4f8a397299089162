"""Day-one import of tenants: identifiers checked by their check digit, contacts, re-imports."""

import pytest

from documents.imports.engine import import_run
from tenancy.models import Contact, Tenant

from .conftest import as_csv, as_xlsx
from .space_files import TENANTS

pytestmark = pytest.mark.django_db


def test_tenants_import_creates_companies_persons_and_contacts(front_desk):
    result = import_run("tenants", as_xlsx(TENANTS), by=front_desk, commit=True)
    assert result.batch.created == 2
    company = Tenant.objects.get(credit_code="91110000600037341L")
    assert (company.kind, company.name, company.legal_representative) == (
        "company",
        "上海示例科技有限公司",
        "张三",
    )
    assert company.contacts.get().is_primary
    assert Tenant.objects.get(id_number="11010519491231002X").kind == "person"


def test_tenants_reimport_changes_nothing_and_a_corrected_file_updates(front_desk):
    import_run("tenants", as_csv(TENANTS, "gbk"), by=front_desk, commit=True)
    again = import_run("tenants", as_csv(TENANTS, "utf-8-sig"), by=front_desk, commit=True)
    assert (again.batch.created, again.batch.updated, again.batch.unchanged) == (0, 0, 2)
    corrected = [row[:] for row in TENANTS]
    corrected[1][1], corrected[1][5] = "上海示例科技股份有限公司", "13900000000"
    result = import_run("tenants", as_csv(corrected), by=front_desk, commit=True)
    assert (result.batch.updated, result.batch.unchanged) == (1, 1)
    company = Tenant.objects.get(credit_code="91110000600037341L")
    assert company.name == "上海示例科技股份有限公司"
    assert company.contacts.get().mobile == "13900000000"


def test_tenants_import_lists_every_error_and_writes_nothing(front_desk):
    bad = [
        TENANTS[0],
        ["企业", "甲公司", "91110000600037341X", "", "", ""],
        ["个人", "", "110105194912310021", "", "", "138"],
        ["合伙", "乙", "91110000600037341L", "", "", ""],
        ["企业", "丙公司", "91110000600037341L", "", "", ""],
        ["企业", "丁公司", "91110000600037341L", "", "", ""],
    ]
    result = import_run("tenants", as_csv(bad), by=front_desk, commit=False)
    messages = {(e["line"], e["column"]): e["message"] for e in result.batch.errors}
    assert "check digit" in messages[(2, "Credit code or ID number")]
    assert (3, "Name") in messages and "check digit" in messages[(3, "Credit code or ID number")]
    assert (3, "Contact name") in messages
    assert "unknown value" in messages[(4, "Kind")]
    assert "already on row 5" in messages[(6, "Credit code or ID number")]
    assert not Tenant.objects.exists() and not Contact.objects.exists()
