"""Strings of Django's own catalogues that the portal's catalogues translate again.

Nothing imports this module: it is here for ``makemessages``, which keeps its
strings in every catalogue of ``locale/``, and ``LOCALE_PATHS`` is read before
Django's own catalogues. Two reasons:

- Django's Italian catalogue writes the months with a capital ("12 Marzo 2025");
  Italian writes them in lower case ("12 marzo 2025"). It also leaves "717 bytes" in
  English, and its "Aggiungi un altro %(verbose_name)s" fails every feminine inline
  ("Aggiungi un altro Partecipazione").
- Django 6.1's catalogues lack some of its newer strings in some of the portal's
  languages (the admin's "- Select an option -" and "Search %(name)s" in most,
  much of the admin in Greek, the password settings of the user admin in
  German, Greek and Italian, the password length rule on the sign-up form in
  Czech, Dutch, Greek and Italian). Where Django has a translation, the
  catalogues repeat it; where it has none, they give one.

Each string is written exactly as in Django's source (django.contrib.admin,
django.contrib.auth, django.db.models.fields), so that it replaces Django's.
"""

# ruff: noqa: RUF001 (Django's msgids have typographic apostrophes)

from django.utils.translation import gettext_noop, ngettext_lazy

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

# Select widgets with a blank choice (django.db.models.fields.BLANK_CHOICE_LABEL).
BLANK_CHOICE = gettext_noop("- Select an option -")

# The coordinators' admin (django.contrib.admin templates and options).
ADMIN = (
    gettext_noop("Run"),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Error:"),
    gettext_noop("Hide counts"),
    gettext_noop("Show counts"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related "
        "objects, but your account doesn't have permission to delete the following types of "
        "objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the "
        "following protected related objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the "
        "following related items will be deleted:"
    ),
    gettext_noop("Added:"),
    gettext_noop("Changed:"),
    gettext_noop("Deleted:"),
    gettext_noop("Sidebar"),
    gettext_noop("Start typing to filter…"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Pagination %(name)s entries"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Search %(name)s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Select this object for an action - {}"),
    ngettext_lazy("entry", "entries", 1),
    ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.", 1),
    gettext_noop("Add another %(verbose_name)s"),
)

# File sizes (django.template.defaultfilters.filesizeformat).
FILE_SIZE = ngettext_lazy("%(size)d byte", "%(size)d bytes", 2)

# The user admin's password settings (django.contrib.auth admin, forms, templates).
USER_ADMIN = (
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Set password"),
    gettext_noop("Set password: %s"),
    gettext_noop("Reset password"),
    gettext_noop(
        "This action will <strong>enable</strong> password-based authentication for this user."
    ),
    gettext_noop("Disable password-based authentication"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Password-based authentication"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, "
        "they may still be able to authenticate using other backends, such as Single Sign-On "
        "or LDAP."
    ),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
)

# The password rule of the sign-up and password forms (MinimumLengthValidator).
PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    8,
)
