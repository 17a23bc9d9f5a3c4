"""Whether the page being rendered shows a form with errors (``base.html`` says so in its title)."""

from django import template
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet
from django_filters.filterset import BaseFilterSet

register = template.Library()


def has_errors(value: object) -> bool:
    """A bound form, formset or filter whose data did not validate.

    ``type()``, not ``isinstance()``: the context also holds lazy objects (the CSRF
    token, the CSP nonce) that ``isinstance`` would evaluate, and a page that
    used them could no longer be shared from the cache (core/cache.py).
    """
    kind = type(value)
    if issubclass(kind, BaseForm):
        return value.is_bound and bool(value.errors)
    if issubclass(kind, BaseFormSet):
        return value.is_bound and bool(value.total_error_count())
    if issubclass(kind, BaseFilterSet):
        return value.is_bound and bool(value.form.errors)
    return False


@register.simple_tag(takes_context=True)
def page_has_form_errors(context) -> bool:
    """``{% page_has_form_errors as errors %}``: a form, formset or filter in the page has errors.

    Every page that shows a form with errors, whichever app renders it (the
    portal's, allauth's), then starts its ``<title>`` with "Error:" (WCAG 3.3.1,
    2.4.2), as Django's admin does: the first thing a screen reader says after
    the page comes back is that something must be corrected.
    """
    return any(has_errors(value) for layer in context for value in layer.values())
