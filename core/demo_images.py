"""Images for demo content, drawn with Pillow: nothing is downloaded.

A picture follows from its name or title alone, so each is drawn once per
process: the test suite seeds the demo dozens of times, and drawing and
encoding the same PNGs was about a fifth of each seed.
"""

import functools
import hashlib
import io
import math

from PIL import Image, ImageDraw, ImageFilter

from core.avatars import colour_for, initials_for


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def _seeded(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()


@functools.lru_cache(maxsize=128)
def portrait_png(name: str, size: int = 480) -> bytes:
    """A friendly abstract portrait: head and shoulders on a coloured backdrop."""
    seed = _seeded(name)
    backdrop = _rgb(colour_for(name))
    image = Image.new("RGB", (size, size), backdrop)
    draw = ImageDraw.Draw(image)
    # Soft light from the top left.
    for step in range(size // 2, 0, -8):
        shade = tuple(min(255, c + (size // 2 - step) // 6) for c in backdrop)
        draw.ellipse((-step // 2, -step // 2, step, step), fill=shade)
    skin_tones = [(241, 204, 175), (224, 172, 137), (198, 134, 98), (141, 85, 54), (255, 219, 190)]
    hair_tones = [(45, 34, 28), (96, 64, 40), (180, 140, 80), (120, 120, 120), (20, 20, 20)]
    shirt_tones = [(40, 60, 90), (230, 230, 235), (110, 40, 50), (50, 90, 70), (70, 70, 80)]
    skin = skin_tones[seed[1] % len(skin_tones)]
    hair = hair_tones[seed[2] % len(hair_tones)]
    shirt = shirt_tones[seed[3] % len(shirt_tones)]
    cx = size // 2
    draw.ellipse((cx - size * 0.36, size * 0.68, cx + size * 0.36, size * 1.3), fill=shirt)
    draw.rectangle((cx - size * 0.07, size * 0.55, cx + size * 0.07, size * 0.72), fill=skin)
    head = (cx - size * 0.17, size * 0.22, cx + size * 0.17, size * 0.64)
    hair_length = seed[4] % 3
    if hair_length == 2:
        draw.rounded_rectangle(
            (cx - size * 0.2, size * 0.18, cx + size * 0.2, size * 0.7), radius=size // 8, fill=hair
        )
    draw.ellipse(head, fill=skin)
    draw.chord((cx - size * 0.18, size * 0.17, cx + size * 0.18, size * 0.5), 180, 360, fill=hair)
    eye_y = size * 0.43
    for dx in (-0.065, 0.065):
        draw.ellipse(
            (cx + size * dx - 6, eye_y - 6, cx + size * dx + 6, eye_y + 6), fill=(40, 30, 30)
        )
    draw.arc(
        (cx - size * 0.06, size * 0.47, cx + size * 0.06, size * 0.55),
        20,
        160,
        fill=(120, 60, 60),
        width=4,
    )
    image = image.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@functools.lru_cache(maxsize=128)
def illustration_png(title: str, width: int = 1600, height: int = 900) -> bytes:
    """An abstract header illustration: layered waves in a palette from the title."""
    seed = _seeded(title)
    base = _rgb(colour_for(title))
    image = Image.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(image)
    layers = 5
    for layer in range(layers):
        amplitude = 30 + seed[layer] % 60
        phase = seed[layer + 5] / 255 * math.tau
        offset = height * (0.35 + layer * 0.13)
        lighten = 25 * (layer + 1)
        colour = tuple(min(255, c + lighten) for c in base)
        points = [
            (x, offset + amplitude * math.sin(x / width * math.tau * (1 + layer % 3) + phase))
            for x in range(0, width + 20, 20)
        ]
        draw.polygon([(0, height), *points, (width, height)], fill=colour)
    sun_x = width * (0.2 + seed[11] / 255 * 0.6)
    draw.ellipse((sun_x - 90, 110, sun_x + 90, 290), fill=(250, 226, 150))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


__all__ = ["illustration_png", "initials_for", "portrait_png"]
