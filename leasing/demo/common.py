"""What the demo's parts share: the seeded generators, uniqueness, the report of what was inserted."""

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from documents.money import CENT, half_up

from .words import GIVEN_NAMES, SURNAMES

SEED = 42
BATCH_SIZE = 500
K = TypeVar("K")


@dataclass(frozen=True)
class DemoLogin:
    """A login to print: ``role`` is a Role value, "superuser", or "portal" (``tenant`` names the tenant)."""

    role: str
    username: str
    password: str
    tenant: str = ""
    office: str = ""  # a staff login of one management office (blank: head office, sees every building)


@dataclass
class SeedReport:
    """What a run inserted (nothing on a second run) and the logins to print."""

    created: dict[str, int] = field(default_factory=dict)
    logins: list[DemoLogin] = field(default_factory=list)

    def count(self, key: str, n: int) -> None:
        self.created[key] = self.created.get(key, 0) + n


def rng(stream: str) -> random.Random:
    """A generator of its own for each part, so a batch's data never depends on how many batches there are."""
    return random.Random(f"{SEED}/{stream}")  # noqa: S311 (demo data, not secrets)


def unique(make: Callable[[], str], taken: set[str]) -> str:
    """Draw from ``make`` until the value is not in ``taken``; remember it."""
    while True:
        value = make()
        if value not in taken:
            taken.add(value)
            return value


def weighted(rng: random.Random, weights: dict[K, int]) -> K:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(0, 9999_9999):08d}"


def to_step(value: float | Decimal, step: Decimal = CENT) -> Decimal:
    """A random figure (a float from ``rng``, read by its text) rounded half-up to a multiple of ``step``."""
    return half_up(Decimal(str(value)) / step, Decimal(1)) * step


def drawn_signature(seed: int = 0) -> bytes:
    """A stroke as the signing canvas gives it (a transparent PNG), a little different for each ``seed``."""
    image = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    points = [(10, 70), (80 + seed * 20, 20), (160, 75), (290, 30 + seed * 10)]
    ImageDraw.Draw(image).line(points, fill=(20, 20, 60, 255), width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def photo_jpeg(seed: int = 0) -> ContentFile:
    """A small portrait-shaped photo (a plain colour), as a phone's upload would be."""
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), (30 + seed * 40 % 200, 90, 160)).save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name=f"photo-{seed}.jpg")


# A scanned page (uploads are checked by content): stands for licences, ID copies and drawings.
SCAN_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def scan(name: str, extra: bytes = b"") -> ContentFile:
    return ContentFile(SCAN_PDF + extra, name=name)
