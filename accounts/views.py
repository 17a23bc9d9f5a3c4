import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, UpdateView

from accounts.forms import MembershipRequestForm
from accounts.services import user_delete, user_export_data
from cities.models import Membership, Organisation, is_member
from cities.services import (
    InvitationForAnotherAddress,
    InvitationInvalid,
    invitation_accept,
    invitation_from_token,
    membership_request,
)
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
        user = self.request.user
        memberships = list(Membership.objects.filter(user=user).select_related("organisation"))
        return super().get_context_data(
            memberships=memberships,
            is_member=is_member(user),
            join_form=MembershipRequestForm(user=user),
            breadcrumbs=[(_("Home"), reverse("home")), (_("Your account"), None)],
            **kwargs,
        )


class MembershipRequestView(LoginRequiredMixin, FormView):
    """Ask to join a partner organisation, from the account page or the partner's page."""

    form_class = MembershipRequestForm
    template_name = "accounts/membership_request.html"
    http_method_names = ["get", "post"]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        # The partner page links here with ?organisation=<slug>; an unknown one is ignored.
        return {"organisation": self.request.GET.get("organisation", "")[:200]}

    def form_valid(self, form):
        organisation: Organisation = form.cleaned_data["organisation"]
        membership_request(
            user=self.request.user,
            organisation=organisation,
            organisation_url=self.request.build_absolute_uri(
                reverse("workspace:organisation", kwargs={"slug": organisation.slug})
            ),
        )
        messages.success(
            self.request,
            _(
                "Your request to join %(organisation)s has been sent to its editors. "
                "You will get an email when they have decided."
            )
            % {"organisation": organisation.name},
        )
        return HttpResponseRedirect(reverse("accounts:account"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=account_crumbs((_("Ask to join an organisation"), None)), **kwargs
        )


class InvitationAcceptView(LoginRequiredMixin, View):
    """The link of a coordinator's invitation: see what it is for, then accept it."""

    template_name = "accounts/invitation.html"

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        return self.page(request, token)

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            invitation = invitation_from_token(token)
            membership = invitation_accept(invitation=invitation, user=request.user)
        except (InvitationInvalid, InvitationForAnotherAddress):
            return self.page(request, token)
        messages.success(
            request,
            _("You are now a member of %(organisation)s.")
            % {"organisation": membership.organisation.name},
        )
        return HttpResponseRedirect(reverse("accounts:account"))

    def page(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            invitation = invitation_from_token(token)
        except InvitationInvalid:
            invitation = None
        mine = (
            invitation is not None
            and request.user.emailaddress_set.filter(
                email__iexact=invitation.email, verified=True
            ).exists()
        )
        return render(
            request,
            self.template_name,
            {
                "invitation": invitation,
                "mine": mine,
                "breadcrumbs": account_crumbs((_("Invitation"), None)),
            },
            status=200 if invitation else 404,
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
        response["Cache-Control"] = "private, no-store"
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
