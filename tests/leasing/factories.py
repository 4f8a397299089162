"""Factories for the space inventory: a building, its floors and units, valid by default.

``UnitFactory()`` makes a vacant office unit on a floor of a new building. Pass ``floor=`` (its building
follows) or ``building=`` (its floor 1 is used, created if missing).
"""

from decimal import Decimal

import factory

from leasing.models import Building, Floor, Unit


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"浦江国际商务中心{n}号楼")
    code = factory.Sequence(lambda n: f"B{n}")
    address = factory.Sequence(lambda n: f"上海市浦东新区世纪大道{n + 1}号")


class FloorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Floor
        django_get_or_create = ("building", "number")

    building = factory.SubFactory(BuildingFactory)
    number = 1


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    floor = factory.LazyAttribute(
        lambda o: FloorFactory(building=o.building) if o.building else FloorFactory()
    )
    building = None
    code = factory.Sequence(lambda n: f"{n + 101}")
    gross_area = Decimal("120.00")
    usable_area = Decimal("96.00")
    use = Unit.Use.OFFICE
    status = Unit.Status.VACANT
    guide_rent = Decimal("6.50")
    notes = ""

    @classmethod
    def _create(cls, model_class: type[Unit], *args: object, **kwargs: object) -> Unit:
        kwargs["building"] = kwargs["floor"].building  # type: ignore[attr-defined]
        return super()._create(model_class, *args, **kwargs)

    @classmethod
    def _build(cls, model_class: type[Unit], *args: object, **kwargs: object) -> Unit:
        kwargs["building"] = kwargs["floor"].building  # type: ignore[attr-defined]
        return super()._build(model_class, *args, **kwargs)
