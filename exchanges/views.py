import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, resolve_url
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView
from django.views.generic.detail import SingleObjectMixin
from django.views.generic.edit import FormView
from django_filters.views import FilterView

from cities.models import is_member
from core.cache import SharedPageCacheMixin, cached_fragment, query_string, with_row_html
from core.content_language import shown_html
from core.downloads import (
    fallback_name,
    first_request_in_window,
    members_only,
    safe_filename,
    serve_file,
)
from core.models import Visibility
from core.pdf import html_to_pdf
from core.spreadsheets import FilteredCSVView, yes_no
from exchanges.feeds import study_visit_calendar
from exchanges.filters import ActionPlanFilter, StaffExchangeFilter, StudyVisitFilter
from exchanges.forms import CertificateVerifyForm, VisitRegistrationForm
from exchanges.models import (
    HEAD_COUNT_ROLES,
    ActionPlan,
    ActionPlanVersion,
    ActionStatus,
    PlanAction,
    RegistrationStatus,
    StaffExchange,
    StudyVisit,
    Transfer,
    VisitDocument,
    VisitParticipation,
    VisitRegistration,
    VisitTakeHome,
)
from exchanges.progress import ACTION_PROGRESS, ActionProgress
from exchanges.services import RegistrationRefused, visit_register, visit_registration_cancel
from toolkit.models import Practice

PAGE_SIZE = 20


def login_url(request: HttpRequest) -> str:
    return f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"


def home_crumb() -> tuple[str, str]:
    return (_("Home"), reverse("home"))


def published_transfers():
    """Transfers the public may see: those of published practices."""
    return (
        Transfer.objects.public()
        .select_related("practice__organisation", "organisation", "study_visit", "staff_exchange")
        .order_by("practice__title", "organisation__name")
    )


# Study visits ------------------------------------------------------------------

# What a visit's line shows besides the visit's own row: its host and its cluster.
VISIT_ITEM_DEPENDS_ON = ("cities.organisation", "cities.cluster")


def with_lines(visits: list, **read) -> list:
    """``visits`` (instances, or ids with ``read``: ``core.cache.with_row_html``), each
    with its line's HTML on ``visit.item`` (a Jinja2 template: core/jinja2.py)."""
    return with_row_html(
        visits,
        name="item",
        template="includes/_visit_item.html",
        as_name="visit",
        depends_on=VISIT_ITEM_DEPENDS_ON,
        **read,
    )


def visit_lines(*lists: QuerySet) -> list[list]:
    """Each of ``lists`` (QuerySets of visits, such as the next three and the latest three),
    each visit with its line's HTML on ``visit.item``.

    A line is rendered once per version of its visit (core.cache.cached_rows) and reused
    by every list showing it: the visits list, the home page, a partner's page. An edit of
    a practice leaves every line in the cache. The ids are read list by list; then only
    the visits whose line is not in the cache are read, all lists together, and only the
    columns a line shows (``for_lines()``).
    """
    ids = [list(visits.prefetch_related(None).values_list("pk", flat=True)) for visits in lists]
    lines = with_lines([pk for part in ids for pk in part], read=StudyVisit.objects.for_lines)
    by_pk = {line.pk: line for line in lines}
    return [[by_pk[pk] for pk in part if pk in by_pk] for part in ids]


def visit_items(visits: QuerySet) -> list:
    """``visits``, each with its line's HTML on ``visit.item`` (``visit_lines``)."""
    [items] = visit_lines(visits)
    return items


class StudyVisitListView(SharedPageCacheMixin, FilterView):
    # "Upcoming" and "past" change with the date.
    shared_page_daily = True
    cache_depends_on = ("exchanges", "cities")
    filterset_class = StudyVisitFilter
    template_name = "exchanges/studyvisit_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return StudyVisit.objects.for_lists()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            breadcrumbs=[home_crumb(), (_("Study visits"), None)],
            calendar=self.calendar_context(),
            **kwargs,
        )
        page = context.get("page_obj")
        if page is not None:
            page.object_list = visit_items(page.object_list)
        return context

    def calendar_context(self) -> dict:
        """The calendar of these filters: its addresses, and which visits it holds."""
        params = self.request.GET.copy()
        params.pop("page", None)
        query = f"?{params.urlencode()}" if params else ""
        address = self.request.build_absolute_uri(reverse("exchanges:visit_ics")) + query
        context = {
            "https": address,
            "webcal": "webcal://" + address.split("://", 1)[1],
            "path": reverse("exchanges:visit_ics") + query,
        }
        filterset = self.filterset
        if filterset.is_bound and not filterset.is_valid():
            return context
        today = timezone.localdate()
        year = filterset.form.cleaned_data.get("year") if filterset.is_bound else None
        return {
            **context,
            "year": year,
            "since": None if year else calendar_since(today),
            "count": calendar_visits(filterset, today).count(),
        }


def calendar_since(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=CALENDAR_PAST_DAYS)


def calendar_visits(filterset: StudyVisitFilter, today: dt.date):
    """The visits the calendar holds for a valid filterset (CALENDAR_PAST_DAYS)."""
    visits = filterset.qs
    if not filterset.is_bound or not filterset.form.cleaned_data.get("year"):
        visits = visits.filter(end_date__gte=calendar_since(today))
    return visits


class StudyVisitCSVView(FilteredCSVView):
    filterset_class = StudyVisitFilter
    filename = "values-study-visits.csv"

    def get_queryset(self):
        return (
            StudyVisit.objects.for_lists()
            .select_related("project")
            .annotate(**{f"n_{role}": Sum(f"participations__{role}") for role in HEAD_COUNT_ROLES})
        )

    def header(self) -> list:
        return [
            _("Title"),
            _("Start date"),
            _("End date"),
            _("Status"),
            _("Host"),
            _("City"),
            _("Country"),
            _("Cluster"),
            _("Project"),
            _("City staff"),
            _("Volunteering organisation staff"),
            _("Volunteers"),
            _("Migrants"),
            _("Example"),
            _("Address"),
        ]

    def row(self, visit: StudyVisit) -> list:
        return [
            visit.title,
            visit.start_date.isoformat(),
            visit.end_date.isoformat(),
            visit.get_status_display(),
            visit.host,
            visit.host.city,
            visit.host.country.name,
            visit.cluster or "",
            visit.project,
            *(getattr(visit, f"n_{role}") or 0 for role in HEAD_COUNT_ROLES),
            yes_no(visit.is_example),
            self.address(visit),
        ]


# Calendar apps poll the feed: it holds the visits worth subscribing to, the next
# ones and those that ended in the last year, not the network's whole history
# (a year chosen in the filters gives that whole year).
CALENDAR_PAST_DAYS = 365


class StudyVisitCalendarView(SharedPageCacheMixin, View):
    """The list's visits as an ``.ics`` file; the list's filters apply, pagination does not.

    The file is the same for everyone: it is built once a day and per content
    version (core.cache), whoever asks.
    """

    shared_page_daily = True
    cache_depends_on = ("exchanges", "cities")

    def get(self, request: HttpRequest) -> HttpResponse:
        filterset = StudyVisitFilter(
            request.GET or None, queryset=StudyVisit.objects.none(), request=request
        )
        if filterset.is_bound and not filterset.is_valid():
            # As the open data answers: a calendar app shows nothing useful for an empty file.
            problems = "; ".join(
                f"{name}: {' '.join(errors)}" for name, errors in filterset.form.errors.items()
            )
            return HttpResponseBadRequest(
                _("Some parameters could not be used: %(problems)s") % {"problems": problems},
                content_type="text/plain; charset=utf-8",
            )
        today = timezone.localdate()
        body = cached_fragment(
            "visit-calendar",
            lambda: self.calendar(request, today),
            request.build_absolute_uri("/"),
            query_string(request),
            today.isoformat(),
            depends_on=self.cache_depends_on,
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="study-visits.ics"'
        return response

    def calendar(self, request: HttpRequest, today: dt.date) -> bytes:
        filterset = StudyVisitFilter(
            request.GET or None, queryset=StudyVisit.objects.all(), request=request
        )
        visits = calendar_visits(filterset, today)  # the filters were checked in get()
        return study_visit_calendar(
            visits,
            request=request,
            name=_("%(portal_name)s: study visits") % {"portal_name": settings.PORTAL_NAME},
        )


class StudyVisitDetailView(DetailView):
    template_name = "exchanges/studyvisit_detail.html"
    context_object_name = "visit"

    def get_queryset(self):
        user = self.request.user
        return StudyVisit.objects.select_related(
            "host", "cluster", "project", "working_group"
        ).prefetch_related(
            Prefetch(
                "participations",
                queryset=VisitParticipation.objects.select_related("organisation"),
            ),
            Prefetch("documents", queryset=VisitDocument.objects.visible_to(user)),
            Prefetch(
                "action_plans",
                queryset=ActionPlan.objects.visible_to(user).select_related("organisation"),
            ),
            Prefetch(
                "inspired_actions",
                queryset=PlanAction.objects.accepted()
                .filter(plan__in=ActionPlan.objects.visible_to(user))
                .select_related("plan__organisation"),
            ),
            Prefetch("transfers", queryset=published_transfers()),
        )

    def get_context_data(self, **kwargs):
        visit = self.object
        participations = list(visit.participations.all())
        totals = {
            role: sum(getattr(row, role) for row in participations) for role in HEAD_COUNT_ROLES
        }
        totals["total"] = sum(totals.values())
        hidden_documents = 0
        if not is_member(self.request.user):
            hidden_documents = VisitDocument.objects.filter(
                visit=visit, visibility=Visibility.MEMBERS
            ).count()
        return super().get_context_data(
            participations=participations,
            totals=totals,
            hidden_documents=hidden_documents,
            **self.registration_context(visit),
            login_url=login_url(self.request),
            breadcrumbs=[
                home_crumb(),
                (_("Study visits"), reverse("exchanges:visit_list")),
                (shown_html(visit, "title"), None),
            ],
            **kwargs,
        )

    def registration_context(self, visit: StudyVisit) -> dict:
        """The registration block: the person's place, the form, or why there is none."""
        user = self.request.user
        registration = None
        form = None
        if user.is_authenticated:
            registration = (
                VisitRegistration.objects.active()
                .filter(visit=visit, user=user)
                .select_related("organisation")
                .first()
            )
            if visit.accepts_registrations() and registration is None:
                form = VisitRegistrationForm(visit=visit, user=user)
                if not form.fields["organisation"].queryset.exists():
                    form = None
        take_homes = VisitTakeHome.objects.filter(registration__visit=visit)
        return {
            "registration": registration,
            "registration_form": form,
            "registration_accepted": visit.accepts_registrations(),
            "manages_visit": StudyVisit.objects.managed_by(user).filter(pk=visit.pk).exists(),
            "take_home_count": take_homes.count() if visit.end_date < timezone.localdate() else 0,
        }


class VisitDocumentDownloadView(View):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        document = get_object_or_404(
            VisitDocument.objects.select_related("visit__host"), pk=pk, visit__slug=slug
        )
        members_only_file = document.visibility != Visibility.PUBLIC
        if members_only_file and not is_member(request.user):
            # The document is listed on the visit's public page, so saying it is for
            # members leaks nothing.
            return members_only(
                request,
                kind=str(_("Study visit document")),
                title=document.title,
                city=document.visit.host.city,
            )
        return serve_file(
            document.file,
            private=members_only_file,
            filename=safe_filename(
                document.original_filename, fallback_name(f"{slug}-document", document.file)
            ),
        )


# Staff exchanges ---------------------------------------------------------------


class StaffExchangeListView(FilterView):
    filterset_class = StaffExchangeFilter
    template_name = "exchanges/staffexchange_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return StaffExchange.objects.for_lists()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[home_crumb(), (_("Staff exchanges"), None)], **kwargs
        )


class StaffExchangeCSVView(FilteredCSVView):
    filterset_class = StaffExchangeFilter
    filename = "values-staff-exchanges.csv"

    def get_queryset(self):
        return StaffExchange.objects.for_lists().select_related("project")

    def header(self) -> list:
        return [
            _("Title"),
            _("Kind"),
            _("Sending organisation"),
            _("Hosting organisation"),
            _("Cluster"),
            _("Project"),
            _("Start date"),
            _("End date"),
            _("Number of staff"),
            _("Status"),
            _("Example"),
            _("Address"),
        ]

    def row(self, exchange: StaffExchange) -> list:
        return [
            exchange.title,
            exchange.get_kind_display(),
            exchange.sending,
            exchange.hosting,
            exchange.cluster or "",
            exchange.project,
            exchange.start_date.isoformat(),
            exchange.end_date.isoformat(),
            exchange.staff_count,
            exchange.get_status_display(),
            yes_no(exchange.is_example),
            self.address(exchange),
        ]


class StaffExchangeDetailView(DetailView):
    template_name = "exchanges/staffexchange_detail.html"
    context_object_name = "exchange"

    def get_queryset(self):
        return (
            StaffExchange.objects.for_lists()
            .select_related("project")
            .prefetch_related(
                Prefetch(
                    "action_plans",
                    queryset=ActionPlan.objects.visible_to(self.request.user).select_related(
                        "organisation"
                    ),
                ),
                Prefetch(
                    "inspired_actions",
                    queryset=PlanAction.objects.accepted()
                    .filter(plan__in=ActionPlan.objects.visible_to(self.request.user))
                    .select_related("plan__organisation"),
                ),
                Prefetch("transfers", queryset=published_transfers()),
            )
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[
                home_crumb(),
                (_("Staff exchanges"), reverse("exchanges:exchange_list")),
                (shown_html(self.object, "title"), None),
            ],
            **kwargs,
        )


# Action plans ------------------------------------------------------------------


class ActionPlanListView(FilterView):
    filterset_class = ActionPlanFilter
    template_name = "exchanges/actionplan_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return (
            ActionPlan.objects.visible_to(self.request.user)
            .select_related("organisation", "project")
            .annotate(version_count=Count("versions"))
            .order_by("organisation__name", "title")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[home_crumb(), (_("Action plans"), None)], **kwargs
        )


class ActionPlanCSVView(FilteredCSVView):
    """The plans the list shows this visitor: members-only ones for signed-in members only."""

    filterset_class = ActionPlanFilter
    filename = "values-action-plans.csv"

    def get_queryset(self):
        return (
            ActionPlan.objects.visible_to(self.request.user)
            .select_related("organisation", "project")
            .annotate(
                version_count=Count("versions", distinct=True),
                action_count=Count("actions", filter=Q(actions__is_proposal=False), distinct=True),
                done_count=Count(
                    "actions", filter=Q(actions__status=ActionStatus.DONE), distinct=True
                ),
            )
            .order_by("organisation__name", "title")
        )

    def header(self) -> list:
        return [
            _("Title"),
            _("City or organisation"),
            _("Project"),
            _("Language"),
            _("Visibility"),
            pgettext_lazy("date an action plan was published", "Published"),
            _("Versions"),
            _("Actions"),
            _("Actions done"),
            _("Example"),
            _("Address"),
        ]

    def row(self, plan: ActionPlan) -> list:
        return [
            plan.title,
            plan.organisation,
            plan.project,
            plan.get_language_display(),
            plan.get_visibility_display(),
            plan.published_at.date().isoformat() if plan.published_at else "",
            plan.version_count,
            plan.action_count,
            plan.done_count,
            yes_no(plan.is_example),
            self.address(plan),
        ]


def plan_for_members_only(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    """What a published members-only plan shows someone who may not see it: how to get it."""
    return members_only(
        request,
        kind=str(_("Action plan")),
        title=str(shown_html(plan, "title")),
        city=plan.organisation.city,
    )


def members_only_plan(request: HttpRequest, slug: str) -> ActionPlan | None:
    """The published members-only plan at ``slug`` when ``request.user`` may not see it."""
    if is_member(request.user):
        return None
    return (
        ActionPlan.objects.published()
        .filter(slug=slug, visibility=Visibility.MEMBERS)
        .select_related("organisation")
        .first()
    )


class ActionPlanDetailView(DetailView):
    """A plan the visitor may see; a draft is a 404.

    A members-only plan opened by someone who is not a member (a link forwarded by a
    colleague) gives the page that says how to get it, with its title and city only.
    """

    template_name = "exchanges/actionplan_detail.html"
    context_object_name = "plan"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        plan = members_only_plan(request, kwargs["slug"])
        if plan is not None:
            return plan_for_members_only(request, plan)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (
            ActionPlan.objects.visible_to(self.request.user)
            .select_related("organisation", "project")
            .prefetch_related(
                Prefetch("versions", queryset=ActionPlanVersion.objects.order_by("-uploaded_at")),
                Prefetch("study_visits", queryset=StudyVisit.objects.for_lists()),
                Prefetch("staff_exchanges", queryset=StaffExchange.objects.for_lists()),
                Prefetch(
                    "actions",
                    queryset=PlanAction.objects.accepted().prefetch_related(
                        Prefetch("inspired_by_practices", queryset=Practice.objects.published()),
                        Prefetch("inspired_by_visits", queryset=StudyVisit.objects.order_by()),
                        Prefetch(
                            "inspired_by_exchanges", queryset=StaffExchange.objects.order_by()
                        ),
                    ),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        plan = self.object
        return super().get_context_data(
            progress=ActionProgress.of(action.status for action in plan.actions.all()),
            progress_meaning=ACTION_PROGRESS,
            # The visits that informed it, as every list shows them (read with the plan).
            visit_lines=with_lines(list(plan.study_visits.all())),
            # What the plan's organisation took up from others, and through which activity.
            transfers=published_transfers().filter(organisation=plan.organisation),
            breadcrumbs=[
                home_crumb(),
                (_("Action plans"), reverse("exchanges:plan_list")),
                (shown_html(self.object, "title"), None),
            ],
            **kwargs,
        )


class ActionPlanVersionDownloadView(View):
    """One file of a plan, for whoever may see the plan; counts the download.

    A file of a members-only plan, for someone who may not see it, gives the page that
    says how to get it (like the plan's own page), never the file.
    """

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        plan = members_only_plan(request, slug)
        if plan is not None and plan.versions.filter(pk=pk).exists():
            return plan_for_members_only(request, plan)
        version = get_object_or_404(
            ActionPlanVersion.objects.select_related("plan"),
            pk=pk,
            plan__slug=slug,
            plan__in=ActionPlan.objects.visible_to(request.user),
        )
        response = serve_file(
            private=version.plan.visibility != Visibility.PUBLIC,
            file=version.file,
            filename=safe_filename(
                version.original_filename,
                fallback_name(f"{slug}-{version.version_label}", version.file),
            ),
        )
        # HEAD requests are not downloads; a person's repeated clicks count once an hour.
        if request.method == "GET" and first_request_in_window(
            request, f"plan-version-{version.pk}"
        ):
            ActionPlanVersion.objects.filter(pk=version.pk).record_download()
        return response


class TransferEvidenceView(View):
    """The evidence file of a transfer of a published practice: public, like the trail."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        transfer = get_object_or_404(
            Transfer.objects.public().exclude(evidence_file="").select_related("organisation"),
            pk=pk,
            practice__slug=slug,
        )
        fallback = fallback_name(f"{slug}-{transfer.organisation.slug}", transfer.evidence_file)
        return serve_file(transfer.evidence_file, filename=safe_filename("", fallback))


# Registration, certificates --------------------------------------------------------


class StudyVisitRegisterView(LoginRequiredMixin, SingleObjectMixin, FormView):
    """The "Register" form of the visit's page; shown on a page of its own with its errors."""

    template_name = "exchanges/visitregistration_form.html"
    form_class = VisitRegistrationForm
    context_object_name = "visit"

    def get_queryset(self):
        return StudyVisit.objects.select_related("host", "working_group")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        if not self.object.accepts_registrations():
            messages.error(request, _("Registration for this visit is closed."))
            return redirect(self.object)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "visit": self.object, "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            registration = visit_register(
                visit=self.object,
                user=self.request.user,
                organisation=data["organisation"],
                role=data["role"],
                name=data["name"],
                needs=data["needs"],
                consent=data["consent"],
            )
        except RegistrationRefused:
            messages.error(self.request, _("You are already registered for this visit."))
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(self.request, _("You are registered: your place is confirmed."))
            else:
                messages.success(
                    self.request,
                    _("The visit is full: you are on the waiting list, and we will write to you."),
                )
        return redirect(self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[
                home_crumb(),
                (_("Study visits"), reverse("exchanges:visit_list")),
                (self.object.title, self.object.get_absolute_url()),
                (_("Register"), None),
            ],
            **kwargs,
        )


class StudyVisitCancelView(LoginRequiredMixin, View):
    """The registrant's own cancellation, until registration closes."""

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        registration = get_object_or_404(
            VisitRegistration.objects.active().select_related("visit"),
            visit__slug=slug,
            user=request.user,
        )
        try:
            visit_registration_cancel(registration=registration, by=request.user)
        except RegistrationRefused:
            messages.error(request, _("Registration has closed: please write to the host."))
        else:
            messages.success(request, _("Your registration is cancelled."))
        return redirect(registration.visit)


def certificate_context(registration: VisitRegistration) -> dict:
    return {"registration": registration, "visit": registration.visit}


class CertificateView(LoginRequiredMixin, View):
    """The attendee's certificate of attendance, a tagged PDF in their interface language."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        registration = get_object_or_404(
            VisitRegistration.objects.attended().select_related(
                "visit__host", "visit__project", "organisation"
            ),
            visit__slug=slug,
            user=request.user,
        )
        html = render_to_string(
            "exchanges/certificate_pdf.html",
            {
                **certificate_context(registration),
                "verify_url": request.build_absolute_uri(reverse("exchanges:certificate_verify")),
            },
            request=request,
        )
        response = HttpResponse(
            html_to_pdf(html=html, stylesheet="css/certificate-pdf.css"),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = f'attachment; filename="certificate-{slug}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response


class CertificateVerifyView(TemplateView):
    """Anyone checks a certificate's code: the page shows what the certificate shows, no more."""

    template_name = "exchanges/certificate_verify.html"

    def get_context_data(self, **kwargs):
        form = CertificateVerifyForm(self.request.GET or None)
        registration = None
        if form.is_valid():
            registration = (
                VisitRegistration.objects.attended()
                .select_related("visit__host", "visit__project", "organisation")
                .filter(certificate_code=form.cleaned_data["code"])
                .first()
            )
        return super().get_context_data(
            form=form,
            registration=registration,
            checked=form.is_bound and form.is_valid(),
            breadcrumbs=[home_crumb(), (_("Verify a certificate"), None)],
            **kwargs,
        )
