"""Importing tenants (day one): companies by unified social credit code, persons by resident ID number, each
with its main contact. Re-importing the same file changes nothing; a corrected file updates by identifier.

Imported tenants need no intake admission (they are already in the building); the import batch is recorded
in the audit trail of every row it writes (``pghistory`` context ``import_batch``), and the leases imported
for them are marked as signed before the system.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.actors import User
from documents.bulk import insert_rows, next_ids
from documents.imports import cells
from documents.imports.kinds import (
    UNCHANGED,
    UPDATE,
    Column,
    ImportKind,
    Outcome,
    Row,
    import_kind_register,
)

from .models import Contact, Tenant
from .roles import Role
from .validators import normalize_code, validate_credit_code, validate_resident_id

KIND_ALIASES = {"企业": "company", "公司": "company", "单位": "company", "个人": "person", "自然人": "person"}
LANGUAGE_ALIASES = {"中文": "zh-hans", "简体中文": "zh-hans", "zh": "zh-hans", "英文": "en", "english": "en"}
TENANT_FIELDS = ("name", "legal_representative", "phone", "email", "address", "language")
CONTACT_FIELDS = ("position", "mobile", "email")

COLUMNS = (
    Column(
        "kind", "Kind", "租户类型", example="企业", allowed=lambda: cells.allowed_values(Tenant.Kind.choices)
    ),
    Column("name", "Name", "租户名称", example="上海示例科技有限公司"),
    Column(
        "identifier",
        "Credit code or ID number",
        "统一社会信用代码或身份证号",
        example="91310000MA1FL0XX0X",
        hint=gettext_lazy(
            "Companies: the 18-character unified social credit code; persons: the resident ID number."
        ),
    ),
    Column("legal_representative", "Legal representative", "法定代表人", required=False, example="张三"),
    Column("phone", "Phone", "电话", required=False, example="021-50000000"),
    Column("email", "E-mail", "电子邮箱", required=False, example="office@example.cn"),
    Column("address", "Address", "地址", required=False, example="上海市浦东新区世纪大道100号"),
    Column(
        "language",
        "Language",
        "语言",
        required=False,
        example="中文",
        allowed=lambda: cells.allowed_values(Tenant.Language.choices),
        hint=gettext_lazy("Empty: Chinese."),
    ),
    Column("contact_name", "Contact name", "联系人", required=False, example="李四"),
    Column("contact_position", "Contact position", "联系人职务", required=False, example="行政经理"),
    Column("contact_mobile", "Contact mobile", "联系人手机", required=False, example="13800000000"),
    Column("contact_email", "Contact e-mail", "联系人邮箱", required=False, example="li@example.cn"),
)


@dataclass
class TenantPlan:
    values: dict[str, str]
    identifier: str
    contact: dict[str, str] = field(default_factory=dict)
    tenant_id: int | None = None
    contact_id: int | None = None


def _identifier(row: Row, outcome: Outcome, kind: str | None) -> str:
    value = row.get("identifier")
    if not value:
        outcome.error("identifier", _("missing: this column must be filled in"))
        return ""
    check = validate_resident_id if kind == Tenant.Kind.PERSON else validate_credit_code
    try:
        return check(value)
    except ValidationError as error:
        outcome.error("identifier", " ".join(error.messages))
        return normalize_code(value)


def _email(row: Row, outcome: Outcome, key: str) -> str:
    value = cells.text(row, outcome, key, required=False, max_length=254)
    if value:
        try:
            validate_email(value)
        except ValidationError:
            outcome.error(key, _("“%(value)s” is not an e-mail address") % {"value": value})
    return value


def _read(row: Row, outcome: Outcome, lookups: dict[str, dict[str, str]]) -> TenantPlan | None:
    kind = cells.choice(row, outcome, "kind", lookups["kind"])
    values = {
        "kind": kind or "",
        "name": cells.text(row, outcome, "name"),
        "legal_representative": cells.text(
            row, outcome, "legal_representative", required=False, max_length=100
        ),
        "phone": cells.text(row, outcome, "phone", required=False, max_length=30),
        "email": _email(row, outcome, "email"),
        "address": cells.text(row, outcome, "address", required=False, max_length=300),
        "language": cells.choice(row, outcome, "language", lookups["language"], default="zh-hans") or "",
    }
    identifier = _identifier(row, outcome, kind)
    contact = {
        "name": cells.text(row, outcome, "contact_name", required=False, max_length=100),
        "position": cells.text(row, outcome, "contact_position", required=False, max_length=100),
        "mobile": cells.text(row, outcome, "contact_mobile", required=False, max_length=20),
        "email": _email(row, outcome, "contact_email"),
    }
    if not contact["name"] and any(contact.values()):
        outcome.error("contact_name", _("give the contact's name with their details"))
    if outcome.errors:
        return None
    return TenantPlan(values, identifier, contact if contact["name"] else {})


def _diff(plan: TenantPlan, tenant: Tenant, contacts: dict[tuple[int, str], Contact]) -> list[str]:
    changes = [
        str(Tenant._meta.get_field(n).verbose_name)
        for n in TENANT_FIELDS
        if getattr(tenant, n) != plan.values[n]
    ]
    if plan.contact:
        contact = contacts.get((tenant.pk, plan.contact["name"]))
        if contact is None:
            changes.append(_("new contact %(name)s") % {"name": plan.contact["name"]})
        else:
            plan.contact_id = contact.pk
            if any(getattr(contact, n) != plan.contact[n] for n in CONTACT_FIELDS):
                changes.append(_("contact %(name)s") % {"name": contact.name})
    return changes


def tenants_plan(rows: list[Row], by: User) -> list[Outcome]:
    """Each row checked (identifier checksums, required values) and matched to a tenant by identifier."""
    lookups = {
        "kind": cells.choice_lookup(Tenant.Kind.choices, KIND_ALIASES),
        "language": cells.choice_lookup(Tenant.Language.choices, LANGUAGE_ALIASES),
    }
    plans: list[tuple[Outcome, TenantPlan | None]] = []
    for row in rows:
        outcome = Outcome(row.line, label=f"{row.get('name')} · {row.get('identifier')}")
        plans.append((outcome, _read(row, outcome, lookups)))
    identifiers = [p.identifier for _o, p in plans if p]
    tenants = {t.identifier: t for t in Tenant.objects.filter(credit_code__in=identifiers)}
    tenants.update({t.identifier: t for t in Tenant.objects.filter(id_number__in=identifiers)})
    contacts = {(c.tenant_id, c.name): c for c in Contact.objects.filter(tenant__in=list(tenants.values()))}
    first_line: dict[str, int] = {}
    for outcome, plan in plans:
        if plan is None:
            continue
        if plan.identifier in first_line:
            outcome.error(
                "identifier",
                _("this tenant is already on row %(line)s") % {"line": first_line[plan.identifier]},
            )
            continue
        first_line[plan.identifier] = outcome.line
        outcome.payload = plan
        tenant = tenants.get(plan.identifier)
        if tenant is not None:
            plan.tenant_id = tenant.pk
            outcome.changes = _diff(plan, tenant, contacts)
            outcome.action = UPDATE if outcome.changes else UNCHANGED
    return [outcome for outcome, _plan in plans]


def _tenant(plan: TenantPlan) -> Tenant:
    # A tenant imported is in the building already: active (the model's default), not a prospect.
    tenant = Tenant(pk=plan.tenant_id, **plan.values)
    if tenant.kind == Tenant.Kind.COMPANY:
        tenant.credit_code = plan.identifier
    else:
        tenant.id_number = plan.identifier
    return tenant


def tenants_write(outcomes: list[Outcome], by: User) -> None:
    """Create and update the tenants and their contacts in bulk (a new contact is primary if none is)."""
    plans: list[TenantPlan] = [o.payload for o in outcomes]
    known = [_tenant(p) for p in plans if p.tenant_id is not None]
    fresh = [p for p in plans if p.tenant_id is None]
    for plan, pk in zip(fresh, next_ids(Tenant, len(fresh)), strict=True):
        plan.tenant_id = pk
    insert_rows(Tenant, [_tenant(p) for p in fresh])  # one INSERT for thousands (documents.bulk)
    Tenant.objects.bulk_update(known, TENANT_FIELDS, batch_size=2000)
    with_primary = set(
        Contact.objects.filter(tenant_id__in=[p.tenant_id for p in plans], is_primary=True).values_list(
            "tenant_id", flat=True
        )
    )
    new_contacts, changed_contacts = [], []
    for plan in plans:
        if not plan.contact:
            continue
        contact = Contact(pk=plan.contact_id, tenant_id=plan.tenant_id, **plan.contact)
        if plan.contact_id:
            changed_contacts.append(contact)
        else:
            contact.is_primary = plan.tenant_id not in with_primary
            with_primary.add(plan.tenant_id)
            new_contacts.append(contact)
    for contact, pk in zip(new_contacts, next_ids(Contact, len(new_contacts)), strict=True):
        contact.pk = pk
    insert_rows(Contact, new_contacts)
    Contact.objects.bulk_update(changed_contacts, CONTACT_FIELDS, batch_size=2000)


TENANTS = ImportKind(
    key="tenants",
    label=gettext_lazy("Tenants and contacts"),
    roles=(Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT),
    roles_label=gettext_lazy("Front desk, business department, management"),
    description=gettext_lazy(
        "One row per tenant: companies by unified social credit code, persons by resident ID number "
        "(the check digit is verified), with a main contact. A tenant already there is updated; no intake "
        "admission is needed."
    ),
    columns=COLUMNS,
    plan=tenants_plan,
    write=tenants_write,
    order=20,
)


def register() -> None:
    import_kind_register(TENANTS)
