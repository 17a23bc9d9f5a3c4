import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist
from django.core.signing import BadSignature
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from accounts.forms import DigestSettingsForm, FollowForm, MembershipRequestForm, TakeHomeForm
from accounts.services import user_delete, user_export_data
from cities.models import Cluster, Membership, Organisation, is_member
from cities.services import (
    InvitationForAnotherAddress,
    InvitationInvalid,
    invitation_accept,
    invitation_from_token,
    membership_request,
)
from exchanges.models import StudyVisit, VisitRegistration, VisitTakeHome
from exchanges.services import take_home_record
from follows.models import Digest, Frequency
from follows.services import (
    digest_groups,
    digest_settings_for,
    follow_list,
    follow_set,
    followed_by,
    period_containing,
    unsubscribe,
    unsubscribe_token_valid,
)
from toolkit.models import Practice
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
        registrations = (
            VisitRegistration.objects.active()
            .filter(user=user)
            .select_related("visit", "organisation", "take_home")
            .order_by("-visit__start_date")
        )
        return super().get_context_data(
            memberships=memberships,
            registrations=registrations,
            today=timezone.localdate(),
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


class TakeHomeView(LoginRequiredMixin, SingleObjectMixin, FormView):
    """After a visit, its attendee says what they take home, and may propose an action."""

    form_class = TakeHomeForm
    template_name = "accounts/take_home.html"
    context_object_name = "registration"

    def get_queryset(self):
        return (
            VisitRegistration.objects.attended()
            .filter(user=self.request.user, visit__end_date__lte=timezone.localdate())
            .select_related("visit__host", "organisation")
        )

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "visit": self.object.visit}

    def get_initial(self):
        take_home = VisitTakeHome.objects.filter(registration=self.object).first()
        if take_home is None:
            return {}
        return {
            "practices": take_home.practices.all(),
            "other_practices": take_home.other_practices,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        take_home_record(
            registration=self.object,
            practices=list(data["practices"]),
            other_practices=data["other_practices"],
            action_title=data["action_title"],
            action_description=data["action_description"],
        )
        messages.success(self.request, _("Thank you: your answer is saved."))
        return HttpResponseRedirect(reverse("accounts:account"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            visit=self.object.visit,
            breadcrumbs=[
                (_("Home"), reverse("home")),
                (_("Your account"), reverse("accounts:account")),
                (_("What you take home"), None),
            ],
            **kwargs,
        )


# --- Following and the digest (follows app) ----------------------------------------

FOLLOWABLE = {
    "cluster": lambda: Cluster.objects.all(),
    "organisation": lambda: Organisation.objects.all(),
    "practice": lambda: Practice.objects.published(),
    "visit": lambda: StudyVisit.objects.all(),
}


class FollowView(LoginRequiredMixin, View):
    """Follow a cluster, partner, practice or visit, or stop: the "Follow" link of its page.

    The pages link here for everyone, so that a page cached for anonymous visitors
    carries neither a person's state nor a CSRF token; this page shows both.
    """

    template_name = "accounts/follow.html"

    def target(self):
        if self.kwargs["kind"] not in FOLLOWABLE:
            raise Http404
        return get_object_or_404(FOLLOWABLE[self.kwargs["kind"]](), slug=self.kwargs["slug"])

    def get(self, request: HttpRequest, kind: str, slug: str) -> HttpResponse:
        target = self.target()
        return render(
            request,
            self.template_name,
            {
                "target": target,
                "kind": kind,
                "following": (kind, target.pk) in followed_by(request.user),
                "breadcrumbs": account_crumbs((_("Follow"), None)),
            },
        )

    def post(self, request: HttpRequest, kind: str, slug: str) -> HttpResponse:
        target = self.target()
        form = FollowForm(request.POST)
        if not form.is_valid():
            return HttpResponseRedirect(request.path)
        following = form.cleaned_data["following"]
        follow_set(user=request.user, target=target, following=following)
        digest_settings_for(request.user, language=request.LANGUAGE_CODE)
        if following:
            messages.success(request, _("You follow %(name)s.") % {"name": target})
        else:
            messages.success(request, _("You no longer follow %(name)s.") % {"name": target})
        if form.cleaned_data["back"] == "following":
            return HttpResponseRedirect(reverse("accounts:following"))
        return HttpResponseRedirect(target.get_absolute_url())


class FollowingView(LoginRequiredMixin, UpdateView):
    """What you follow, and how often you get the digest."""

    form_class = DigestSettingsForm
    template_name = "accounts/following.html"
    success_url = reverse_lazy("accounts:following")

    def get_object(self, queryset=None):
        return digest_settings_for(self.request.user, language=self.request.LANGUAGE_CODE)

    def form_valid(self, form):
        messages.success(self.request, _("Your digest settings have been saved."))
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            follows=follow_list(self.request.user),
            breadcrumbs=account_crumbs((_("What you follow"), None)),
            **kwargs,
        )


class DigestPreviewView(LoginRequiredMixin, View):
    """What your next digest would say, if the period ended now."""

    def get(self, request: HttpRequest) -> HttpResponse:
        digest_settings = digest_settings_for(request.user, language=request.LANGUAGE_CODE)
        frequency = digest_settings.frequency
        if frequency == Frequency.NEVER:
            frequency = settings.DIGEST_DEFAULT_FREQUENCY
        start, end = period_containing(frequency, timezone.now())
        groups = digest_groups(user=request.user, start=start, end=timezone.now())
        return render(
            request,
            "accounts/digest_preview.html",
            {
                "digest": Digest(frequency=frequency, period_start=start, period_end=end),
                "digest_settings": digest_settings,
                "groups": groups,
                "portal_url": "",
                "language": request.LANGUAGE_CODE,
                "breadcrumbs": account_crumbs(
                    (_("What you follow"), reverse("accounts:following")),
                    (_("Your next digest"), None),
                ),
            },
        )


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """The digest's one-click unsubscribe (RFC 8058): a signed link, no sign-in.

    Mail programs POST to it without cookies, hence no CSRF token: the signature
    is the proof. A GET (a person, or a link checker) only shows the button.
    """

    template_name = "accounts/unsubscribe.html"

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        valid = unsubscribe_token_valid(token)
        return render(
            request,
            self.template_name,
            {"token": token, "valid": valid, "done": False},
            status=200 if valid else 400,
        )

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            unsubscribe(token)
        except (BadSignature, ValueError, ObjectDoesNotExist):
            return render(request, self.template_name, {"token": token, "valid": False}, status=400)
        return render(request, self.template_name, {"token": token, "valid": True, "done": True})
