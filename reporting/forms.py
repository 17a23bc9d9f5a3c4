import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import Project
from core.content_language import ContentLanguageSelect
from reporting.figures import Scope


class DateInput(forms.DateInput):
    """The browser's date picker; it sends ISO dates whatever the reader's language."""

    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ReportFilterForm(forms.Form):
    """The period and the cluster a project's figures are counted for; all optional."""

    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=DateInput,
        help_text=_("The first day counted, for example 2019-01-01."),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=DateInput,
        help_text=_("The last day counted, for example 2019-12-31."),
    )
    cluster = forms.ModelChoiceField(
        label=_("Cluster"),
        queryset=None,
        to_field_name="slug",
        required=False,
        empty_label=_("All clusters"),
        widget=ContentLanguageSelect(label_field="short_name"),
    )

    def __init__(self, *args, project: Project, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["cluster"].queryset = project.clusters.all()

    def clean(self) -> dict:
        cleaned = super().clean()
        start: dt.date | None = cleaned.get("start")
        end: dt.date | None = cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period comes before its start."))
        return cleaned

    def scope(self) -> Scope:
        """The scope chosen; the whole project when the form is unbound."""
        data = self.cleaned_data if self.is_bound else {}
        return Scope(
            project=self.project,
            start=data.get("start"),
            end=data.get("end"),
            cluster=data.get("cluster"),
        )
