"""A practice's benchmarking profile as an accessible SVG bar chart, drawn on the server.

No script and no ``style`` attribute (the Content-Security-Policy forbids both):
colours are SVG presentation attributes taken from the design tokens, so the
chart looks the same in the page, in print and in a PDF. The peer review is a
solid bar, the self-assessment a hatched, outlined one, and every bar carries
its name and number as text: colour is never the only difference. The same
numbers are in a table next to the chart, for screen readers and for copying.
"""

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

WIDTH = 520
PLOT_X = 4
PLOT_WIDTH = 330  # the whole scale, 0 to the project's highest score
BAR_HEIGHT = 16
BAR_GAP = 4
LABEL_HEIGHT = 22
ROW_GAP = 14
LEGEND_HEIGHT = 30
AXIS_HEIGHT = 28
NAME_LENGTH = 60  # longer criterion names are shortened here; the table has them in full


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
            '<text x="{}" y="{}" font-size="13" fill="{}">{}: {}</text>',
            PLOT_X + 2,
            y + BAR_HEIGHT - 3,
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
        '<text x="{}" y="{}" font-size="13" fill="{}">{}: {}</text>',
        _f(PLOT_X + width + 6),
        y + BAR_HEIGHT - 3,
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
    row_height = LABEL_HEIGHT + len(series) * (BAR_HEIGHT + BAR_GAP) + ROW_GAP

    rows = []
    y = LEGEND_HEIGHT
    entries = [
        (row.criterion.name, {"peer": row.peer, "self": row.self_assessed}) for row in profile.rows
    ]
    average_label = _("Average of all criteria; dashed line: threshold %(threshold)s") % {
        "threshold": number_format(profile.threshold, decimal_pos=2)
    }
    entries.append((average_label, {"peer": profile.peer_average, "self": profile.self_average}))
    for index, (name, values) in enumerate(entries):
        is_average = index == len(entries) - 1
        parts = [
            format_html(
                '<text x="{}" y="{}" font-size="14" font-weight="{}" fill="{}">{}</text>',
                PLOT_X,
                y + 15,
                "700" if is_average else "600",
                INK,
                name if is_average else Truncator(name).chars(NAME_LENGTH),
            )
        ]
        bar_y = y + LABEL_HEIGHT
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
            top, bottom = y + LABEL_HEIGHT - 4, bar_y
            parts.append(format_html(line, threshold_x, top, bottom, WHITE, 5, ""))
            parts.append(
                format_html(
                    line, threshold_x, top, bottom, INK, 2, SafeString(' stroke-dasharray="4 3"')
                )
            )
        rows.append(SafeString("".join(parts)))
        y += row_height

    plot_bottom = y - ROW_GAP + 4
    grid = format_html_join(
        "",
        '<line x1="{0}" x2="{0}" y1="{1}" y2="{2}" stroke="{3}" stroke-width="1"/>'
        '<text x="{0}" y="{4}" font-size="12" text-anchor="middle" fill="{5}">{6}</text>',
        (
            (
                _f(_x(tick, scale_max)),
                LEGEND_HEIGHT,
                plot_bottom,
                RULE,
                plot_bottom + 16,
                MUTED,
                tick,
            )
            for tick in range(scale_max + 1)
        ),
    )
    height = plot_bottom + AXIS_HEIGHT

    legend = format_html(
        '<rect x="{}" y="4" width="14" height="14" fill="{}"/>'
        '<text x="{}" y="16" font-size="13" fill="{}">{}</text>',
        PLOT_X,
        BRAND,
        PLOT_X + 20,
        INK,
        _("Peer review (solid)"),
    )
    if profile.has_self_assessment:
        legend += format_html(
            '<rect x="{}" y="4.75" width="13.5" height="12.5" fill="url(#{}-hatch)" '
            'stroke="{}" stroke-width="1.5"/>'
            '<text x="{}" y="16" font-size="13" fill="{}">{}</text>',
            PLOT_X + 250,
            chart_id,
            BRAND_DARK,
            PLOT_X + 270,
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
