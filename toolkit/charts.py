"""A practice's benchmarking profile as an accessible SVG bar chart, drawn on the server.

No script and no ``style`` attribute (the Content-Security-Policy forbids both):
colours are SVG presentation attributes taken from the design tokens, so the
chart looks the same in the page, in print and in a PDF. The peer review is a
solid bar, the self-assessment a hatched, outlined one, and every bar carries
its name and number as text: colour is never the only difference. The same
numbers are in a table next to the chart, for screen readers and for copying.
"""

import textwrap
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from toolkit.benchmarking import Profile

# Design tokens (shared/DESIGN.md, static/css/portal.css).
INK = "#1a1f36"
MUTED = "#4a5068"
BRAND = "#0b3d91"
BRAND_DARK = "#082b66"
RULE = "#d5d9e4"
SURFACE = "#f4f6fb"
WHITE = "#ffffff"

# Narrow enough to be drawn at its own size on a phone: at 375 pixels (and at 336, the
# chart's least width, static/css/pages.css) 13-unit text is at least 12 CSS pixels.
WIDTH = 360
PLOT_X = 4
PLOT_WIDTH = 180  # the whole scale, 0 to the project's highest score
BAR_HEIGHT = 16
BAR_GAP = 4
FONT_SIZE = 13  # the least size of any text in the chart
LINE_HEIGHT = 18  # of a criterion's name, written on up to NAME_LINES lines above its bars
NAME_LINE_LENGTH = 40
NAME_LINES = 2  # longer criterion names are shortened here; the table has them in full
ROW_GAP = 14
LEGEND_LINE = 22
AXIS_HEIGHT = 28


def _f(value: float) -> str:
    return f"{value:.1f}"


def _number(value: Decimal | int) -> str:
    places = 0 if value == int(value) else 2
    return number_format(value, decimal_pos=places)


def _x(value: Decimal | int, scale_max: int) -> float:
    return PLOT_X + float(value) / scale_max * PLOT_WIDTH


def _bar(y: float, value: Decimal | int | None, scale_max: int, series: str, chart_id: str):
    """One bar, with its series name and number written after it."""
    label = _("Peer review") if series == "peer" else _("Self-assessment")
    if value is None:
        return format_html(
            '<text x="{}" y="{}" font-size="{}" fill="{}">{}: {}</text>',
            PLOT_X + 2,
            y + BAR_HEIGHT - 3,
            FONT_SIZE,
            MUTED,
            label,
            _("not scored"),
        )
    width = max(_x(value, scale_max) - PLOT_X, 0)
    if series == "peer":
        rect = format_html(
            '<rect class="bench-chart__bar bench-chart__bar--peer" x="{}" y="{}" '
            'width="{}" height="{}" fill="{}"/>',
            PLOT_X,
            y,
            _f(width),
            BAR_HEIGHT,
            BRAND,
        )
    else:
        rect = format_html(
            '<rect class="bench-chart__bar bench-chart__bar--self" x="{}" y="{}" '
            'width="{}" height="{}" fill="url(#{}-hatch)" stroke="{}" stroke-width="1.5"/>',
            PLOT_X,
            y + 0.75,
            _f(max(width - 0.75, 0)),
            BAR_HEIGHT - 1.5,
            chart_id,
            BRAND_DARK,
        )
    text = format_html(
        '<text x="{}" y="{}" font-size="{}" fill="{}">{}: {}</text>',
        _f(PLOT_X + width + 6),
        y + BAR_HEIGHT - 3,
        FONT_SIZE,
        INK,
        label,
        _number(value),
    )
    return rect + text


def profile_chart(profile: Profile, *, chart_id: str) -> SafeString:
    """The profile as ``<svg role="img">`` with a title and a description.

    ``chart_id`` must be unique on the page: it prefixes the ids of the title,
    the description and the hatching pattern.
    """
    scale_max = profile.scale_max
    series = ["peer"] + (["self"] if profile.has_self_assessment else [])
    bars_height = len(series) * (BAR_HEIGHT + BAR_GAP)
    # The legend: one line per series, so that it fits the narrow chart in any language.
    legend_height = LEGEND_LINE * len(series) + 8

    rows = []
    y = legend_height
    entries = [
        (row.criterion.name, {"peer": row.peer, "self": row.self_assessed}) for row in profile.rows
    ]
    average_label = _("Average of all criteria; dashed line: threshold %(threshold)s") % {
        "threshold": number_format(profile.threshold, decimal_pos=2)
    }
    entries.append((average_label, {"peer": profile.peer_average, "self": profile.self_average}))
    for index, (name, values) in enumerate(entries):
        is_average = index == len(entries) - 1
        if is_average:
            # "Average…; dashed line: threshold…" on two lines where the language has the ";".
            lines = [part.strip() for part in name.split(";", 1)]
            lines[:-1] = [f"{line};" for line in lines[:-1]]
        else:
            lines = _name_lines(name)
        parts = [
            format_html(
                '<text x="{}" y="{}" font-size="{}" font-weight="{}" fill="{}">{}</text>',
                PLOT_X,
                y + 15 + number * LINE_HEIGHT,
                FONT_SIZE + 1,
                "700" if is_average else "600",
                INK,
                line,
            )
            for number, line in enumerate(lines)
        ]
        label_height = LINE_HEIGHT * len(lines) + 4
        bar_y = y + label_height
        for name_of_series in series:
            parts.append(_bar(bar_y, values[name_of_series], scale_max, name_of_series, chart_id))
            bar_y += BAR_HEIGHT + BAR_GAP
        if is_average:
            # The threshold applies to the peer average only: it is drawn on that row.
            # A dashed ink line on a white one: visible on the solid bar and on white.
            threshold_x = _f(_x(profile.threshold, scale_max))
            line = (
                '<line class="bench-chart__threshold" x1="{0}" x2="{0}" y1="{1}" y2="{2}" '
                'stroke="{3}" stroke-width="{4}"{5}/>'
            )
            top, bottom = y + label_height - 4, bar_y
            parts.append(format_html(line, threshold_x, top, bottom, WHITE, 5, ""))
            parts.append(
                format_html(
                    line, threshold_x, top, bottom, INK, 2, SafeString(' stroke-dasharray="4 3"')
                )
            )
        rows.append(SafeString("".join(parts)))
        y += label_height + bars_height + ROW_GAP

    plot_bottom = y - ROW_GAP + 4
    grid = format_html_join(
        "",
        '<line x1="{0}" x2="{0}" y1="{1}" y2="{2}" stroke="{3}" stroke-width="1"/>'
        '<text x="{0}" y="{4}" font-size="{7}" text-anchor="middle" fill="{5}">{6}</text>',
        (
            (
                _f(_x(tick, scale_max)),
                legend_height,
                plot_bottom,
                RULE,
                plot_bottom + 16,
                MUTED,
                tick,
                FONT_SIZE,
            )
            for tick in range(scale_max + 1)
        ),
    )
    height = plot_bottom + AXIS_HEIGHT

    legend = format_html(
        '<rect x="{}" y="4" width="14" height="14" fill="{}"/>'
        '<text x="{}" y="16" font-size="{}" fill="{}">{}</text>',
        PLOT_X,
        BRAND,
        PLOT_X + 20,
        FONT_SIZE,
        INK,
        _("Peer review (solid)"),
    )
    if profile.has_self_assessment:
        legend += format_html(
            '<rect x="{}" y="{}" width="13.5" height="12.5" fill="url(#{}-hatch)" '
            'stroke="{}" stroke-width="1.5"/>'
            '<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>',
            PLOT_X + 0.75,
            4.75 + LEGEND_LINE,
            chart_id,
            BRAND_DARK,
            PLOT_X + 20,
            16 + LEGEND_LINE,
            FONT_SIZE,
            INK,
            _("Self-assessment (hatched)"),
        )

    title = _("Benchmarking profile of “%(practice)s” (%(project)s)") % {
        "practice": profile.practice.title,
        "project": profile.project.acronym,
    }
    description = _summary(profile)
    return format_html(
        '<svg class="bench-chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="{white}"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="{brand}" stroke-width="3"/></pattern></defs>'
        '<rect width="{width}" height="{height}" fill="{white}"/>'
        "{legend}{grid}{rows}</svg>",
        width=WIDTH,
        height=f"{height:.0f}",
        id=chart_id,
        title=title,
        desc=description,
        white=WHITE,
        brand=BRAND,
        legend=legend,
        grid=grid,
        rows=SafeString("".join(rows)),
    )


def _name_lines(name: str) -> list[str]:
    """A criterion's name on at most NAME_LINES lines, the last one shortened if need be."""
    lines = textwrap.wrap(name, NAME_LINE_LENGTH) or [""]
    if len(lines) > NAME_LINES:
        rest = " ".join(lines[NAME_LINES - 1 :])
        lines = [*lines[: NAME_LINES - 1], Truncator(rest).chars(NAME_LINE_LENGTH)]
    return lines


def _summary(profile: Profile) -> str:
    """What the chart says, in one or two sentences, for its ``<desc>``."""
    scale = {"max": profile.scale_max}
    if profile.peer_average is None:
        peer = _("No peer review yet.")
    else:
        peer = _(
            "Latest peer review: average %(average)s out of %(max)s; the threshold is "
            "%(threshold)s, so the practice is %(verdict)s."
        ) % {
            **scale,
            "average": number_format(profile.peer_average, decimal_pos=2),
            "threshold": number_format(profile.threshold, decimal_pos=2),
            "verdict": _("benchmarked") if profile.benchmarked else _("not benchmarked"),
        }
    if profile.self_average is None:
        own = ""
    else:
        own = " " + _("Self-assessment, shown apart: average %(average)s.") % {
            "average": number_format(profile.self_average, decimal_pos=2)
        }
    return peer + own + " " + _("The scores of each criterion are in the table below the chart.")
