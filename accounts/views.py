import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, UpdateView

from accounts.services import user_delete, user_export_data
from cities.models import Membership
from values_portal.users.forms import AccountDeleteForm, NameForm


def account_crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Home"), reverse("home")), (_("Your account"), reverse("accounts:account")), *more]


class AccountView(LoginRequiredMixin, UpdateView):
    """Your account: your name, links to email, password and two-factor, your roles."""

    form_class = NameForm
    template_name = "accounts/account.html"
    success_url = reverse_lazy("accounts:account")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        messages.success(self.request, _("Your name has been saved."))
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            memberships=Membership.objects.filter(user=self.request.user).select_related(
                "organisation"
            ),
            breadcrumbs=[(_("Home"), reverse("home")), (_("Your account"), None)],
            **kwargs,
        )


class AccountExportView(LoginRequiredMixin, View):
    """All your personal data as a JSON file."""

    def get(self, request: HttpRequest) -> HttpResponse:
        data = user_export_data(user=request.user)
        data["exported_at"] = timezone.now().isoformat()
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="values-portal-account-{stamp}.json"'
        )
        response["Cache-Control"] = "no-store"
        return response


class AccountDeleteView(LoginRequiredMixin, FormView):
    form_class = AccountDeleteForm
    template_name = "accounts/account_delete.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        user = self.request.user
        logout(self.request)
        user_delete(user=user)
        messages.success(
            self.request,
            _("Your account has been deleted. Your organisation's content stays on the portal."),
        )
        return HttpResponseRedirect(reverse("home"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=account_crumbs((_("Delete your account"), None)), **kwargs
        )
