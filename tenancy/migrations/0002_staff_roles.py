"""Staff roles are Django groups; management (the supervisors) may see confidential identity data."""

from django.db import migrations

ROLES = ["front_desk", "business", "legal", "finance", "engineering", "security", "management"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    tenant_type, _ = ContentType.objects.get_or_create(app_label="tenancy", model="tenant")
    confidential, _ = Permission.objects.get_or_create(
        content_type=tenant_type,
        codename="view_confidential",
        defaults={"name": "Can see ID numbers and licence scans"},
    )
    Group.objects.get(name="management").permissions.add(confidential)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tenancy", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
