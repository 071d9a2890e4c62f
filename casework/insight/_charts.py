"""The figures' charts as images, drawn here for the report (the dashboard draws its own in
the browser from the same table): horizontal bars, grouped or stacked, with a legend.

Pillow only: the report needs bar charts, not a plotting library.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from casework.insight._figure import Figure

# GOV.UK Design System colours, in the order the series take them.
COLOURS = ("#1d70b8", "#f47738", "#d4351c", "#00703c", "#4c2c92", "#505a5f")
TEXT, GRID = "#0b0c0c", "#b1b4b6"
WIDTH = 1600  # pixels; shown 160 mm wide, so it prints sharply
LABEL_WIDTH, ROW_HEIGHT, TOP, BOTTOM, MARGIN = 560, 76, 110, 70, 30
TICKS = 5


def _font(size: int) -> ImageFont.FreeTypeFont:
    # Pillow's own font: the same on every machine, no system font needed.
    return ImageFont.load_default(size=size)


def _nice_top(largest: float) -> float:
    """A round number at or above `largest` for the end of the axis."""
    if largest <= 0:
        return 1.0
    step = 10 ** (len(str(int(largest))) - 1)
    for multiple in (1, 2, 2.5, 5, 10):
        if largest <= multiple * step:
            return multiple * step
    return 10 * step


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> str:
    while draw.textlength(text, font=font) > width and len(text) > 4:
        text = text[:-2].rstrip() + "…"
    return text


def bar_chart_png(figure: Figure) -> bytes:
    """The figure's bars as a PNG: a row of bars for each row of its table."""
    keys = figure.bars
    series = [figure.series(key) for key in keys]
    rows = len(figure.rows)
    height = TOP + max(rows, 1) * ROW_HEIGHT + BOTTOM
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    small, label = _font(30), _font(32)
    lengths = ([sum(values) for values in zip(*series, strict=True)] if figure.stacked
               else [value for values in series for value in values])
    top = _nice_top(max(lengths, default=0))
    # Room on the right for the last tick's label.
    left, right = LABEL_WIDTH, WIDTH - MARGIN * 3
    x_of = lambda value: left + (right - left) * value / top  # noqa: E731
    # The legend, across the top.
    x = left
    for index, key in enumerate(keys):
        draw.rectangle((x, 28, x + 34, 62), fill=COLOURS[index % len(COLOURS)])
        name = figure.column(key).label
        draw.text((x + 44, 28), name, fill=TEXT, font=small)
        x += 44 + draw.textlength(name, font=small) + 44
    # The axis and its gridlines.
    for tick in range(TICKS + 1):
        value = top * tick / TICKS
        tick_x = x_of(value)
        draw.line((tick_x, TOP - 8, tick_x, height - BOTTOM), fill=GRID, width=2)
        draw.text((tick_x, height - BOTTOM + 10), f"{value:,.0f}", fill=TEXT, font=small,
                  anchor="ma")
    for row_index, row in enumerate(figure.rows):
        y = TOP + row_index * ROW_HEIGHT
        draw.text((MARGIN, y + ROW_HEIGHT / 2), _fit(draw, str(row[0]), label,
                                                      LABEL_WIDTH - MARGIN * 2),
                  fill=TEXT, font=label, anchor="lm")
        _bars(draw, [values[row_index] for values in series], figure.stacked, x_of, y)
    if not rows:
        draw.text((left, TOP + ROW_HEIGHT / 2), "Nothing to show for this period", fill=TEXT,
                  font=label, anchor="lm")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _bars(draw: ImageDraw.ImageDraw, values: list[float], stacked: bool, x_of, y: float) -> None:
    band = ROW_HEIGHT - 16
    if stacked:
        start = 0.0
        for index, value in enumerate(values):
            if value:
                draw.rectangle((x_of(start), y + 8, x_of(start + value), y + 8 + band),
                               fill=COLOURS[index % len(COLOURS)])
            start += value
        return
    thickness = band / max(len(values), 1)
    for index, value in enumerate(values):
        top = y + 8 + index * thickness
        if value:
            draw.rectangle((x_of(0), top, x_of(value), top + thickness - 2),
                           fill=COLOURS[index % len(COLOURS)])
