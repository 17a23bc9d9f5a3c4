from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import Organisation
from exchanges.models import NEEDS_KEPT_DAYS, ParticipantRole, StudyVisit, Transfer


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
