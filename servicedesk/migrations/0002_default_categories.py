"""The usual categories of a building's service desk, with their departments and resolution targets."""

from django.db import migrations

CATEGORIES = [
    # (name, English name, department, target, unit)
    ("水电维修", "Plumbing and electrical", "engineering", 2, "days"),
    ("空调暖通", "Air conditioning and heating", "engineering", 2, "days"),
    ("电梯", "Lifts", "engineering", 4, "hours"),
    ("门禁与钥匙", "Access cards and keys", "security", 1, "days"),
    ("安全与秩序", "Safety and order", "security", 4, "hours"),
    ("保洁", "Cleaning", "front_desk", 1, "days"),
    ("噪音与环境", "Noise and environment", "front_desk", 2, "days"),
    ("服务态度", "Staff conduct", "front_desk", 3, "days"),
    ("费用与账单", "Charges and bills", "finance", 3, "days"),
    ("合同与租务", "Lease matters", "business", 5, "days"),
    ("其他", "Other", "front_desk", 3, "days"),
]


def add_categories(apps, schema_editor):
    Category = apps.get_model("servicedesk", "Category")
    for name, name_en, department, target, unit in CATEGORIES:
        Category.objects.get_or_create(
            name=name,
            defaults={
                "name_en": name_en,
                "department": department,
                "resolution_target": target,
                "resolution_unit": unit,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("servicedesk", "0001_initial")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
