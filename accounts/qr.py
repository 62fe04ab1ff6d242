"""The enrolment QR code, drawn here as SVG (qrcode) and put in the page as a data: image: nothing is fetched
from another host, and the admin's Content Security Policy allows data: images."""

import base64

import qrcode
import qrcode.image.svg


def qr_data_uri(text):
    # The filled variant draws a white background, so the code scans in the admin's dark theme too.
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, border=4)
    svg = image.to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def grouped_secret(secret):
    """A base32 secret in groups of four, easier to type into a phone: 'ABCD EFGH …'."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
