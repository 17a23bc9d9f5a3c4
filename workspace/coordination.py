"""The coordinators' start page and the one-page form that records a study visit.

What a coordinator does every week is here, a click from the account menu and the
admin's header: the practices waiting for review, the visits coming and those just
recorded, the plans not yet published, and the funder's report. The admin stays for
everything else.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cities.models import Project
from core.content_language import reading_language
from exchanges.forms import ParticipationFormSet, StudyVisitRecordForm
from exchanges.models import ActionPlan, PublicationStatus, StudyVisit
from exchanges.services import study_visit_record
from toolkit.models import Practice, PracticeStatus
from values_portal.users.roles import CoordinatorRequiredMixin

# How many rows each list of the start page shows; "see all" links lead further.
LIST_LENGTH = 8


def coordination_crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [
        (_("Home"), reverse("home")),
        (_("Coordination"), reverse("workspace:coordination") if more else None),
        *more,
    ]


class CoordinationView(CoordinatorRequiredMixin, TemplateView):
    template_name = "workspace/coordination/start.html"

    def get_context_data(self, **kwargs):
        in_review = Practice.objects.filter(status=PracticeStatus.IN_REVIEW)
        plans_waiting = ActionPlan.objects.filter(status=PublicationStatus.DRAFT)
        return super().get_context_data(
            review_queue=list(
                in_review.select_related("organisation").order_by("updated_at")[:LIST_LENGTH]
            ),
            review_count=in_review.count(),
            upcoming_visits=list(
                StudyVisit.objects.upcoming().for_lists().order_by("start_date")[:LIST_LENGTH]
            ),
            recent_visits=list(
                StudyVisit.objects.for_lists().order_by("-created_at")[:LIST_LENGTH]
            ),
            plans_waiting=list(
                plans_waiting.select_related("organisation").order_by("updated_at")[:LIST_LENGTH]
            ),
            plans_waiting_count=plans_waiting.count(),
            draft_count=Practice.objects.filter(status=PracticeStatus.DRAFT).count(),
            projects=list(Project.objects.order_by("-pk")),
            breadcrumbs=coordination_crumbs(),
            **kwargs,
        )


class StudyVisitRecordView(CoordinatorRequiredMixin, TemplateView):
    """Host, dates, cluster, who came from which organisation, and the files: one page."""

    template_name = "workspace/coordination/visit_form.html"

    def get_forms(self):
        data = self.request.POST if self.request.method == "POST" else None
        files = self.request.FILES if self.request.method == "POST" else None
        return (
            StudyVisitRecordForm(data, files, prefix="visit"),
            ParticipationFormSet(data, prefix="participants"),
        )

    def get(self, request, *args, **kwargs):
        form, participants = self.get_forms()
        return self.render_to_response(self.get_context_data(form=form, participants=participants))

    def post(self, request, *args, **kwargs):
        form, participants = self.get_forms()
        if not (form.is_valid() and participants.is_valid()):
            return self.render_to_response(
                self.get_context_data(form=form, participants=participants)
            )
        language = reading_language()
        visit = study_visit_record(
            visit=form.save(commit=False),
            participants=participants.rows(),
            documents=form.documents(language),
            by=request.user,
        )
        messages.success(
            request,
            _("The study visit “%(title)s” has been recorded.") % {"title": visit.title},
        )
        return HttpResponseRedirect(reverse("workspace:coordination"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            language_name=get_language_info(reading_language())["name_translated"],
            participants_label=_("Organisation"),
            breadcrumbs=coordination_crumbs((_("Record a study visit"), None)),
            **kwargs,
        )
