from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView
from django.views.generic.detail import SingleObjectMixin
from django.views.generic.edit import FormView

from cities.models import Invitation, Membership, Organisation
from cities.services import (
    LastEditorError,
    invitation_send,
    membership_decide,
    membership_remove,
)
from core.content_language import shown_html
from core.spreadsheets import csv_response, yes_no
from exchanges.models import (
    ActionPlan,
    ActionPlanVersion,
    PlanAction,
    RegistrationStatus,
    StudyVisit,
    VisitRegistration,
)
from exchanges.progress import ACTION_PROGRESS, ActionProgress
from exchanges.services import (
    VersionLabelTaken,
    action_plan_version_upload,
    plan_action_accept,
    plan_action_set_status,
    registration_mark_attended,
)
from toolkit.benchmarking import assessment_options
from toolkit.models import Practice, PracticeStatus, ReviewDecision, ReviewNote
from toolkit.services import (
    TransitionError,
    practice_review,
    practice_submit,
    practice_unique_slug,
    practice_withdraw,
)
from values_portal.users.roles import CoordinatorRequiredMixin
from workspace.forms import (
    ActionPlanVersionForm,
    AttendanceForm,
    InvitationForm,
    OrganisationProfileForm,
    PlanActionForm,
    PlanActionStatusForm,
    PracticeForm,
    ResourceFormSet,
    ReviewForm,
)


def crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [
        (_("Home"), reverse("home")),
        (_("My organisation"), reverse("workspace:dashboard")),
        *more,
    ]


def organisation_crumb(organisation) -> tuple[str, str]:
    return (
        shown_html(organisation, "name"),
        reverse("workspace:organisation", kwargs={"slug": organisation.slug}),
    )


class DashboardView(LoginRequiredMixin, ListView):
    """The organisations the signed-in person edits."""

    template_name = "workspace/dashboard.html"
    context_object_name = "organisations"

    def get_queryset(self):
        return Organisation.objects.editable_by(self.request.user).annotate(
            draft_count=Count("practices", filter=Q(practices__status=PracticeStatus.DRAFT)),
            review_count=Count("practices", filter=Q(practices__status=PracticeStatus.IN_REVIEW)),
            published_count=Count(
                "practices", filter=Q(practices__status=PracticeStatus.PUBLISHED)
            ),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[(_("Home"), reverse("home")), (_("My organisation"), None)], **kwargs
        )


class OrganisationView(LoginRequiredMixin, DetailView):
    """One organisation's profile, practices and action plans, as its editors see them."""

    template_name = "workspace/organisation.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.editable_by(self.request.user)

    def get_context_data(self, **kwargs):
        organisation = self.object
        practices = (
            Practice.objects.editable_by(self.request.user)
            .filter(organisation=organisation)
            .order_by("title")
        )
        plans = (
            ActionPlan.objects.editable_by(self.request.user)
            .filter(organisation=organisation)
            .prefetch_related(
                Prefetch(
                    "versions",
                    queryset=ActionPlanVersion.objects.order_by("-uploaded_at"),
                )
            )
            .order_by("title")
        )
        return super().get_context_data(
            practices=practices,
            plans=plans,
            memberships=organisation.memberships.select_related("user").order_by(
                "-status", "role", "user__email"
            ),
            breadcrumbs=crumbs((shown_html(organisation, "name"), None)),
            **kwargs,
        )


class MembershipDecideView(LoginRequiredMixin, SingleObjectMixin, View):
    """An editor confirms or declines a request to join, or removes a member."""

    http_method_names = ["post"]

    def get_queryset(self):
        return Membership.objects.filter(
            organisation__in=Organisation.objects.editable_by(self.request.user)
        ).select_related("organisation", "user")

    def post(self, request, *args, **kwargs):
        membership = self.get_object()
        organisation = membership.organisation
        action = request.POST.get("action")
        if action in ("confirm", "decline"):
            membership_decide(
                membership=membership,
                confirm=action == "confirm",
                by=request.user,
                account_url=request.build_absolute_uri(reverse("accounts:account")),
            )
            messages.success(
                request,
                _("%(person)s is now a member.") % {"person": membership.user.email}
                if action == "confirm"
                else _("The request of %(person)s was declined.")
                % {"person": membership.user.email},
            )
        elif action == "remove":
            try:
                membership_remove(membership=membership, by=request.user)
            except LastEditorError:
                messages.error(
                    request,
                    _(
                        "An organisation keeps at least one editor: make someone else an "
                        "editor first (ask a coordinator)."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("%(person)s is no longer a member.") % {"person": membership.user.email},
                )
        else:
            messages.error(request, _("Choose what to do with this membership."))
        return HttpResponseRedirect(
            reverse("workspace:organisation", kwargs={"slug": organisation.slug}) + "#members"
        )


class ProfileUpdateView(LoginRequiredMixin, UpdateView):
    form_class = OrganisationProfileForm
    template_name = "workspace/organisation_form.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.editable_by(self.request.user)

    def form_valid(self, form):
        messages.success(self.request, _("The profile has been saved."))
        return super().form_valid(form)

    def get_success_url(self) -> str:
        return reverse("workspace:organisation", kwargs={"slug": self.object.slug})

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=crumbs(organisation_crumb(self.object), (_("Edit the profile"), None)),
            **kwargs,
        )


class PracticeFormMixin:
    """A practice form with its resources below it, saved together or not at all."""

    form_class = PracticeForm
    template_name = "workspace/practice_form.html"
    context_object_name = "practice"

    def get_formset(self):
        kwargs = {"instance": self.object or Practice(), "prefix": "resources"}
        if self.request.method == "POST":
            kwargs.update(data=self.request.POST, files=self.request.FILES)
        return ResourceFormSet(**kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("resources", self.get_formset())
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        resources = self.get_formset()
        if not resources.is_valid():
            return self.form_invalid(form, resources=resources)
        with transaction.atomic():
            practice = form.save(commit=False)
            self.prepare(practice)
            practice.save()
            form.save_m2m()
            resources.instance = practice
            resources.save()
        self.object = practice
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(
            reverse("workspace:practice_detail", kwargs={"pk": practice.pk})
        )

    def form_invalid(self, form, resources=None):
        if resources is None:
            resources = self.get_formset()
            resources.is_valid()  # shows the resources' errors together with the form's
        return self.render_to_response(self.get_context_data(form=form, resources=resources))

    def prepare(self, practice: Practice) -> None:
        pass


class PracticeCreateView(LoginRequiredMixin, PracticeFormMixin, CreateView):
    success_message = _("The practice has been saved as a draft.")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.organisation = get_object_or_404(
            Organisation.objects.editable_by(request.user), slug=kwargs["slug"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {
            "origin_city": self.organisation.city,
            "origin_country": self.organisation.country,
        }

    def prepare(self, practice: Practice) -> None:
        practice.organisation = self.organisation
        practice.status = PracticeStatus.DRAFT
        practice.slug = practice_unique_slug(practice.title)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            organisation=self.organisation,
            breadcrumbs=crumbs(organisation_crumb(self.organisation), (_("New practice"), None)),
            **kwargs,
        )


class PracticeUpdateView(LoginRequiredMixin, PracticeFormMixin, UpdateView):
    """Editing is for drafts; a practice in review or published is withdrawn first."""

    success_message = _("The practice has been saved.")

    def get_queryset(self):
        return (
            Practice.objects.editable_by(self.request.user)
            .filter(status=PracticeStatus.DRAFT)
            .select_related("organisation")
        )

    def get_context_data(self, **kwargs):
        practice = self.object
        return super().get_context_data(
            organisation=practice.organisation,
            review_notes=practice.review_notes.sent_back()[:1],
            breadcrumbs=crumbs(
                organisation_crumb(practice.organisation),
                (
                    shown_html(practice, "title"),
                    reverse("workspace:practice_detail", kwargs={"pk": practice.pk}),
                ),
                (_("Edit"), None),
            ),
            **kwargs,
        )


class PracticeDetailView(LoginRequiredMixin, DetailView):
    """A practice as its editors see it: status, the coordinators' notes and what to do next."""

    template_name = "workspace/practice_detail.html"
    context_object_name = "practice"

    def get_queryset(self):
        return (
            Practice.objects.editable_by(self.request.user)
            .select_related("organisation")
            .prefetch_related("clusters", "target_groups", "resources")
        )

    def get_context_data(self, **kwargs):
        practice = self.object
        return super().get_context_data(
            review_notes=practice.review_notes.all(),
            may_assess=bool(assessment_options(self.request.user, practice)),
            statuses=PracticeStatus,
            breadcrumbs=crumbs(
                organisation_crumb(practice.organisation), (shown_html(practice, "title"), None)
            ),
            **kwargs,
        )


class PracticeTransitionView(LoginRequiredMixin, SingleObjectMixin, View):
    """A POST-only button that moves a practice from one status to another."""

    http_method_names = ["post"]
    from_statuses: tuple[str, ...] = ()

    def get_queryset(self):
        return Practice.objects.editable_by(self.request.user).filter(status__in=self.from_statuses)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            self.transition(self.object)
        except TransitionError:
            messages.error(request, _("The practice changed meanwhile; nothing was done."))
        return HttpResponseRedirect(
            reverse("workspace:practice_detail", kwargs={"pk": self.object.pk})
        )


class PracticeSubmitView(PracticeTransitionView):
    from_statuses = (PracticeStatus.DRAFT,)

    def transition(self, practice: Practice) -> None:
        practice_submit(
            practice=practice,
            by=self.request.user,
            review_url=self.request.build_absolute_uri(
                reverse("workspace:review", kwargs={"pk": practice.pk})
            ),
        )
        messages.success(
            self.request,
            _("The practice has been sent for review. The coordinators have been told."),
        )


class PracticeWithdrawView(PracticeTransitionView):
    from_statuses = (PracticeStatus.IN_REVIEW, PracticeStatus.PUBLISHED)

    def transition(self, practice: Practice) -> None:
        practice_withdraw(practice=practice, by=self.request.user)
        messages.success(
            self.request,
            _("The practice is a draft again: change it, then send it for review."),
        )


class ActionPlanVersionCreateView(LoginRequiredMixin, CreateView):
    form_class = ActionPlanVersionForm
    template_name = "workspace/actionplanversion_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.plan = get_object_or_404(
            ActionPlan.objects.editable_by(request.user).select_related("organisation"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.plan}

    def form_valid(self, form):
        label = form.cleaned_data["version_label"]
        try:
            version = action_plan_version_upload(
                plan=self.plan,
                file=form.cleaned_data["file"],
                version_label=label,
                by=self.request.user,
            )
        except VersionLabelTaken:
            form.add_error(
                "version_label",
                _("This plan already has a version “%(label)s”. Choose another label.")
                % {"label": label},
            )
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Version %(label)s of the plan has been uploaded.")
            % {"label": version.version_label},
        )
        return HttpResponseRedirect(
            reverse("workspace:organisation", kwargs={"slug": self.plan.organisation.slug})
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            plan=self.plan,
            breadcrumbs=crumbs(
                organisation_crumb(self.plan.organisation),
                (_("New version of %(plan)s") % {"plan": self.plan.title}, None),
            ),
            **kwargs,
        )


# Actions of action plans -----------------------------------------------------------


def plan_crumbs(plan, *more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return crumbs(
        organisation_crumb(plan.organisation),
        (
            _("Actions of %(plan)s") % {"plan": plan.title},
            reverse("workspace:plan_actions", kwargs={"pk": plan.pk}) if more else None,
        ),
        *more,
    )


class PlanActionListView(LoginRequiredMixin, DetailView):
    """A plan's actions as its editors keep them up to date; another organisation's plan 404s."""

    template_name = "workspace/planaction_list.html"
    context_object_name = "plan"

    def get_queryset(self):
        return (
            ActionPlan.objects.editable_by(self.request.user)
            .select_related("organisation", "project")
            .prefetch_related(
                Prefetch(
                    "actions",
                    queryset=PlanAction.objects.prefetch_related(
                        "inspired_by_practices", "inspired_by_visits", "inspired_by_exchanges"
                    ),
                )
            )
        )

    def get_context_data(self, **kwargs):
        plan = self.object
        return super().get_context_data(
            progress=ActionProgress.of(
                action.status for action in plan.actions.all() if not action.is_proposal
            ),
            progress_meaning=ACTION_PROGRESS,
            breadcrumbs=plan_crumbs(plan),
            **kwargs,
        )


class PlanActionCreateView(LoginRequiredMixin, CreateView):
    form_class = PlanActionForm
    template_name = "workspace/planaction_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.plan = get_object_or_404(
            ActionPlan.objects.editable_by(request.user).select_related("organisation", "project"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.plan}

    def get_initial(self):
        return {"position": self.plan.actions.count() + 1}

    def form_valid(self, form):
        form.instance.plan = self.plan
        form.save()
        messages.success(self.request, _("The action has been added to the plan."))
        return HttpResponseRedirect(reverse("workspace:plan_actions", kwargs={"pk": self.plan.pk}))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            plan=self.plan, breadcrumbs=plan_crumbs(self.plan, (_("New action"), None)), **kwargs
        )


class PlanActionUpdateView(LoginRequiredMixin, UpdateView):
    form_class = PlanActionForm
    template_name = "workspace/planaction_form.html"
    context_object_name = "action"

    def get_queryset(self):
        return PlanAction.objects.editable_by(self.request.user).select_related(
            "plan__organisation", "plan__project"
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.object.plan}

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("The action has been saved."))
        return HttpResponseRedirect(
            reverse("workspace:plan_actions", kwargs={"pk": self.object.plan_id})
        )

    def get_context_data(self, **kwargs):
        plan = self.object.plan
        return super().get_context_data(
            plan=plan,
            breadcrumbs=plan_crumbs(plan, (shown_html(self.object, "title"), None)),
            **kwargs,
        )


class PlanActionStatusView(LoginRequiredMixin, UpdateView):
    """Started, done or dropped (with the reason): the one change made most often."""

    form_class = PlanActionStatusForm
    template_name = "workspace/planaction_status.html"
    context_object_name = "action"

    def get_queryset(self):
        return PlanAction.objects.editable_by(self.request.user).select_related(
            "plan__organisation"
        )

    def form_valid(self, form):
        action = plan_action_set_status(
            action=self.object,
            status=form.cleaned_data["status"],
            dropped_reason=form.cleaned_data["dropped_reason"],
            by=self.request.user,
        )
        messages.success(
            self.request,
            _("The status of “%(action)s” is now: %(status)s.")
            % {"action": action.title, "status": action.get_status_display()},
        )
        return HttpResponseRedirect(
            reverse("workspace:plan_actions", kwargs={"pk": action.plan_id})
        )

    def get_context_data(self, **kwargs):
        plan = self.object.plan
        return super().get_context_data(
            plan=plan,
            breadcrumbs=plan_crumbs(
                plan, (_("Status of %(action)s") % {"action": self.object.title}, None)
            ),
            **kwargs,
        )


# Coordinators --------------------------------------------------------------------


class InvitationCreateView(CoordinatorRequiredMixin, FormView):
    """Coordinators invite people to a partner organisation; the link in the mail expires."""

    form_class = InvitationForm
    template_name = "workspace/invitation_form.html"

    def form_valid(self, form):
        invitation = invitation_send(
            email=form.cleaned_data["email"],
            organisation=form.cleaned_data["organisation"],
            role=form.cleaned_data["role"],
            by=self.request.user,
            accept_url=lambda token: self.request.build_absolute_uri(
                reverse("accounts:invitation", kwargs={"token": token})
            ),
        )
        messages.success(
            self.request,
            _("An invitation to join %(organisation)s has been sent to %(email)s.")
            % {"organisation": invitation.organisation.name, "email": invitation.email},
        )
        return HttpResponseRedirect(reverse("workspace:invite"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            invitations=Invitation.objects.select_related("organisation")[:20],
            breadcrumbs=crumbs((_("Invite people"), None)),
            **kwargs,
        )


class ReviewListView(CoordinatorRequiredMixin, ListView):
    template_name = "workspace/review_list.html"
    context_object_name = "practices"

    def get_queryset(self):
        return (
            Practice.objects.filter(status=PracticeStatus.IN_REVIEW)
            .select_related("organisation")
            .order_by("updated_at")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[(_("Home"), reverse("home")), (_("Practices to review"), None)],
            **kwargs,
        )


class ReviewView(CoordinatorRequiredMixin, SingleObjectMixin, FormView):
    """Read a practice in review, then publish it or send it back with a comment."""

    form_class = ReviewForm
    template_name = "workspace/review.html"
    context_object_name = "practice"

    def get_queryset(self):
        return (
            Practice.objects.filter(status=PracticeStatus.IN_REVIEW)
            .select_related("organisation")
            .prefetch_related("clusters", "target_groups", "resources")
        )

    def dispatch(self, request, *args, **kwargs):
        # The coordinator check first: a practice in review is nobody else's business.
        if not self.get_test_func()():
            return self.handle_no_permission()
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": ReviewNote(practice=self.object)}

    def form_valid(self, form):
        practice_review(
            practice=self.object,
            by=self.request.user,
            decision=form.cleaned_data["decision"],
            comment=form.cleaned_data["comment"],
            practice_url=self.request.build_absolute_uri(
                reverse("workspace:practice_detail", kwargs={"pk": self.object.pk})
            ),
        )
        if form.cleaned_data["decision"] == ReviewDecision.PUBLISHED:
            messages.success(self.request, _("The practice has been published."))
        else:
            messages.success(
                self.request, _("The practice has been sent back to its editors with your comment.")
            )
        return HttpResponseRedirect(reverse("workspace:review_list"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            review_notes=self.object.review_notes.all(),
            decisions=ReviewDecision,
            breadcrumbs=[
                (_("Home"), reverse("home")),
                (_("Practices to review"), reverse("workspace:review_list")),
                (shown_html(self.object, "title"), None),
            ],
            **kwargs,
        )


# Study visit registrations: the host's editors and the coordinators -----------------


class VisitRegistrationsView(LoginRequiredMixin, DetailView):
    """Who registered, by organisation and role, with "attended" buttons for the door."""

    template_name = "workspace/visit_registrations.html"
    context_object_name = "visit"

    def get_queryset(self):
        return StudyVisit.objects.managed_by(self.request.user).select_related("host")

    def get_context_data(self, **kwargs):
        visit = self.object
        registrations = (
            VisitRegistration.objects.filter(visit=visit)
            .active()
            .select_related("organisation")
            .order_by("organisation__name", "organisation", "status", "role", "name", "pk")
        )
        return super().get_context_data(
            registrations=registrations,
            confirmed_count=sum(r.status == RegistrationStatus.CONFIRMED for r in registrations),
            attended_count=sum(r.attended for r in registrations),
            breadcrumbs=crumbs((visit.title, visit.get_absolute_url()), (_("Registrations"), None)),
            **kwargs,
        )


class VisitRegistrationsCSVView(LoginRequiredMixin, View):
    def get(self, request, slug):
        visit = get_object_or_404(StudyVisit.objects.managed_by(request.user), slug=slug)
        registrations = (
            VisitRegistration.objects.filter(visit=visit)
            .active()
            .select_related("organisation", "user")
            .order_by("organisation__name", "role", "name", "pk")
        )
        return csv_response(
            f"registrations-{visit.slug}.csv",
            [
                _("Name"),
                _("Email"),
                _("Organisation"),
                _("Role"),
                _("Status"),
                _("Accessibility or dietary needs"),
                _("Attended"),
                _("Registered at"),
            ],
            (
                [
                    r.name,
                    r.user.email if r.user else "",
                    r.organisation,
                    r.get_role_display(),
                    r.get_status_display(),
                    r.needs,
                    yes_no(r.attended),
                    r.queued_at.isoformat(timespec="minutes"),
                ]
                for r in registrations
            ),
        )


class VisitAttendanceView(LoginRequiredMixin, SingleObjectMixin, View):
    """Mark one person as attended (or not); back to the list, at the person's row."""

    def get_queryset(self):
        return VisitRegistration.objects.managed_by(self.request.user).confirmed()

    def post(self, request, *args, **kwargs):
        registration = self.get_object()
        form = AttendanceForm(request.POST)
        if form.is_valid():
            registration_mark_attended(
                registration=registration, attended=form.cleaned_data["attended"], by=request.user
            )
        url = reverse("workspace:visit_registrations", kwargs={"slug": registration.visit.slug})
        return HttpResponseRedirect(f"{url}#registration-{registration.pk}")


class PlanActionAcceptView(LoginRequiredMixin, SingleObjectMixin, View):
    """Accept an action proposed after a study visit into the plan."""

    def get_queryset(self):
        return PlanAction.objects.editable_by(self.request.user).filter(is_proposal=True)

    def post(self, request, *args, **kwargs):
        action = self.get_object()
        plan_action_accept(action=action, by=request.user)
        messages.success(request, _("The proposed action is now part of the plan."))
        return HttpResponseRedirect(
            reverse("workspace:plan_actions", kwargs={"pk": action.plan_id})
        )
