from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cities.models import Cluster, Organisation, Project
from core.files import validate_upload
from core.models import Visibility
from exchanges.models import (
    HEAD_COUNT_ROLES,
    NEEDS_KEPT_DAYS,
    ParticipantRole,
    StudyVisit,
    Transfer,
    VisitParticipation,
)


class TransferAdminForm(forms.ModelForm):
    """The admin's transfer form (evidence files are checked by the model's validator)."""

    class Meta:
        model = Transfer
        fields = [
            "practice",
            "organisation",
            "stage",
            "started_on",
            "stage_reached_on",
            "study_visit",
            "staff_exchange",
            "evidence_url",
            "evidence_file",
            "notes",
            "is_example",
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("study_visit") and cleaned.get("staff_exchange"):
            raise forms.ValidationError(
                _("A practice travels through one study visit or one staff exchange, not both.")
            )
        return cleaned


class VisitRegistrationForm(forms.Form):
    """Register for a study visit, for one of the person's organisations the visit invites."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        help_text=_("As it should appear on your certificate of attendance."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    role = forms.ChoiceField(label=_("You come as"), choices=ParticipantRole.choices)
    needs = forms.CharField(
        label=_("Accessibility or dietary needs (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the host and the coordinators see my name, organisation and role, "
            "and that my attendance is recorded for the project's report."
        )
    )

    def __init__(self, *args, visit: StudyVisit, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = visit.organisations_for(user)
        self.fields["name"].initial = user.name if user.is_authenticated else ""
        self.fields["needs"].help_text = _(
            "Seen only by the host's editors and the coordinators, and erased %(days)s days "
            "after the visit."
        ) % {"days": NEEDS_KEPT_DAYS}


class CertificateVerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        help_text=_("As printed on the certificate, for example ABCD-EFGH-JKMN."),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()


class StudyVisitRecordForm(forms.ModelForm):
    """A study visit on one page: what, where, when; head counts and files come beside it.

    The title and summary are written in the page's language: modeltranslation fills
    that language's columns, as the admin's field of that language would.
    """

    agenda_file = forms.FileField(
        label=_("Agenda (file, optional)"),
        required=False,
        validators=[validate_upload],
        help_text=_("PDF, Word, OpenDocument or a picture."),
    )
    report_file = forms.FileField(
        label=_("Report (file, optional)"),
        required=False,
        validators=[validate_upload],
        help_text=_("PDF, Word, OpenDocument or a picture."),
    )
    documents_visibility = forms.ChoiceField(
        label=_("Who may download the files"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = StudyVisit
        fields = ["title", "project", "host", "cluster", "start_date", "end_date", "summary"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "title": _("For example: Study visit to Turin on volunteering in reception centres."),
            "summary": _("Optional: what the visiting cities saw and discussed."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = Organisation.objects.order_by("name")
        self.fields["cluster"].queryset = Cluster.objects.select_related("project").order_by(
            "project", "position", "name"
        )
        projects = Project.objects.order_by("-pk")
        self.fields["project"].queryset = projects
        if not self.is_bound and len(projects) == 1:
            self.fields["project"].initial = projects[0].pk

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The visit cannot end before it starts."))
        cluster, project = cleaned.get("cluster"), cleaned.get("project")
        if cluster and project and cluster.project_id != project.pk:
            self.add_error("cluster", _("Choose a cluster of the visit's project."))
        return cleaned

    def visit_fields(self) -> list[forms.BoundField]:
        """The visit's own fields, in order; the files have a fieldset of their own."""
        return [self[name] for name in self._meta.fields]

    def documents(self, language: str) -> list[dict]:
        """The uploaded files as ``study_visit_record`` takes them."""
        titles = {"agenda_file": _("Agenda"), "report_file": _("Report")}
        return [
            {
                "title": str(title),
                "file": self.cleaned_data[name],
                "visibility": self.cleaned_data["documents_visibility"],
                "language": language,
            }
            for name, title in titles.items()
            if self.cleaned_data.get(name)
        ]


class ParticipationRowForm(forms.Form):
    """One organisation that came, and how many people by role."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for role in HEAD_COUNT_ROLES:
            self.fields[role] = forms.IntegerField(
                label=capfirst(VisitParticipation._meta.get_field(role).verbose_name),
                min_value=0,
                max_value=999,
                initial=0,
                required=False,
            )

    def has_changed(self) -> bool:
        # A line left as it was shown (no organisation, counts empty or 0) is skipped.
        values = [self[name].data for name in self.fields]
        return any(value not in (None, "", "0") for value in values)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("organisation") and not any(cleaned.get(role) for role in HEAD_COUNT_ROLES):
            raise forms.ValidationError(_("Give at least one person for this organisation."))
        return cleaned


class BaseParticipationFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query for the organisations of every row, not one per row.
        organisations = list(Organisation.objects.order_by("name"))
        for form in self.forms:
            form.fields["organisation"].queryset = Organisation.objects.order_by("name")
            form.fields["organisation"].choices = [
                ("", "---------"),
                *((organisation.pk, str(organisation)) for organisation in organisations),
            ]

    def rows(self) -> list[dict]:
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data.get("organisation") is not None
        ]


ParticipationFormSet = forms.formset_factory(
    ParticipationRowForm, formset=BaseParticipationFormSet, extra=4, max_num=60
)
