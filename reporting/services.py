"""The funder's report as files: CSV rows and a PDF drawn offline by WeasyPrint."""

import logging
from decimal import Decimal

from django.utils.translation import gettext as _

from core.pdf import html_to_pdf
from reporting.figures import Report

logger = logging.getLogger(__name__)

PDF_STYLESHEET = "css/report-pdf.css"


def _amount(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _figure_value(figure) -> str:
    return _amount(figure.value) if figure.is_money else str(figure.value)


def report_rows(report: Report) -> tuple[list[str], list[list]]:
    """The report as a header and rows: every figure, then every partner's contribution."""
    scope = report.scope
    header = [
        _("Section"),
        _("Figure"),
        _("Value"),
        _("Target"),
        _("Detail"),
        _("Definition"),
        _("Counted in a period"),
        _("Counted for a cluster"),
        _("Project"),
        _("From"),
        _("To"),
        _("Cluster"),
    ]
    scope_cells = [
        scope.project.acronym if scope.project else "",
        scope.start.isoformat() if scope.start else "",
        scope.end.isoformat() if scope.end else "",
        str(scope.cluster) if scope.cluster else "",
    ]
    rows = []
    for section in report.sections:
        for figure in section.figures:
            meaning = figure.meaning
            rows.append(
                [
                    section.title,
                    figure.label,
                    _figure_value(figure),
                    "" if figure.target is None else figure.target,
                    figure.detail,
                    figure.definition,
                    meaning.period or _("not split by period"),
                    meaning.cluster or _("not split by cluster"),
                    *scope_cells,
                ]
            )
    for row in report.contributions:
        rows.append(
            [
                _("EU contribution by partner"),
                f"{row.organisation} ({row.role})",
                _amount(row.amount),
                "",
                "" if row.amount is not None else _("amount not known"),
                _("The EU contribution recorded for this partner's participation, in euros."),
                _("not split by period"),
                _("partners in one of the cluster's working groups"),
                *scope_cells,
            ]
        )
    return header, rows


def report_render_pdf(*, html: str) -> bytes:
    """A tagged PDF (PDF/UA-1) of the report's HTML, drawn without any network access."""
    return html_to_pdf(html=html, stylesheet=PDF_STYLESHEET)
