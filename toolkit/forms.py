import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cities.models import Project
from core.forms_renderer import without_forbidden_characters
from toolkit.benchmarking import COMPARE_MAX, COMPARE_MIN, assessed_practices
from toolkit.models import AssessmentKind, BenchmarkCriterion, Practice

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
SLUG_LENGTH = Practice._meta.get_field("slug").max_length


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class AssessmentForm(forms.Form):
    """A score and its justification for every criterion of one project."""

    kind = forms.ChoiceField(label=_("Kind of assessment"), widget=forms.RadioSelect)
    assessed_on = forms.DateField(
        label=_("Date of the assessment"),
        widget=DateInput,
        help_text=_("The day the scores were agreed."),
    )
    comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: what stands out, what would make the practice stronger."),
    )

    def __init__(self, *args, project: Project, kinds: list[AssessmentKind], **kwargs) -> None:
        kwargs.setdefault("initial", {}).setdefault("assessed_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.project = project
        self.criteria: list[BenchmarkCriterion] = list(project.benchmark_criteria.all())
        kind = self.fields["kind"]
        kind.choices = [(choice.value, choice.label) for choice in kinds]
        if len(kinds) == 1:
            kind.initial = kinds[0].value
        kind.help_text = _(
            "A self-assessment is the practice's own organisation scoring itself; a peer "
            "review is an appointed reviewer's. Only peer reviews count towards the badge."
        )
        scale_max = project.benchmark_scale_max
        for criterion in self.criteria:
            self.fields[self.score_name(criterion)] = forms.IntegerField(
                label=_("%(criterion)s: score") % {"criterion": criterion.name},
                min_value=0,
                max_value=scale_max,
                help_text=_("A whole number from 0 to %(max)d.") % {"max": scale_max},
                widget=forms.NumberInput(attrs={"min": 0, "max": scale_max, "step": 1}),
            )
            self.fields[self.justification_name(criterion)] = forms.CharField(
                label=_("%(criterion)s: justification") % {"criterion": criterion.name},
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Why this score: what you saw, read or were told."),
            )

    @staticmethod
    def score_name(criterion: BenchmarkCriterion) -> str:
        return f"score_{criterion.pk}"

    @staticmethod
    def justification_name(criterion: BenchmarkCriterion) -> str:
        return f"justification_{criterion.pk}"

    def clean_assessed_on(self):
        assessed_on = self.cleaned_data["assessed_on"]
        if assessed_on > timezone.localdate():
            raise forms.ValidationError(_("The date of the assessment cannot be in the future."))
        return assessed_on

    def criterion_fields(
        self,
    ) -> list[tuple[BenchmarkCriterion, forms.BoundField, forms.BoundField]]:
        """For the template: each criterion with its score and justification fields."""
        return [
            (criterion, self[self.score_name(criterion)], self[self.justification_name(criterion)])
            for criterion in self.criteria
        ]

    def scores(self) -> list[tuple[BenchmarkCriterion, int, str]]:
        return [
            (
                criterion,
                self.cleaned_data[self.score_name(criterion)],
                self.cleaned_data[self.justification_name(criterion)],
            )
            for criterion in self.criteria
        ]


class PracticeSlugsField(forms.MultipleChoiceField):
    """Practice slugs from the address: any text is accepted here, the form checks it."""

    def valid_value(self, value: str) -> bool:
        return True


class CompareForm(forms.Form):
    """``?p=slug&p=slug``: two to four published practices, in the order given."""

    p = PracticeSlugsField(
        label=_("Practices to compare"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose from two to four practices."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["p"].choices = [
            (practice.slug, practice.title) for practice in assessed_practices().order_by("title")
        ]

    def clean_p(self) -> list[Practice]:
        slugs = list(dict.fromkeys(slug.strip() for slug in self.cleaned_data["p"] if slug.strip()))
        if len(slugs) > COMPARE_MAX:
            raise forms.ValidationError(
                _("Choose at most %(max)d practices to compare; you chose %(count)d.")
                % {"max": COMPARE_MAX, "count": len(slugs)},
                code="too_many",
            )
        # Only well-formed slugs reach the database (PostgreSQL refuses NUL characters).
        lookups = [slug for slug in slugs if len(slug) <= SLUG_LENGTH and SLUG.fullmatch(slug)]
        found = {
            practice.slug: practice
            for practice in Practice.objects.published().filter(slug__in=lookups)
        }
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise forms.ValidationError(
                ngettext(
                    "There is no published practice at the address “%(slugs)s”.",
                    "There are no published practices at the addresses “%(slugs)s”.",
                    len(unknown),
                )
                % {"slugs": "”, “".join(without_forbidden_characters(s[:80]) for s in unknown)},
                code="unknown",
            )
        if len(slugs) < COMPARE_MIN:
            raise forms.ValidationError(
                _("Choose at least %(min)d practices to compare; you chose %(count)d.")
                % {"min": COMPARE_MIN, "count": len(slugs)},
                code="too_few",
            )
        return [found[slug] for slug in slugs]


class PracticeContactForm(forms.Form):
    """A message to the people behind a practice; their address is never shown."""

    # autocomplete: the purpose of the person's own details (WCAG 1.3.5).
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_(
            "They answer you here. You also get a copy of your message if you are signed in "
            "and this address is confirmed on your account."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=3000,
        help_text=_(
            "For example: how you would like to help, when you are free, the languages you "
            "speak. At most 3,000 characters."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    # A field people never see (templates/includes/_form_fields.html hides it): a bot that
    # fills every field fills this one too, and its message is dropped.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["homepage"].honeypot = True

    @property
    def is_from_a_bot(self) -> bool:
        return bool(self.cleaned_data.get("homepage"))
