"""Demo tenants: companies with valid credit codes, a few persons with valid resident IDs, their contacts."""

import random
from dataclasses import dataclass, field
from typing import Any

from stdnum.cn import ric, uscc

from tenancy.models import Contact, Tenant

from .common import BATCH_SIZE, SeedReport, mobile, person_name, rng, unique, weighted
from .words import BRANDS, DISTRICTS, INDUSTRIES, POSITIONS, RESIDENT_AREAS, ROADS

TENANTS_PER_BUILDING = 30
PERSON_SLOTS = frozenset({9, 19, 29})  # a few private persons in each batch of tenants
TENANT_STATUS_WEIGHTS = {Tenant.Status.ACTIVE: 80, Tenant.Status.PROSPECT: 15, Tenant.Status.ARCHIVED: 5}
ORG_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # the USCC alphabet (no I, O, S, V, Z)
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714

Spec = tuple[dict[str, Any], list[dict[str, Any]]]  # a tenant's fields and its contacts' fields


@dataclass
class _Taken:
    """Identifiers and names handed out so far, so that every generated one is unique."""

    identifiers: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)


def seed_tenants(scale: int, report: SeedReport) -> list[Tenant]:
    """30 tenants per building, generated batch by batch, inserted (with contacts) where their ID is new."""
    taken = _Taken()
    specs: list[Spec] = []
    for batch in range(scale):
        draw = rng(f"tenants/{batch}")
        for slot in range(TENANTS_PER_BUILDING):
            person = slot in PERSON_SLOTS
            tenant = _person(draw, taken) if person else _company(draw, taken)
            specs.append((tenant, _contacts(draw, tenant, person)))
    existing = _existing(specs)
    new = [(Tenant(**fields), contacts) for fields, contacts in specs if _identifier(fields) not in existing]
    Tenant.objects.bulk_create([tenant for tenant, _contacts in new], batch_size=BATCH_SIZE)
    contacts = [Contact(tenant=tenant, **fields) for tenant, contact_specs in new for fields in contact_specs]
    Contact.objects.bulk_create(contacts, batch_size=BATCH_SIZE)
    report.count("tenants", len(new))
    report.count("contacts", len(contacts))
    by_identifier = {**existing, **{tenant.identifier: tenant for tenant, _contacts in new}}
    return [by_identifier[_identifier(fields)] for fields, _contacts in specs]


def _identifier(fields: dict[str, Any]) -> str:
    return fields["credit_code"] or fields["id_number"]


def _existing(specs: list[Spec]) -> dict[str, Tenant]:
    codes = [fields["credit_code"] for fields, _contacts in specs if fields["credit_code"]]
    id_numbers = [fields["id_number"] for fields, _contacts in specs if fields["id_number"]]
    found = Tenant.objects.filter(credit_code__in=codes) | Tenant.objects.filter(id_number__in=id_numbers)
    return {tenant.identifier: tenant for tenant in found}


def _company(draw: random.Random, taken: _Taken) -> dict[str, Any]:
    # A trade name is used once per line of business, so names and mail domains are unique.
    pair = unique(lambda: f"{draw.randrange(len(BRANDS))}:{draw.randrange(len(INDUSTRIES))}", taken.names)
    brand_index, industry_index = pair.split(":")
    brand, industry = BRANDS[int(brand_index)], INDUSTRIES[int(industry_index)]
    suffix = "股份有限公司" if draw.random() < 0.15 else "有限公司"
    district, division = draw.choice(DISTRICTS)
    return {
        "kind": Tenant.Kind.COMPANY,
        "name": f"上海{brand[0]}{industry[0]}{suffix}",
        "credit_code": unique(lambda: credit_code(draw, division), taken.identifiers),
        "id_number": "",
        "legal_representative": person_name(draw),
        "phone": f"021-{draw.randint(5000_0000, 6999_9999)}",
        "email": f"contact@{brand[1]}-{industry[1]}.example.com",
        "address": f"上海市{district}{draw.choice(ROADS)}{draw.randint(1, 1999)}号{draw.randint(2, 30)}楼",
        "status": weighted(draw, TENANT_STATUS_WEIGHTS),
    }


def _person(draw: random.Random, taken: _Taken) -> dict[str, Any]:
    name = unique(lambda: person_name(draw), taken.names)
    district, _division = draw.choice(DISTRICTS)
    id_number = unique(lambda: resident_id(draw), taken.identifiers)
    return {
        "kind": Tenant.Kind.PERSON,
        "name": name,
        "credit_code": "",
        "id_number": id_number,
        "legal_representative": "",
        "phone": mobile(draw),
        "email": f"p{id_number[-6:].lower()}@mail.example.com",
        "address": f"上海市{district}{draw.choice(ROADS)}{draw.randint(1, 1999)}弄{draw.randint(1, 40)}号",
        "status": weighted(draw, TENANT_STATUS_WEIGHTS),
    }


def _contacts(draw: random.Random, tenant: dict[str, Any], person: bool) -> list[dict[str, Any]]:
    """One to three contacts for a company, the first one primary; a private person is their own contact."""
    if person:
        own = {
            "name": tenant["name"],
            "position": "本人",
            "mobile": tenant["phone"],
            "email": tenant["email"],
        }
        return [{**own, "is_primary": True}]
    domain = tenant["email"].split("@")[1]
    names: set[str] = set()
    return [
        {
            "name": unique(lambda: person_name(draw), names),
            "position": position,
            "mobile": mobile(draw),
            "email": f"{mailbox}@{domain}",
            "is_primary": i == 0,
        }
        for i, (position, mailbox) in enumerate(draw.sample(POSITIONS, draw.randint(1, 3)))
    ]


def credit_code(draw: random.Random, division: str) -> str:
    """A unified social credit code of a company registered with industry and commerce ("91") in ``division``.

    Positions 9–17 are the organisation code with its own GB 11714 check character; the last character is
    the USCC check character, computed by python-stdnum.
    """
    body = "MA1" + "".join(draw.choice(ORG_CODE_ALPHABET) for _ in range(5))
    total = sum(int(c, 36) * w for c, w in zip(body, ORG_CODE_WEIGHTS, strict=True))
    check = {10: "X", 11: "0"}.get(11 - total % 11, str(11 - total % 11))
    number = f"91{division}{body}{check}"
    return number + uscc.calc_check_digit(number)


def resident_id(draw: random.Random) -> str:
    """An 18-digit resident ID: area, birth date, sequence, check character computed by python-stdnum."""
    birth = f"{draw.randint(1965, 1998)}{draw.randint(1, 12):02d}{draw.randint(1, 28):02d}"
    body = f"{draw.choice(RESIDENT_AREAS)}{birth}{draw.randint(1, 999):03d}"
    # stdnum's ric.calc_check_digit expects the number *with* a check position, and ignores that character.
    return body + ric.calc_check_digit(body + "0")
