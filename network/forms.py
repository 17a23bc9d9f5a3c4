from django import forms
from django.utils.translation import gettext_lazy as _


class AccessibilityReportForm(forms.Form):
    """A barrier someone met on the portal, for the accessibility statement's contact."""

    # autocomplete: the purpose of the person's own details (WCAG 1.3.5).
    name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your email address (optional)"),
        required=False,
        help_text=_("Give it if you would like an answer."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    page = forms.CharField(
        label=_("Address of the page"),
        max_length=500,
        help_text=_("The page where you met the problem, or a few words saying which page it is."),
    )
    description = forms.CharField(
        label=_("Description of the problem"),
        max_length=5000,
        help_text=_(
            "What you tried to do, what happened, and the assistive technology you use "
            "(a screen reader, magnification, voice control…), if any."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
