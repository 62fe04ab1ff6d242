"""Pictures drawn with Pillow for the demo content (and the test factories): nothing can be downloaded here."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont


def drawn_image_file(label, colour="#005eb8", size=(1200, 675), name="picture.png"):
    """A simple picture: a plain background, a few rings and the label in white."""
    image = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    width, height = size
    for i in range(6):
        draw.ellipse(
            [width * 0.6 + i * 40, height * 0.1 + i * 30, width * 0.95 + i * 10, height * 0.55 + i * 40],
            outline="#ffffff",
            width=6,
        )
    font = ImageFont.load_default(size=72)
    draw.text((60, height - 180), label, fill="#ffffff", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ImageFile(buffer, name=name)
