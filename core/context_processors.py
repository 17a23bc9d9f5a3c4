from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict:
    """The portal's name (PORTAL_NAME) for every template: header, titles, PDFs, pages."""
    return {"portal_name": settings.PORTAL_NAME}
