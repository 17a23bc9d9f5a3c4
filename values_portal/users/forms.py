from allauth.account import app_settings as account_settings
from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import ResetPasswordKeyForm as AllauthResetPasswordKeyForm
from allauth.account.forms import SetPasswordForm as AllauthSetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from values_portal.users.models import User


def in_the_portals_words(form: forms.Form, labels: dict) -> None:
    """Labels as the portal writes them: no colon after them, no placeholder repeating them."""
    form.label_suffix = ""
    for name, field in form.fields.items():
        if name in labels:
            field.label = labels[name]
        field.widget.attrs.pop("placeholder", None)


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        in_the_portals_words(
            self,
            {
                "login": _("Email address"),
                "password": _("Password"),
                "remember": _("Keep me signed in on this device"),
            },
        )


PASSWORD_LABELS = {
    "email": _("Email address"),
    "oldpassword": _("Current password"),
    "password1": _("New password"),
    "password2": _("New password again"),
}


class ResetPasswordForm(AllauthResetPasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        in_the_portals_words(self, PASSWORD_LABELS)


class ResetPasswordKeyForm(AllauthResetPasswordKeyForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        in_the_portals_words(self, PASSWORD_LABELS)


class ChangePasswordForm(AllauthChangePasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        in_the_portals_words(self, PASSWORD_LABELS)


class SetPasswordForm(AllauthSetPasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        in_the_portals_words(self, PASSWORD_LABELS)


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form with its honeypot hidden by a class, not an inline style.

    The Content-Security-Policy forbids ``style=""`` attributes, so allauth's own
    way of moving the trap field off screen would leave it visible.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        in_the_portals_words(
            self,
            {
                "email": _("Email address"),
                "password1": _("Password"),
                "password2": _("Password again"),
            },
        )
        honeypot = account_settings.SIGNUP_FORM_HONEYPOT_FIELD
        if honeypot and honeypot in self.fields:
            field = self.fields[honeypot]
            field.label = _("Leave this field empty")
            field.widget.attrs.pop("style", None)
            field.widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
            field.honeypot = True

    def try_save(self, request):
        """Save, or answer as for an address already in use if another sign-up won the race.

        Two posts of one address can both pass the duplicate check before either
        inserts; the database refuses the second, which then gets allauth's usual
        answer for a known address instead of an error page.
        """
        if self.account_already_exists:
            # The new-account path hashes the password; this one must take as long, or
            # the answer's timing would tell whether the address has an account.
            make_password(self.cleaned_data.get("password1") or "")
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            email = self.cleaned_data.get("email", "")
            if not User.objects.filter(email__iexact=email).exists():
                raise
            self.account_already_exists = True
            return super().try_save(request)


class NameForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name"]
        help_texts = {"name": _("Shown to coordinators and to the editors you work with.")}
        # The purpose of the field, for browsers that fill it in (WCAG 1.3.5).
        widgets = {"name": forms.TextInput(attrs={"autocomplete": "name"})}


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is you, type the password you sign in with."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be deleted for good."),
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("That is not your password. Your account has not been deleted."),
                code="wrong_password",
            )
        return password
