import logging
from collections.abc import Callable

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, resolve_url
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, TemplateView
from django.views.generic.edit import FormView
from django_filters.views import FilterView

from cities.models import (
    Cluster,
    Organisation,
    confirmed_membership_of,
    is_member,
    remember_is_member,
)
from core.cache import (
    PageFragment,
    SharedDetailPageCacheMixin,
    SharedPageCacheMixin,
    cached_fragment,
    children_token,
    counts_token,
    kept_for_person,
    model_token,
    models_except,
    page_fragment,
    pk_token,
    query_string,
    row_token,
    with_row_html,
)
from core.content_language import shown_html
from core.downloads import fallback_name, members_only, safe_filename, serve_file
from core.models import Visibility
from core.spreadsheets import FilteredCSVView, yes_no
from toolkit.benchmarking import (
    assessment_options,
    assessments_prefetch,
    compare,
    practice_profiles,
)
from toolkit.filters import PracticeFilter, SortOrder
from toolkit.forms import AssessmentForm, CompareForm, PracticeContactForm
from toolkit.models import (
    BenchmarkCriterion,
    PeerReviewer,
    Practice,
    PracticeStatus,
    Resource,
    VolunteeringModel,
    prepare_cards,
)
from toolkit.search import search_words, word_tokens
from toolkit.services import ContactLimitReached, assessment_record, practice_contact
from values_portal.users.roles import is_coordinator

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
RELATED_COUNT = 3
# Related practices are ranked among this many of the newest that share a cluster.
RELATED_WINDOW = 200
# What a volunteer does in each model: the first thing a practice page tells them.
VOLUNTEER_ROLES = {
    VolunteeringModel.MENTORING: _(
        "Volunteers are paired with a newcomer and meet them regularly, to help them find "
        "their way and feel at home."
    ),
    VolunteeringModel.MIGRANTS_AS_VOLUNTEERS: _(
        "Migrants and refugees volunteer themselves: newcomers and long-time residents work "
        "side by side."
    ),
    VolunteeringModel.NEIGHBOURHOOD: _(
        "Volunteers take part in activities in their own neighbourhood, beside the newcomers "
        "who live there."
    ),
    VolunteeringModel.SKILLS_BASED: _(
        "Volunteers bring a skill of their trade or profession: teaching, advice, coaching "
        "for work."
    ),
    VolunteeringModel.EVENT_BASED: _(
        "Volunteers help at events, a day or an evening at a time, with no long commitment."
    ),
    VolunteeringModel.ONLINE: _(
        "Volunteers help from a distance, online, at times that suit them."
    ),
    VolunteeringModel.OTHER: _("Volunteers take part as the practice describes below."),
}

# What a card shows besides its practice: organisations, clusters, countries (cities) and
# target groups. The practice's own row covers its links to clusters and target groups.
CARD_DEPENDS_ON = ("cities", "toolkit.targetgroup")


def practice_cards(practices, *, read: QuerySet | Callable[[], QuerySet] | None = None) -> list:
    """``practices``, each with its card's HTML on ``practice.card``.

    A card is rendered once per version of its practice (core.cache.with_row_html): after
    an edit, a list renders the edited practice's card and takes the others from the cache.
    Given a QuerySet (or ids and ``read``), only the practices whose card is not in the
    cache are read whole, by ``for_cards()``, and those whose card is rendered prepared for
    it (``prepare_cards``).
    """
    return with_row_html(
        practices,
        name="card",
        template="includes/_practice_card.html",
        as_name="practice",
        depends_on=CARD_DEPENDS_ON,
        read=read,
        prepare=prepare_cards,
    )


class CountedPaginator(Paginator):
    """A paginator told how many objects there are, instead of asking the database."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.count = count


def page_cards(page: QuerySet, ids: list[int] | None = None) -> list:
    """The cards of one page of ``page``'s query (a slice), in its order.

    The order is found from the ids alone (``ids`` when they are known already):
    ranking thousands of matches then reads narrow columns only, and only the page's
    practices whose card is not in the cache are read whole (after an edit, one of
    twenty).
    """
    if ids is None:
        ids = list(page.values_list("pk", flat=True))
    return practice_cards(ids, read=Practice.objects.for_cards)


def home_crumb() -> tuple[str, str]:
    return (_("Home"), reverse("home"))


def related_practices(practice: Practice) -> QuerySet:
    """The practices sharing most clusters with ``practice``, newest first
    (``related_to``'s order)."""
    return _related(practice.pk, [cluster.pk for cluster in practice.clusters.all()])


def _related(practice_pk: int, clusters: list[int]) -> QuerySet:
    """The practices sharing most of ``clusters`` with practice ``practice_pk``.

    Counting shared clusters for every practice of a cluster means thousands of
    rows at scale. Only the ``RELATED_WINDOW`` newest practices sharing a cluster
    are ranked here: the same answer whenever fewer practices share one, and the
    same answer at 10,000 practices for each of 150 practices checked, in a tenth
    of the time; in one query, whatever the size.
    """
    sharing = Practice.clusters.through.objects.filter(
        practice=OuterRef("pk"), cluster__in=clusters
    )
    newest = (
        Practice.objects.published()
        .exclude(pk=practice_pk)
        .filter(Exists(sharing))
        .order_by("-published_at")
        .values("pk")[:RELATED_WINDOW]
    )
    return (
        Practice.objects.filter(pk__in=newest)
        .annotate(shared_clusters=Count("clusters", filter=Q(clusters__in=clusters)))
        .order_by("-shared_clusters", "-published_at", "title")[:RELATED_COUNT]
    )


def related_section(practice_pk: int, clusters: tuple[int, ...]) -> str:
    """The "Related practices" section of a practice's page (empty when there are none)."""
    ids = list(_related(practice_pk, list(clusters)).values_list("pk", flat=True))
    related = practice_cards(ids, read=Practice.objects.for_cards)
    return render_to_string("toolkit/_related_practices.html", {"related": related})


def related_fragment(practice: Practice) -> PageFragment:
    """A practice's related practices, apart from its page: they change whenever a
    practice sharing one of its clusters does (its clusters' practices tokens; a change of
    the practice's own clusters renews its whole page), about every other edit at 10,000
    practices."""
    clusters = sorted(practice.clusters.all(), key=lambda cluster: cluster.pk)
    return PageFragment(
        name="practice-related",
        build=related_section,
        vary=(practice.pk, tuple(cluster.pk for cluster in clusters)),
        depends_on=(
            *(children_token(Cluster, cluster.pk, Practice) for cluster in clusters),
            *CARD_DEPENDS_ON,
        ),
    )


class PracticeListView(SharedPageCacheMixin, FilterView):
    """The toolkit: search, facets, sorting and pages, all in the URL.

    Facets and results depend only on the address, the language and the
    practices, organisations and clusters: they are rendered once per version of
    those (core.cache) and shared by every visitor. Only the search box is
    rendered each time.
    """

    cache_depends_on = ("toolkit", "cities")

    filterset_class = PracticeFilter
    template_name = "toolkit/practice_list.html"
    # Paginated with the results, only when they are not in the cache.
    paginate_by = None

    def get_queryset(self):
        # Ids and sort keys only: page_cards reads the page's practices for their cards.
        return Practice.objects.published().order_by("-published_at", "title")

    def get_filterset_kwargs(self, filterset_class) -> dict:
        return {**super().get_filterset_kwargs(filterset_class), "all_published": True}

    def get_paginator(self, queryset, per_page, **kwargs) -> CountedPaginator:
        # Counted with the facets, in one pass over the matches; nothing when the filters
        # are refused (FilterView then lists nothing).
        count = 0 if queryset.query.is_empty() else self._result_count
        return CountedPaginator(queryset, per_page, count=count, **kwargs)

    _filterset = None
    _dependencies: list[str] | None = None
    _page_ids: list[int] | None = None

    def get_filterset(self, filterset_class):
        # Made once: cache_dependencies_before_rendering() may need it before get().
        if self._filterset is None:
            self._filterset = super().get_filterset(filterset_class)
        return self._filterset

    def cache_dependencies_before_rendering(self) -> list[str]:
        """The plain list (every published practice, newest first, nothing chosen, no
        search) depends on which practices are published and what they are counted by,
        and on the cards of the page's practices: their ids are read first, and an edit of
        the texts of a practice on another page leaves this one in the cache. Any other
        list depends on every practice (``cache_depends_on``)."""
        if self._dependencies is None:
            self._page_ids = self._page_ids_read_first()
            if self._page_ids is not None:
                self._dependencies = [
                    counts_token("toolkit"),
                    *CARD_DEPENDS_ON,
                    *(pk_token(Practice, pk) for pk in self._page_ids),
                ]
            else:
                self._dependencies = self._search_dependencies() or list(self.cache_depends_on)
        return self._dependencies

    def _search_dependencies(self) -> list[str] | None:
        """A search depends on what counts the practices (their status, partner,
        clusters…: ``counts_token``), on what their cards show besides them, and on its
        words (``toolkit.search``): an edit of a practice it neither matched nor matches
        leaves it in the cache. None for a search that any practice may match (a word
        excluded), for no search, and without full-text search."""
        filterset = self.get_filterset(self.get_filterset_class())
        if filterset.is_bound and not filterset.is_valid():
            return None
        if not filterset.search_text:
            return None
        # The words of what is searched, as it was typed (search_text is as it is shown).
        words = search_words(filterset.valid_data.get("q") or "")
        if words is None:
            return None
        return [counts_token("toolkit"), *CARD_DEPENDS_ON, *word_tokens(words)]

    def _page_ids_read_first(self) -> list[int] | None:
        """The ids of the plain list's wanted page, in order; None for any other list."""
        filterset = self.get_filterset(self.get_filterset_class())
        wanted = self.request.GET.get(self.page_kwarg) or "1"
        if not (wanted.isascii() and wanted.isdigit() and int(wanted) >= 1):
            return None
        offset = (int(wanted) - 1) * PAGE_SIZE
        if offset > filterset.MAX_PAGE_OFFSET or (filterset.is_bound and not filterset.is_valid()):
            return None
        if filterset.sort_order != SortOrder.NEWEST or not filterset.counts_are_stored:
            return None
        # With the practice before the page and the one after it: publication dates alike
        # at a boundary are ordered by title, which an edit of the texts can change.
        start = max(offset - 1, 0)
        rows = list(filterset.qs.values_list("pk", "published_at")[start : offset + PAGE_SIZE + 1])
        page = rows[offset - start : offset - start + PAGE_SIZE]
        if not page:
            return [] if offset == 0 else None
        before = rows[: offset - start]
        after = rows[offset - start + PAGE_SIZE :]
        if (before and before[-1][1] == page[0][1]) or (after and after[0][1] == page[-1][1]):
            return None
        return [pk for pk, _published in page]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            breadcrumbs=[home_crumb(), (_("Toolkit"), None)], **kwargs
        )
        context["results"] = cached_fragment(
            "toolkit-results",
            lambda: self.render_results(context),
            query_string(self.request),
            depends_on=self.cache_dependencies_before_rendering(),
        )
        return context

    def facets_depend_on(self) -> tuple[str, ...]:
        """What the facets and the number of results show: without a search, which
        practices are published and what they are counted by (their partner, country,
        clusters…), so an edit of a practice's texts leaves them in the cache; with one,
        the texts too."""
        if self.request.GET.get("q", "").strip():
            return tuple(self._search_dependencies() or self.cache_depends_on)
        return (counts_token("toolkit"), "cities")

    def render_results(self, context: dict) -> dict:
        # The page's ids: read first (the plain list), else found with the counts, in the
        # same pass over the matches.
        wanted = self.request.GET.get(self.page_kwarg) or "1"
        if self._page_ids is None and wanted.isascii() and wanted.isdigit() and int(wanted) >= 1:
            self.filterset.want_page((int(wanted) - 1) * PAGE_SIZE, PAGE_SIZE)
        facets = cached_fragment(
            "toolkit-facets",
            self.render_facets,
            query_string(self.request),
            depends_on=self.facets_depend_on(),
        )
        self._result_count = facets["count"]
        paginator, page, object_list, is_paginated = self.paginate_queryset(
            self.object_list, PAGE_SIZE
        )
        # Known when the facets were counted now, and the matches found to count them.
        ids = self._page_ids
        if ids is None and self.filterset.counted:
            ids = self.filterset.page_ids
        if self.object_list.query.is_empty() or str(page.number) != wanted.lstrip("0"):
            ids = None  # refused filters list nothing; "last" is found on its own
        page.object_list = object_list = page_cards(object_list, ids)
        context = {
            **context,
            "paginator": paginator,
            "page_obj": page,
            "is_paginated": is_paginated,
            "object_list": object_list,
            "facets_html": facets["html"],
            "chosen_count": facets["chosen_count"],
        }
        html = render_to_string(f"{self.template_name}#results", context, self.request)
        return {"html": html, "page_number": page.number}

    def render_facets(self) -> dict:
        """The facets' HTML, the number of results and how many options are chosen."""
        facets = self.filterset.facets()
        html = render_to_string(
            f"{self.template_name}#facets",
            {"filter": self.filterset, "facets": facets},
            self.request,
        )
        return {
            "html": html,
            "count": self.filterset.count,
            "chosen_count": sum(facet.selected_count for facet in facets),
        }


class PracticeCSVView(FilteredCSVView):
    """Every practice the list shows for the same filters, in the same order, on all its pages."""

    filterset_class = PracticeFilter
    filename = "values-toolkit.csv"

    def get_queryset(self):
        return Practice.objects.published().with_links().order_by("-published_at", "title")

    def header(self) -> list:
        return [
            _("Title"),
            _("Summary"),
            _("City"),
            _("Country"),
            _("Partner organisation"),
            _("Clusters"),
            _("Target groups"),
            _("Volunteering model"),
            _("Language"),
            pgettext_lazy("date a practice was published", "Published"),
            _("Example"),
            _("Address"),
        ]

    def row(self, practice: Practice) -> list:
        return [
            practice.title,
            practice.summary,
            practice.origin_city,
            practice.origin_country.name,
            practice.organisation or "",
            "; ".join(str(cluster) for cluster in practice.clusters.all()),
            "; ".join(str(group) for group in practice.target_groups.all()),
            practice.get_volunteering_model_display(),
            practice.get_language_display(),
            practice.published_at.date().isoformat() if practice.published_at else "",
            yes_no(practice.is_example),
            self.address(practice),
        ]


class PracticeDetailView(SharedDetailPageCacheMixin, DetailView):
    """A published practice; drafts and practices in review are a 404."""

    template_name = "toolkit/practice_detail.html"
    context_object_name = "practice"

    def get_queryset(self):
        return (
            Practice.objects.published()
            .with_links()
            .prefetch_related("resources", assessments_prefetch())
        )

    def cache_audience(self, request: HttpRequest) -> str | None:
        """Members see members-only resources; those who may assess practices (coordinators,
        peer reviewers, editors) an "Assess" link of their own: their page is theirs."""
        user = request.user
        if user.is_staff or is_coordinator(user):
            return None
        # The three questions in one query, its answer kept for the person until their
        # memberships or reviewer roles change: a page from the cache asks nothing more.
        facts = kept_for_person(
            "practice-reader",
            user,
            lambda: (
                get_user_model()
                .objects.filter(pk=user.pk)
                .annotate(
                    reviews=Exists(PeerReviewer.objects.filter(user=OuterRef("pk"))),
                    edits=Exists(Organisation.objects.editable_by(user)),
                    member=confirmed_membership_of(user),
                )
                .values("reviews", "edits", "member")
                .get()
            ),
            depends_on=["cities", model_token(PeerReviewer)],
        )
        if facts["reviews"] or facts["edits"]:
            return None
        remember_is_member(user, facts["member"])
        return "member" if is_member(user) else "signed-in"

    def cache_dependencies(self) -> list[str]:
        """Its own row (resources, assessments and transfers point at it) and whatever else
        it shows, but not the other practices' rows: its related practices, which
        change with them, are a fragment of their own (``related_fragment``)."""
        practice = self.object
        return [
            row_token(practice),
            "cities",
            "exchanges",
            *models_except(Practice, app="toolkit"),
        ]

    def get_context_data(self, **kwargs):
        practice = self.object
        member = is_member(self.request.user)
        resources = [
            {
                "resource": resource,
                "available": member or resource.visibility == Visibility.PUBLIC,
            }
            for resource in practice.resources.all()
        ]
        profiles = practice_profiles(practice)
        if "contact_form" not in kwargs:
            # Empty for everyone, signed in or not: the page is shared from the cache by
            # everyone of the same audience (cache_audience), so it must hold nobody's name
            # or address.
            kwargs["contact_form"] = PracticeContactForm()
        return super().get_context_data(
            volunteer_role=VOLUNTEER_ROLES.get(
                practice.volunteering_model, VOLUNTEER_ROLES[VolunteeringModel.OTHER]
            ),
            resources=resources,
            related=page_fragment(self.request, related_fragment(practice)),
            profiles=profiles,
            benchmarked=[profile for profile in profiles if profile.benchmarked],
            can_assess=self.request.user.is_authenticated
            and bool(assessment_options(self.request.user, practice)),
            login_url=f"{resolve_url(settings.LOGIN_URL)}?"
            + urlencode({"next": self.request.get_full_path()}),
            breadcrumbs=[
                home_crumb(),
                (_("Toolkit"), reverse("toolkit:list")),
                (shown_html(practice, "title"), None),
            ],
            **kwargs,
        )


@method_decorator(csrf_exempt, name="dispatch")
class PracticeContactView(PracticeDetailView):
    """A message to the people behind a published practice, relayed by email (practice_contact).

    No CSRF token: the form sits on the practice page, which is shared from the cache by
    every anonymous visitor (core.cache), and a token would make each page unique. The view
    acts for nobody's session: it sends what is posted, with the address given to reply
    to. It reads who is signed in for one thing only, whether to mail them a copy, and
    only to an address confirmed on their account (practice_contact); so a post forged
    from another site can do nothing a direct post cannot (and the session cookie is
    SameSite=Lax, not sent with it). The hourly limit and the hidden field are what stop
    abuse. Browsers name the page a post comes from (``Origin``), so a post from another
    site's page is refused all the same, as Django's CSRF check would. A GET goes to the
    practice.
    """

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return HttpResponseRedirect(reverse("toolkit:detail", kwargs=kwargs) + "#contact")

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        origin = request.headers.get("Origin")
        if (
            origin
            and origin != f"{request.scheme}://{request.get_host()}"
            and (origin not in settings.CSRF_TRUSTED_ORIGINS)
        ):
            raise PermissionDenied(_("This form can only be sent from the portal's own pages."))
        self.object = practice = self.get_object()
        form = PracticeContactForm(request.POST)
        if practice.organisation_id is None:
            raise Http404(_("No practice found."))
        if form.is_valid():
            if form.is_from_a_bot:
                logger.info(
                    "Contact about practice %s dropped: the hidden field was filled", practice.pk
                )
                return self.sent(practice, form.cleaned_data["email"], copied=False)
            try:
                sent = practice_contact(
                    practice=practice,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    message=form.cleaned_data["message"],
                    client_ip=get_adapter().get_client_ip(request),
                    practice_url=request.build_absolute_uri(practice.get_absolute_url()),
                    # Who is signed in is read here, never in the form: the page is shared.
                    sender=request.user if request.user.is_authenticated else None,
                )
            except ContactLimitReached:
                form.add_error(
                    None,
                    _(
                        "You have sent several messages in a short time. Please wait an hour "
                        "and send this one again."
                    ),
                )
                return self.render_to_response(self.get_context_data(contact_form=form), status=429)
            if sent.relayed:
                return self.sent(practice, form.cleaned_data["email"], copied=sent.copied)
            form.add_error(
                None,
                _("Your message could not be passed on just now. Please try again later."),
            )
        return self.render_to_response(self.get_context_data(contact_form=form))

    def sent(self, practice: Practice, email: str, *, copied: bool) -> HttpResponse:
        """Back to the practice, with what went where, and where the answer will come."""
        said = [
            _(
                "Your message has been sent to the people behind this practice, at "
                "%(organisation)s. They will answer you at %(email)s."
            )
            % {"organisation": practice.organisation.name, "email": email},
            _("A copy of your message is on its way to that address.")
            if copied
            else _(
                "No copy was emailed to you: the portal sends a copy only to an address "
                "confirmed on the account you are signed in with."
            ),
        ]
        messages.success(self.request, " ".join(str(sentence) for sentence in said))
        return HttpResponseRedirect(practice.get_absolute_url())


class ResourceDownloadView(View):
    """A resource file of a published practice; members-only files need a signed-in user.

    The practice page lists members-only resources with a "sign in" note, so someone who
    may not have one gets the page that says how to (core.downloads.members_only).
    """

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        resource = get_object_or_404(
            Resource.objects.exclude(file="").select_related("practice"),
            pk=pk,
            practice__slug=slug,
            practice__in=Practice.objects.published(),
        )
        members_only_file = resource.visibility != Visibility.PUBLIC
        if members_only_file and not is_member(request.user):
            return members_only(
                request,
                kind=str(_("Practice resource")),
                title=resource.title,
                city=resource.practice.origin_city,
            )
        return serve_file(
            resource.file,
            private=members_only_file,
            filename=safe_filename(resource.original_filename, fallback_name(slug, resource.file)),
        )


# --- Benchmarking ----------------------------------------------------------------------


class CompareView(TemplateView):
    """Two to four published practices side by side, criterion by criterion.

    The choice is in the address (``?p=slug&p=slug``), so a comparison can be shared;
    one practice, more than four or an unknown address get a message, never an error page.
    """

    template_name = "toolkit/compare.html"

    def get_context_data(self, **kwargs):
        form = CompareForm(self.request.GET if "p" in self.request.GET else None)
        comparisons = []
        practices = []
        if form.is_bound and form.is_valid():
            practices = form.cleaned_data["p"]
            loaded = {
                practice.pk: practice
                for practice in Practice.objects.filter(pk__in=[p.pk for p in practices])
                .select_related("organisation")
                .prefetch_related(assessments_prefetch())
            }
            practices = [loaded[practice.pk] for practice in practices]
            comparisons = compare(practices)
        return super().get_context_data(
            form=form,
            practices=practices,
            comparisons=comparisons,
            breadcrumbs=[
                home_crumb(),
                (_("Toolkit"), reverse("toolkit:list")),
                (_("Compare practices"), None),
            ],
            **kwargs,
        )


class AssessmentCreateView(FormView):
    """Coordinators, appointed peer reviewers and the practice's editors score a practice.

    Anyone else gets a 404, as if the practice were not there: the page does not
    tell who may assess what. Peer reviewers see only the projects they review for.
    """

    # values_portal.users.middleware: a coordinator sets up two-factor before assessing.
    staff_two_factor_required = True

    form_class = AssessmentForm
    template_name = "toolkit/assessment_form.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.practice = get_object_or_404(
            Practice.objects.select_related("organisation"), slug=kwargs["slug"]
        )
        self.options = assessment_options(request.user, self.practice)
        if not self.options:
            raise Http404(_("No practice found."))
        wanted = request.GET.get("project")
        if wanted is None:
            # Without a choice in the address: the only project, or the only one with criteria.
            with_criteria = [
                p for p in self.options if p.pk in self.projects_with_criteria(self.options)
            ]
            only = list(self.options) if len(self.options) == 1 else with_criteria
            self.project = only[0] if len(only) == 1 else None
        else:
            self.project = next((p for p in self.options if p.slug == wanted), None)
            if self.project is None:
                raise Http404(_("No project found."))
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def projects_with_criteria(projects) -> set[int]:
        return set(
            BenchmarkCriterion.objects.filter(project__in=projects).values_list(
                "project_id", flat=True
            )
        )

    def get_form(self, form_class=None):
        if self.project is None:
            return None
        return AssessmentForm(
            project=self.project, kinds=self.options[self.project], **self.get_form_kwargs()
        )

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if self.project is None:
            return HttpResponseRedirect(request.get_full_path())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: AssessmentForm) -> HttpResponse:
        if not form.criteria:
            form.add_error(None, _("This project has no benchmarking criteria yet."))
            return self.form_invalid(form)
        assessment_record(
            practice=self.practice,
            project=self.project,
            kind=form.cleaned_data["kind"],
            by=self.request.user,
            assessed_on=form.cleaned_data["assessed_on"],
            comment=form.cleaned_data["comment"],
            scores=form.scores(),
        )
        messages.success(self.request, _("The assessment has been saved."))
        if self.practice.status == PracticeStatus.PUBLISHED:
            return HttpResponseRedirect(self.practice.get_absolute_url() + "#benchmarking")
        return HttpResponseRedirect(self.request.get_full_path())

    def get_context_data(self, **kwargs):
        practice = self.practice
        profile = None
        if self.project is not None:
            assessed = Practice.objects.filter(pk=practice.pk).prefetch_related(
                assessments_prefetch()
            )
            profile = next(
                (p for p in practice_profiles(assessed.get()) if p.project.pk == self.project.pk),
                None,
            )
        crumbs = [home_crumb(), (_("Toolkit"), reverse("toolkit:list"))]
        if practice.status == PracticeStatus.PUBLISHED:
            crumbs.append((shown_html(practice, "title"), practice.get_absolute_url()))
        crumbs.append((_("Assess"), None))
        return super().get_context_data(
            practice=practice,
            project=self.project,
            projects=list(self.options),
            profile=profile,
            breadcrumbs=crumbs,
            **kwargs,
        )
