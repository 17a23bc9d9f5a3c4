"""Helpers for the operations tests."""

from django.db.models.fields.files import FieldFile


def admin_form_data(response) -> dict:
    """The POST data an admin change page would send back unchanged.

    Built from the bound admin form and inline formsets in the page's context,
    so a test can change one field and post the rest as the browser would.
    """
    data: dict = {}
    context = response.context
    forms = [context["adminform"].form]
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            bound = form[name]
            value = bound.value()
            if value is None:
                continue
            if isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            elif hasattr(field.widget, "decompress") and not isinstance(value, str):
                for index, part in enumerate(field.widget.decompress(value)):
                    if part is not None:
                        data[f"{bound.html_name}_{index}"] = str(part)
            elif isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, FieldFile):
                continue  # a stored file: the browser sends nothing to keep it
            else:
                data[bound.html_name] = str(value)
    data["_save"] = "Save"
    return data
