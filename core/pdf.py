"""PDF files drawn from HTML by WeasyPrint, offline and tagged (PDF/UA-1)."""

import logging

from django.contrib.staticfiles import finders

logger = logging.getLogger(__name__)


def html_to_pdf(*, html: str, stylesheet: str | None = None) -> bytes:
    """A tagged PDF of ``html`` with one static stylesheet (or WeasyPrint's own styles);
    nothing is fetched from anywhere.

    Tagged for PDF/UA-1: the structure tree of the HTML (headings, paragraphs, lists),
    the document's language from ``<html lang>`` and its title from ``<title>``, which
    screen readers announce. The same HTML gives the same bytes.
    """
    # Imported here: WeasyPrint takes a while to load, and only the PDF downloads need it.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):
        """The PDF is drawn from the page and its stylesheet alone: nothing is fetched."""

        def fetch(self, url, headers=None):
            raise ValueError(f"The PDF does not load {url}")

    document = HTML(string=html, url_fetcher=NoFetching())
    stylesheets = [CSS(filename=finders.find(stylesheet))] if stylesheet else []
    pdf = document.write_pdf(stylesheets=stylesheets, pdf_variant="pdf/ua-1")
    logger.info("PDF rendered: %d bytes", len(pdf))
    return pdf
