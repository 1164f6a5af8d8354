"""WCAG 2 contrast for the branding's colours: a host's brand colour must never give unreadable text.

Header text is black or white, whichever contrasts more with the header colour (by WCAG contrast, not brightness:
the better of the two always reaches 4.58:1). Link and hover colours start from the brand colours and are shaded
towards black (light pages) or white (dark pages) until they reach AA for body text on the page background.
"""

from __future__ import annotations

AA_TEXT = 4.5
WHITE = "#ffffff"
BLACK = "#000000"
# Material for MkDocs' page backgrounds: default scheme white; slate hsla(225deg, 15%, 14%) = #1e2129.
LIGHT_PAGE = WHITE
DARK_PAGE = "#1e2129"


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def mix(colour: str, other: str, amount: float) -> str:
    a, b = _rgb(colour), _rgb(other)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(background: str) -> str:
    """Black or white, whichever is more readable on the background."""
    return WHITE if ratio(WHITE, background) >= ratio(BLACK, background) else BLACK


def readable(colour: str, background: str, minimum: float = AA_TEXT) -> str:
    """The colour itself when it reaches the minimum on the background, else the nearest shade (towards black on a
    light background, towards white on a dark one) that does."""
    if ratio(colour, background) >= minimum:
        return colour
    target = BLACK if luminance(background) > 0.18 else WHITE
    for step in range(1, 101):
        shade = mix(colour, target, step / 100)
        if ratio(shade, background) >= minimum:
            return shade
    return target


def fmt(value: float) -> str:
    """A ratio as people write it: 3.51:1 (rounded down, so 4.499 never shows as a passing 4.5)."""
    return f"{int(value * 100) / 100:.2f}:1"
