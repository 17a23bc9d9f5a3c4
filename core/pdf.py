"""PDF files drawn from HTML by WeasyPrint, offline and tagged (PDF/UA-1)."""

import logging

from django.contrib.staticfiles import finders

logger = logging.getLogger(__name__)


def html_to_pdf(*, html: str, stylesheet: str) -> bytes:
    """A tagged PDF of ``html`` with one static stylesheet; nothing is fetched from anywhere."""
    # Imported here: WeasyPrint takes a while to load, and only the PDF downloads need it.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):
        """The PDF is drawn from the page and its stylesheet alone: nothing is fetched."""

        def fetch(self, url, headers=None):
            raise ValueError(f"The PDF does not load {url}")

    document = HTML(string=html, url_fetcher=NoFetching())
    pdf = document.write_pdf(
        stylesheets=[CSS(filename=finders.find(stylesheet))], pdf_variant="pdf/ua-1"
    )
    logger.info("PDF rendered: %d bytes", len(pdf))
    return pdf
