from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import Membership, Organisation


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
            .by_name()
        )
