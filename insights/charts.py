"""Horizontal bar charts as inline SVG, laid out here and drawn by a template.

No script and no chart library: the server computes every bar's position
and length, and the template writes ``<rect>`` and ``<text>`` elements. Each
chart has a title and the figures as text, and the dashboard shows the same
numbers in a table next to it, so nothing depends on seeing the bars.
"""

import math
from dataclasses import dataclass, field

BAR_ROOM = 320
ROW_HEIGHT = 26
BAR_HEIGHT = 16
LABEL_CHARS = 34
FONT_SIZE = 13
# SVG text does not wrap and the server cannot measure it, so the label and
# value columns are sized from the longest text at a generous average glyph
# width (wide enough for capitals and umlauts); the viewBox scales the rest.
GLYPH_EM = 0.62
GAP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    y: int
    length: float

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 3


def text_width(text: str) -> int:
    """Room ``text`` needs at the chart's font size, rounded up (an estimate, on the safe side)."""
    return math.ceil(len(text) * FONT_SIZE * GLYPH_EM)


@dataclass
class BarChart:
    title: str
    bars: list[Bar] = field(default_factory=list)
    label_width: int = 0
    value_width: int = 0
    font_size: int = FONT_SIZE

    @property
    def width(self) -> int:
        return self.label_width + GAP + BAR_ROOM + GAP + self.value_width

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT + 4

    @property
    def bar_x(self) -> int:
        return self.label_width + GAP

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def value_x(self) -> int:
        return self.bar_x + BAR_ROOM + GAP


def _short(label: str) -> str:
    label = " ".join(str(label).split())
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_chart(title: str, rows: list[tuple[str, float, str]], scale_max=None) -> BarChart:
    """A chart of ``(label, value, text shown after the bar)`` rows, longest bar = ``scale_max``."""
    top = scale_max if scale_max is not None else max((value for _l, value, _t in rows), default=0)
    room = BAR_ROOM
    bars = [
        Bar(
            label=_short(label),
            value=value,
            text=text,
            y=index * ROW_HEIGHT + 4,
            length=round(room * value / top, 1) if top else 0,
        )
        for index, (label, value, text) in enumerate(rows)
    ]
    return BarChart(
        title=title,
        bars=bars,
        label_width=max((text_width(bar.label) for bar in bars), default=0),
        value_width=max((text_width(bar.text) for bar in bars), default=0),
    )
