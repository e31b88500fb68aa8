"""Horizontal bar charts as inline SVG, laid out here and drawn by a template.

No script and no chart library: the server computes every bar's position
and length, and the template writes ``<rect>`` and ``<text>`` elements. Each
chart has a title and the figures as text, and the dashboard shows the same
numbers in a table next to it, so nothing depends on seeing the bars.
"""

from dataclasses import dataclass, field

WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 90
ROW_HEIGHT = 26
BAR_HEIGHT = 16
LABEL_CHARS = 34


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


@dataclass
class BarChart:
    title: str
    bars: list[Bar] = field(default_factory=list)
    width: int = WIDTH
    label_width: int = LABEL_WIDTH

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT + 4

    @property
    def bar_x(self) -> int:
        return self.label_width + 8

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def value_x(self) -> float:
        return self.width - VALUE_WIDTH + 6


def _short(label: str) -> str:
    label = " ".join(str(label).split())
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_chart(title: str, rows: list[tuple[str, float, str]], scale_max=None) -> BarChart:
    """A chart of ``(label, value, text shown after the bar)`` rows, longest bar = ``scale_max``."""
    top = scale_max if scale_max is not None else max((value for _l, value, _t in rows), default=0)
    room = WIDTH - LABEL_WIDTH - 8 - VALUE_WIDTH
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
    return BarChart(title=title, bars=bars)
