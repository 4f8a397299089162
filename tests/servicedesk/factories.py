"""Factories for the service desk: categories and tickets with their clocks computed as the service would."""

import io
from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from servicedesk.clocks import dues_for
from servicedesk.models import Category, DepartmentManager, Ticket
from tests.factories import TenantFactory
from tests.leasing.factories import BuildingFactory, UnitFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试类别{n}")
    name_en = factory.Sequence(lambda n: f"Test category {n}")
    department = "engineering"
    resolution_target = 2
    resolution_unit = Category.TargetUnit.DAYS


class DepartmentManagerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DepartmentManager
        django_get_or_create = ("department",)


class TicketFactory(factory.django.DjangoModelFactory):
    """A new repair reported by phone for a unit, no owner unless given; dues as ``ticket_create`` sets."""

    class Meta:
        model = Ticket

    kind = Ticket.Kind.REPAIR
    channel = Ticket.Channel.PHONE
    urgency = Ticket.Urgency.NORMAL
    tenant = factory.SubFactory(TenantFactory)
    unit = factory.SubFactory(UnitFactory)
    building = factory.LazyAttribute(lambda o: o.unit.building if o.unit else BuildingFactory())
    category = factory.SubFactory(CategoryFactory)
    description = factory.Sequence(lambda n: f"空调不制冷，第{n}次报修")
    contact_name = "王经理"
    contact_phone = "13900000000"
    created_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class: type[Ticket], *args: object, **kwargs: object) -> Ticket:
        dues = dues_for(
            received_at=kwargs["created_at"],
            kind=kwargs["kind"],
            urgency=kwargs["urgency"],
            category=kwargs["category"],
        )
        kwargs.setdefault("acknowledge_due_at", dues.acknowledge)
        kwargs.setdefault("first_answer_due_at", dues.first_answer)
        kwargs.setdefault("resolution_due_at", dues.resolution)
        return super()._create(model_class, *args, **kwargs)


def hours_ago(hours: float) -> "timezone.datetime":
    return timezone.now() - timedelta(hours=hours)


# The smallest valid images: a 1×1 PNG and the start of a JPEG (documents tell files by their first bytes).
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
JPEG_BYTES = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"
)


def png(name: str = "leak.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def jpeg(name: str = "leak.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, JPEG_BYTES, content_type="image/jpeg")


def pdf(name: str = "leak.png") -> SimpleUploadedFile:
    """A PDF dressed up as a PNG: refused as a photo whatever its name says."""
    return SimpleUploadedFile(name, b"%PDF-1.7\n" + b"0" * 100, content_type="image/png")


def big_png(size: int) -> SimpleUploadedFile:
    data = io.BytesIO(PNG_BYTES + b"\x00" * (size - len(PNG_BYTES)))
    return SimpleUploadedFile("huge.png", data.getvalue(), content_type="image/png")
