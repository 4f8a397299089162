"""``manage.py units_occupancy_refresh``: derive every unit's occupancy again from its leases and permits."""

from typing import Any

from django.core.management.base import BaseCommand

from leasing.occupancy import units_occupancy_refresh


class Command(BaseCommand):
    help = (
        "Derive every unit's status (vacant, reserved, let, under fit-out) again from its leases and "
        "permits, "
        "as the weekly repair does; prints how many units changed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        changed = units_occupancy_refresh()
        self.stdout.write(f"{changed} units changed")
