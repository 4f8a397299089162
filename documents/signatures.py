"""Signatures drawn on screen, shared by every form signed that way (leases, handover sheets, fit-out
agreements): the server-side check of what a canvas posted, and the small copy a print shows."""

import base64
import io

from PIL import Image, UnidentifiedImageError

from .filetypes import SIGNATURE_MAX_PIXELS, check_image_pixels

MAX_SIGNATURE_BYTES = 512 * 1024
DATA_URL_PREFIX = "data:image/png;base64,"
# A drawn signature prints about 60 × 20 mm: this many pixels are plenty (a tablet canvas at 2× is ~900 px).
PRINT_SIGNATURE_SIZE = (360, 120)


def signature_png(data_url: str) -> bytes | None:
    """The PNG bytes of a canvas ``data:image/png;base64,...`` URL, or None when nothing was drawn; a picture
    claiming more pixels than a canvas has is refused with a ValidationError before it is decoded."""
    if not data_url.startswith(DATA_URL_PREFIX):
        return None
    try:
        data = base64.b64decode(data_url[len(DATA_URL_PREFIX) :], validate=True)
    except ValueError:
        return None
    if not data or len(data) > MAX_SIGNATURE_BYTES:
        return None
    check_image_pixels(io.BytesIO(data), limit=SIGNATURE_MAX_PIXELS)  # before decoding: no bomb gets opened
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError):
        return None
    if image.format != "PNG" or image.convert("RGBA").getchannel("A").getbbox() is None:
        return None  # a blank canvas: fully transparent
    return data


def signature_print_uri(png: bytes | None) -> str:
    """The drawn signature, scaled down and in grey with transparency, as a ``data:`` URI for the print.

    The stored PNG stays as drawn; the print gets a small copy, which keeps the PDF render fast.
    """
    if not png:
        return ""
    image = Image.open(io.BytesIO(png)).convert("LA")
    image.thumbnail(PRINT_SIGNATURE_SIZE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return DATA_URL_PREFIX + base64.b64encode(buffer.getvalue()).decode()
