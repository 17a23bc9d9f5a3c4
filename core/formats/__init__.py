"""Date formats where the portal departs from Django's locale defaults (FORMAT_MODULE_PATH).

Pages write dates as ``|date:"DATE_FORMAT"`` (a long date in running text) or
``SHORT_DATE_FORMAT`` (a table cell), so each language writes them its own way:
"12. März 2025", "12. března 2025", "2025. gada 12. marts". Only what differs from
Django's own table is here; everything else (numbers, separators) comes from it.
"""
