"""Loading the VALUES demo data (``data.py``) into the database, repeatably.

Every row is looked up by its slug or natural key and saved only when one of
its values differs, so a second load writes nothing: no new rows, no new
``updated_at``, no new files in MEDIA_ROOT.
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from modeltranslation.manager import get_translatable_fields_for_model
from modeltranslation.utils import build_localized_fieldname

from cities.models import (
    Cluster,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    Participation,
    ParticipationRole,
    Project,
    WorkingGroup,
)
from core.events import event_record, original_title
from core.models import Event, EventKind
from core.pdf import html_to_pdf
from demo import data
from exchanges.models import (
    ActionPlan,
    ActionPlanVersion,
    PlanAction,
    RegistrationScope,
    RegistrationStatus,
    StaffExchange,
    StudyVisit,
    Transfer,
    VisitDocument,
    VisitParticipation,
    VisitRegistration,
)
from exchanges.services import study_visit_recorded
from follows.models import Frequency
from follows.services import follow_set, last_complete_period
from toolkit.models import (
    Assessment,
    BenchmarkCriterion,
    Practice,
    PracticeStatus,
    Resource,
    Score,
    TargetGroup,
)

# A member of Turin who follows two clusters: `manage.py send_digests --dry-run` shows
# their digest (no password: nobody signs in as them).
DEMO_FOLLOWER = "follower@values.example"

# Keys of data.ORGANISATIONS that belong to the Participation, not the Organisation.
_PARTICIPATION_KEYS = ("role", "eu_contribution")


def demo_pdf(lines: list[str], *, language: str = "en") -> bytes:
    """A one-page tagged PDF (PDF/UA-1) of ``lines``: the first is its title and heading.

    Made by WeasyPrint like every PDF of the portal (core/pdf.py), with the document's
    language and title, so that a screen reader reads the demo's files as it would a
    partner's. Deterministic: the same lines give the same bytes, which keeps loading
    the demo data repeatable.
    """
    title, *rest = lines
    html = format_html(
        '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><title>{}</title></head>'
        "<body><h1>{}</h1>{}</body></html>",
        language,
        title,
        title,
        format_html_join("", "<p>{}</p>", ((line,) for line in rest)),
    )
    return html_to_pdf(html=html)


# A visit whose row says nothing about registration is closed to it.
_REGISTRATION_CLOSED = {
    "registration_open": False,
    "registration_scope": RegistrationScope.WORKING_GROUP,
    "registration_closes_on": None,
    "capacity": None,
    "capacity_per_organisation": None,
}

# How each kind of row is named in the summary: singular, plural.
_LABELS = {
    "organisations": ("organisation", "organisations"),
    "projects": ("project", "projects"),
    "participations": ("participation", "participations"),
    "clusters": ("cluster", "clusters"),
    "working_groups": ("working group", "working groups"),
    "target_groups": ("target group", "target groups"),
    "study_visits": ("study visit", "study visits"),
    "visit_registrations": ("visit registration", "visit registrations"),
    "visit_documents": ("visit document", "visit documents"),
    "staff_exchanges": ("staff exchange", "staff exchanges"),
    "practices": ("practice", "practices"),
    "resources": ("resource", "resources"),
    "action_plans": ("action plan", "action plans"),
    "action_plan_versions": ("action plan version", "action plan versions"),
    "benchmark_criteria": ("benchmarking criterion", "benchmarking criteria"),
    "assessments": ("assessment", "assessments"),
    "scores": ("score", "scores"),
    "transfers": ("transfer", "transfers"),
    "plan_actions": ("plan action", "plan actions"),
}


@dataclass
class DemoLoadResult:
    counts: dict[str, int] = field(default_factory=dict)
    created: int = 0
    updated: int = 0
    links_changed: int = 0

    def summary(self) -> str:
        loaded = ", ".join(
            f"{number} {_LABELS[key][number != 1]}" for key, number in self.counts.items()
        )
        return (
            f"{loaded}. Rows created: {self.created}, rows updated: {self.updated}, "
            f"link sets changed: {self.links_changed}."
        )


class _Loader:
    def __init__(self) -> None:
        self.result = DemoLoadResult()

    # -- generic, change-aware writes ---------------------------------------

    @staticmethod
    def _current(obj: models.Model, name: str) -> Any:
        model_field = obj._meta.get_field(name)
        value = getattr(obj, model_field.attname)
        return getattr(value, "code", value)  # a django-countries Country → "IT"

    @staticmethod
    def _wanted(value: Any) -> Any:
        return value.pk if isinstance(value, models.Model) else value

    @staticmethod
    def _in_active_language(model: type[models.Model], values: dict) -> dict:
        """``{"title": …}`` → ``{"title_it": …}`` for fields translated with modeltranslation.

        Comparing the column itself, not ``obj.title`` (which falls back to another
        language when the column is empty), keeps a second load from writing.
        """
        translated = get_translatable_fields_for_model(model) or ()
        language = translation.get_language()
        return {
            build_localized_fieldname(name, language) if name in translated else name: value
            for name, value in values.items()
        }

    def sync(self, model: type[models.Model], lookup: dict, values: dict) -> models.Model:
        values = self._in_active_language(model, values)
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            obj.full_clean()
            obj.save()
            self.result.created += 1
            return obj
        changed = [
            name
            for name, value in values.items()
            if self._current(obj, name) != self._wanted(value)
        ]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.full_clean()
            obj.save()
            self.result.updated += 1
        return obj

    def sync_with_file(
        self,
        model: type[models.Model],
        lookup: dict,
        values: dict,
        content: bytes,
        *,
        field: str = "file",
        filename: str = "",
    ) -> models.Model:
        """Like ``sync`` for a row whose file (``field``) must hold exactly ``content``."""
        filename = filename or values["original_filename"]
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values, **{field: ContentFile(content, name=filename)})
            obj.full_clean()
            obj.save()
            self.result.created += 1
            return obj
        obj = self.sync(model, lookup, values)
        stored = getattr(obj, field)
        if not self._file_holds(stored, content):
            if stored:
                stored.delete(save=False)
            setattr(obj, field, ContentFile(content, name=filename))
            obj.save()
            self.result.updated += 1
        return obj

    @staticmethod
    def _file_holds(stored, content: bytes) -> bool:
        if not stored or not stored.storage.exists(stored.name):
            return False
        with stored.open("rb") as handle:
            return handle.read() == content

    def sync_links(self, manager, objects: list[models.Model]) -> None:
        if set(manager.values_list("pk", flat=True)) != {obj.pk for obj in objects}:
            manager.set(objects)
            self.result.links_changed += 1

    # -- the VALUES data ------------------------------------------------------

    def load(self) -> DemoLoadResult:
        counts = self.result.counts
        project = self.sync(
            Project,
            {"slug": data.PROJECT["slug"]},
            {k: v for k, v in data.PROJECT.items() if k != "slug"},
        )

        organisations: dict[str, Organisation] = {}
        for row in data.ORGANISATIONS:
            values = {k: v for k, v in row.items() if k != "slug" and k not in _PARTICIPATION_KEYS}
            organisations[row["slug"]] = self.sync(
                Organisation, {"slug": row["slug"]}, {**values, "is_example": False}
            )
        # Demote a former lead before naming the new one: one lead per project.
        lead_slugs = {
            row["slug"] for row in data.ORGANISATIONS if row["role"] == ParticipationRole.LEAD
        }
        for stale in project.participations.filter(role=ParticipationRole.LEAD).exclude(
            organisation__slug__in=lead_slugs
        ):
            stale.role = ParticipationRole.PARTNER
            stale.save()
            self.result.updated += 1
        for row in sorted(
            data.ORGANISATIONS, key=lambda row: row["role"] == ParticipationRole.LEAD
        ):
            self.sync(
                Participation,
                {"project": project, "organisation": organisations[row["slug"]]},
                {key: row[key] for key in _PARTICIPATION_KEYS},
            )
        counts["organisations"] = len(organisations)
        counts["projects"] = 1
        counts["participations"] = len(data.ORGANISATIONS)

        clusters: dict[str, Cluster] = {}
        for row in data.CLUSTERS:
            # English under the plain names (the default language), Italian as name_it…
            values = {k: v for k, v in row.items() if k != "slug"}
            clusters[row["slug"]] = self.sync(
                Cluster, {"slug": row["slug"]}, {**values, "project": project}
            )
        counts["clusters"] = len(clusters)

        groups: dict[str, WorkingGroup] = {}
        for row in data.WORKING_GROUPS:
            group = self.sync(
                WorkingGroup,
                {"slug": row["slug"]},
                {
                    "name": row["name"],
                    "cluster": clusters[row["cluster"]],
                    "lead": organisations[row["lead"]] if row["lead"] else None,
                    "description": row["description"],
                },
            )
            self.sync_links(group.members, [organisations[slug] for slug in row["members"]])
            groups[row["slug"]] = group
        counts["working_groups"] = len(groups)

        target_groups: dict[str, TargetGroup] = {}
        for row in data.TARGET_GROUPS:
            target_groups[row["slug"]] = self.sync(
                TargetGroup,
                {"slug": row["slug"]},
                {k: v for k, v in row.items() if k != "slug"},
            )
        counts["target_groups"] = len(target_groups)

        visits: dict[str, StudyVisit] = {}
        for row in data.STUDY_VISITS:
            visit = self.sync(
                StudyVisit,
                {"slug": row["slug"]},
                {
                    "title": row["title"],
                    "project": project,
                    "host": organisations[row["host"]],
                    "cluster": clusters[row["cluster"]],
                    "working_group": groups[row["working_group"]] if row["working_group"] else None,
                    "start_date": row["start_date"],
                    "end_date": row["end_date"],
                    "status": row["status"],
                    "summary": row["summary"],
                    "agenda": row["agenda"],
                    "lessons_learned": row["lessons_learned"],
                    "hours": row.get("hours"),
                    **_REGISTRATION_CLOSED,
                    **row.get("registration", {}),
                    "counts_from_attendance": row.get("attendance_recorded", False),
                    "is_example": True,
                },
            )
            for slug, head_count in row["participants"].items():
                self.sync(
                    VisitParticipation,
                    {"visit": visit, "organisation": organisations[slug]},
                    head_count._asdict(),
                )
                if row.get("attendance_recorded"):
                    self._attendees(visit, organisations[slug], head_count)
            visits[row["slug"]] = visit
        counts["study_visits"] = len(visits)
        counts["visit_registrations"] = VisitRegistration.objects.filter(
            visit__in=visits.values()
        ).count()

        for row in data.VISIT_DOCUMENTS:
            self.sync_with_file(
                VisitDocument,
                {"visit": visits[row["visit"]], "title": row["title"]},
                {
                    "original_filename": row["original_filename"],
                    "language": row["language"],
                    "visibility": row["visibility"],
                },
                demo_pdf(row["pdf_lines"], language=row["language"]),
            )
        counts["visit_documents"] = len(data.VISIT_DOCUMENTS)

        exchanges: dict[str, StaffExchange] = {}
        for row in data.STAFF_EXCHANGES:
            exchanges[row["slug"]] = self.sync(
                StaffExchange,
                {"slug": row["slug"]},
                {
                    **{k: v for k, v in row.items() if k not in ("slug", "sending", "hosting")},
                    "project": project,
                    "sending": organisations[row["sending"]],
                    "hosting": organisations[row["hosting"]],
                    "cluster": clusters[row["cluster"]],
                    "is_example": True,
                },
            )
        counts["staff_exchanges"] = len(exchanges)

        practices: dict[str, Practice] = {}
        for row in data.PRACTICES:
            values = {
                k: v
                for k, v in row.items()
                if k not in ("slug", "organisation", "clusters", "target_groups", "translations")
            }
            # The plain names (title, summary…) are the practice's own language;
            # "translations" fill the columns of other languages (title_en…).
            translated = {
                f"{name}_{language}": text
                for language, texts in row.get("translations", {}).items()
                for name, text in texts.items()
            }
            with translation.override(row["language"]):
                practice = self.sync(
                    Practice,
                    {"slug": row["slug"]},
                    {
                        **values,
                        **translated,
                        "organisation": organisations[row["organisation"]]
                        if row["organisation"]
                        else None,
                        "is_example": True,
                    },
                )
            self.sync_links(practice.clusters, [clusters[slug] for slug in row["clusters"]])
            self.sync_links(
                practice.target_groups, [target_groups[slug] for slug in row["target_groups"]]
            )
            practices[row["slug"]] = practice
        counts["practices"] = len(practices)

        for row in data.RESOURCES:
            lookup = {"practice": practices[row["practice"]], "title": row["title"]}
            values = {"language": row["language"], "visibility": row["visibility"]}
            if "url" in row:
                self.sync(Resource, lookup, {**values, "url": row["url"]})
            else:
                self.sync_with_file(
                    Resource,
                    lookup,
                    {**values, "url": "", "original_filename": row["original_filename"]},
                    demo_pdf(row["pdf_lines"], language=row["language"]),
                )
        counts["resources"] = len(data.RESOURCES)

        for row in data.ACTION_PLANS:
            plan = self.sync(
                ActionPlan,
                {"slug": row["slug"]},
                {
                    "title": row["title"],
                    "organisation": organisations[row["organisation"]],
                    "project": project,
                    "summary": row["summary"],
                    "language": row["language"],
                    "status": row["status"],
                    "visibility": row["visibility"],
                    "published_at": row["published_at"],
                    "is_example": True,
                },
            )
            self.sync_links(plan.study_visits, [visits[slug] for slug in row["study_visits"]])
            self.sync_links(
                plan.staff_exchanges, [exchanges[slug] for slug in row["staff_exchanges"]]
            )
            for version in row["versions"]:
                self.sync_with_file(
                    ActionPlanVersion,
                    {"plan": plan, "version_label": version["version_label"]},
                    {
                        "original_filename": version["original_filename"],
                        "uploaded_at": version["uploaded_at"],
                    },
                    demo_pdf(version["pdf_lines"], language=row["language"]),
                )
        counts["action_plans"] = len(data.ACTION_PLANS)
        counts["action_plan_versions"] = sum(len(row["versions"]) for row in data.ACTION_PLANS)
        self._load_learning_loop(project, organisations, visits, exchanges, practices)
        self._load_follower(organisations, clusters, visits, practices)
        return self.result

    def _attendees(self, visit: StudyVisit, organisation: Organisation, head_count) -> None:
        """One attended registration per person counted: the head counts come from them.

        Invented people without accounts, each with a certificate whose code the public
        verification page confirms (``EXAMPLE-…``).
        """
        number = 0
        for role, people in head_count._asdict().items():
            for _person in range(people):
                number += 1
                code = f"EXAMPLE-{organisation.slug[:6].upper()}-{number:02d}"
                self.sync(
                    VisitRegistration,
                    {"certificate_code": code},
                    {
                        "visit": visit,
                        "organisation": organisation,
                        "name": f"Example participant {number} ({organisation.city})",
                        "role": role,
                        "consent": True,
                        "status": RegistrationStatus.CONFIRMED,
                        "attended": True,
                    },
                )

    def _load_follower(self, organisations, clusters, visits, practices) -> None:
        """A member of Turin who follows two clusters, and the example content's news.

        The news is dated in the last complete week, each time the demo loads, so
        that ``manage.py send_digests --dry-run`` prints this person's digest.
        """
        user, created = get_user_model().objects.get_or_create(
            email=DEMO_FOLLOWER, defaults={"name": "Demo follower"}
        )
        if created:
            user.set_unusable_password()
            user.save()
            self.result.created += 1
        self.sync(
            Membership,
            {"user": user, "organisation": organisations["turin"]},
            {"role": MembershipRole.MEMBER, "status": MembershipStatus.CONFIRMED},
        )
        for slug in ("young-migrants", "welcoming-culture"):
            follow_set(user=user, target=clusters[slug], following=True)
        for practice in practices.values():
            if practice.status == PracticeStatus.PUBLISHED:
                title, language = original_title(practice, practice.language)
                event_record(
                    kind=EventKind.PRACTICE_PUBLISHED,
                    about=practice,
                    title=title,
                    language=language,
                )
        for visit in visits.values():
            study_visit_recorded(visit=visit, created=True)
        start, end = last_complete_period(Frequency.WEEKLY, timezone.now())
        for model, objects in ((Practice, practices), (StudyVisit, visits)):
            Event.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=[obj.pk for obj in objects.values() if obj.is_example],
            ).update(happened_at=start + (end - start) / 2)

    def _load_learning_loop(
        self,
        project: Project,
        organisations: dict[str, Organisation],
        visits: dict[str, StudyVisit],
        exchanges: dict[str, StaffExchange],
        practices: dict[str, Practice],
    ) -> None:
        """Benchmarking criteria (reference data), then example assessments, transfers, actions."""
        counts = self.result.counts
        criteria: dict[str, BenchmarkCriterion] = {}
        for position, row in enumerate(data.BENCHMARK_CRITERIA, start=1):
            criteria[row["slug"]] = self.sync(
                BenchmarkCriterion,
                {"project": project, "slug": row["slug"]},
                {**{k: v for k, v in row.items() if k != "slug"}, "position": position},
            )
        counts["benchmark_criteria"] = len(criteria)

        # Assessments have no example flag: they belong to example practices.
        for row in data.ASSESSMENTS:
            assessment = self.sync(
                Assessment,
                {
                    "practice": practices[row["practice"]],
                    "project": project,
                    "kind": row["kind"],
                    "assessed_on": row["assessed_on"],
                },
                {"comment": row["comment"]},
            )
            for slug, (value, justification) in row["scores"].items():
                self.sync(
                    Score,
                    {"assessment": assessment, "criterion": criteria[slug]},
                    {"value": value, "justification": justification},
                )
        counts["assessments"] = len(data.ASSESSMENTS)
        counts["scores"] = sum(len(row["scores"]) for row in data.ASSESSMENTS)

        for row in data.TRANSFERS:
            lookup = {
                "practice": practices[row["practice"]],
                "organisation": organisations[row["organisation"]],
            }
            values = {
                "stage": row["stage"],
                "started_on": row["started_on"],
                "stage_reached_on": row["stage_reached_on"],
                "study_visit": visits[row["study_visit"]] if row["study_visit"] else None,
                "staff_exchange": exchanges[row["staff_exchange"]]
                if row["staff_exchange"]
                else None,
                "evidence_url": row["evidence_url"],
                "notes": row["notes"],
                "is_example": True,
            }
            if "evidence_pdf" in row:
                self.sync_with_file(
                    Transfer,
                    lookup,
                    values,
                    demo_pdf(row["evidence_pdf"]["pdf_lines"]),
                    field="evidence_file",
                    filename=row["evidence_pdf"]["original_filename"],
                )
            else:
                self.sync(Transfer, lookup, values)
        counts["transfers"] = len(data.TRANSFERS)

        plans = {
            plan.slug: plan
            for plan in ActionPlan.objects.filter(
                slug__in=[row["slug"] for row in data.ACTION_PLANS]
            )
        }
        for row in data.PLAN_ACTIONS:
            action = self.sync(
                PlanAction,
                {"plan": plans[row["plan"]], "title": row["title"]},
                {
                    key: row[key]
                    for key in (
                        "position",
                        "description",
                        "owner",
                        "deadline",
                        "status",
                        "dropped_reason",
                    )
                },
            )
            self.sync_links(
                action.inspired_by_practices, [practices[slug] for slug in row["practices"]]
            )
            self.sync_links(action.inspired_by_visits, [visits[slug] for slug in row["visits"]])
            self.sync_links(
                action.inspired_by_exchanges, [exchanges[slug] for slug in row["exchanges"]]
            )
        counts["plan_actions"] = len(data.PLAN_ACTIONS)


@transaction.atomic
def demo_data_load() -> DemoLoadResult:
    """Create or update the VALUES facts and the example content of ``data.py``."""
    # Plain field names (``name``) of translatable content mean the default
    # language's column (``name_en``) whatever language the caller has active.
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        return _Loader().load()
