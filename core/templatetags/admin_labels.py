"""The admin's field labels with "required" in words (templates/admin/includes/fieldset.html)."""

from django import template
from django.contrib.admin.helpers import AdminField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def admin_label_tag(field: AdminField) -> SafeString:
    """``AdminField.label_tag()``, and " (required)" inside the label of a required field.

    The admin marks required fields with bold labels only, which a screen reader
    does not announce; the word in the label is part of the field's name.
    """
    if field.is_readonly:
        return field.label_tag()
    bound = field.field
    contents = conditional_escape(bound.label)
    classes = ["vCheckboxLabel"] if field.is_checkbox else []
    if bound.field.required:
        classes.append("required")
        contents = format_html(
            '{} <span class="required-text">({})</span>', contents, _("required")
        )
    if not field.is_first:
        classes.append("inline")
    return bound.label_tag(
        contents=contents,
        attrs={"class": " ".join(classes)} if classes else {},
        label_suffix="" if field.is_checkbox else None,
        tag="legend" if field.is_fieldset else None,
    )
