from django import forms
from django.utils.translation import gettext_lazy as _

from exchanges.models import Transfer


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
