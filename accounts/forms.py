from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import Membership, Organisation
from follows.models import DigestSettings


class MembershipRequestForm(forms.Form):
    """The partner organisation someone works for, among those they are not in yet."""

    organisation = forms.ModelChoiceField(
        label=_("Your organisation"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        empty_label=_("Choose your organisation"),
        error_messages={
            "invalid_choice": _("Choose one of the partner organisations in the list."),
        },
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(participations__isnull=False)
            .exclude(pk__in=Membership.objects.filter(user=user).values("organisation"))
            .distinct()
            .order_by("name")
        )


class FollowForm(forms.Form):
    """Follow something, or stop: the one field the follow page posts."""

    following = forms.TypedChoiceField(
        choices=[("1", _("Follow")), ("0", _("Stop following"))],
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )
    # Where to go afterwards: the followed page, or the list of follows.
    back = forms.ChoiceField(
        choices=[("page", "page"), ("following", "following")],
        required=False,
        widget=forms.HiddenInput,
    )


class DigestSettingsForm(forms.ModelForm):
    class Meta:
        model = DigestSettings
        fields = ["frequency"]
        labels = {"frequency": _("Send me a digest of what is new")}
        widgets = {"frequency": forms.RadioSelect}
