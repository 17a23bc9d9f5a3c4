"""Strings of Django's own catalogues that the portal's catalogues translate again.

Nothing imports this module: it is here for ``makemessages``, which keeps its
strings in every catalogue of ``locale/``, and ``LOCALE_PATHS`` is read before
Django's own catalogues. Django's Italian catalogue writes the months with a
capital ("12 Marzo 2025"); Italian writes them in lower case ("12 marzo 2025").
The other languages keep Django's own words.
"""

from django.utils.translation import gettext_noop

# The month names of ``|date:"DATE_FORMAT"`` (django.utils.dates.MONTHS).
MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)
