from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cities.models import Membership, Organisation
from core.content_language import ContentLanguageSelect
from follows.models import DigestSettings
from toolkit.models import Practice


class MembershipRequestForm(forms.Form):
    """The partner organisation someone works for, among those they are not in yet."""

    organisation = forms.ModelChoiceField(
        label=_("Your organisation"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        empty_label=_("Choose your organisation"),
        # The person's own organisation (WCAG 1.3.5).
        widget=ContentLanguageSelect(attrs={"autocomplete": "organization"}, label_field="name"),
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
            .by_name()
        )


class TakeHomeForm(forms.Form):
    """What an attendee takes home from a visit: up to three practices, perhaps an action."""

    practices = forms.ModelMultipleChoiceField(
        label=_("Practices from the toolkit you saw and will take home (up to three)"),
        queryset=Practice.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_practices = forms.CharField(
        label=_("Other practices you saw (optional)"),
        help_text=_("Those not in the toolkit, one a line; three at most in all."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    action_title = forms.CharField(
        label=_("An action you propose for your city's plan (optional)"),
        help_text=_(
            "Your organisation's editors see it in the plan and decide whether to adopt it."
        ),
        required=False,
        max_length=200,
    )
    action_description = forms.CharField(
        label=_("What the action would do (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, visit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The host's published practices: those a visit to it shows.
        # and those of its cluster.
        shown = Q(organisation=visit.host_id)
        if visit.cluster_id:
            shown |= Q(clusters=visit.cluster_id)
        self.fields["practices"].queryset = (
            Practice.objects.published().filter(shown).distinct().order_by("title")
        )

    def clean(self):
        cleaned = super().clean()
        others = [line for line in cleaned.get("other_practices", "").splitlines() if line.strip()]
        if len(cleaned.get("practices") or []) + len(others) > 3:
            raise forms.ValidationError(_("Name three practices at most."))
        return cleaned


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
