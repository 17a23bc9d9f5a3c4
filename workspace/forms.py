from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cities.models import Invitation, Organisation
from core.content_language import OriginalLanguageFormMixin
from core.files import IMAGE_KINDS, validate_upload
from exchanges.models import ActionPlanVersion, ActionStatus, PlanAction, StaffExchange, StudyVisit
from toolkit.models import Practice, Resource, ReviewDecision, ReviewNote


class OrganisationProfileForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["description", "website", "logo"]
        # A plain file input: the clearable one links to the stored file's address,
        # and stored files are never served at an address of their own.
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "logo": forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        }
        help_texts = {
            "description": _("What your organisation does, in a few plain sentences."),
            "website": _("The full address, starting with https://"),
            "logo": _("A PNG, JPEG or WebP picture."),
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            validate_upload(logo, kinds=IMAGE_KINDS)
        return logo


def mark_required(form: forms.BaseForm) -> None:
    """Say "(required)" in the label of each field that must be filled in.

    Browsers and screen readers also get the ``required`` attribute Django adds; the
    words are for everyone else, since a colour or an asterisk alone says nothing.
    """
    for field in form.fields.values():
        if field.required and not isinstance(field.widget, forms.HiddenInput):
            field.label = format_lazy("{} {}", field.label, _("(required)"))


class PracticeForm(OriginalLanguageFormMixin, forms.ModelForm):
    # The fields in the order and under the names of the public practice page
    # (templates/toolkit/practice_detail.html), so that an editor sees where each
    # text will appear.
    SECTIONS = (
        (
            _("The practice"),
            [
                "language",
                "title",
                "summary",
                "origin_city",
                "origin_country",
                "volunteering_model",
                "clusters",
                "target_groups",
            ],
        ),
        (
            _("For city staff and organisations: how to copy it"),
            [
                "description",
                "how_it_works",
                "resources_needed",
                "results",
                "transferability",
                "contact",
                "website",
            ],
        ),
    )

    class Meta:
        model = Practice
        fields = [
            "language",
            "title",
            "summary",
            "description",
            "origin_city",
            "origin_country",
            "volunteering_model",
            "clusters",
            "target_groups",
            "how_it_works",
            "resources_needed",
            "results",
            "transferability",
            "contact",
            "website",
        ]
        labels = {
            "language": _("Language you write in"),
            "summary": _("In short"),
            "description": _("Background"),
            "how_it_works": _("How it works"),
            "resources_needed": _("Resources needed"),
            "results": _("Results and evidence"),
            "transferability": _("Tips for transferring it"),
            "contact": _("Contact"),
        }
        help_texts = {
            "language": _("The language of every text below."),
            "description": _("Where and why the practice started, and for whom."),
            "contact": _("Who to ask about it, and how."),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "how_it_works": forms.Textarea(attrs={"rows": 6}),
            "resources_needed": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "transferability": forms.Textarea(attrs={"rows": 4}),
            "contact": forms.Textarea(attrs={"rows": 3}),
            "clusters": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        mark_required(self)

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.SECTIONS]


class ResourceForm(forms.ModelForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        mark_required(self)

    class Meta:
        model = Resource
        fields = ["title", "file", "url", "language", "visibility"]
        help_texts = {
            "file": _("PDF, Word, OpenDocument, Excel, PNG, JPEG or WebP."),
            "url": _("Or a link to a page elsewhere, instead of a file."),
            "visibility": _("Members-only files are downloaded by signed-in members only."),
        }
        widgets = {"file": forms.FileInput}

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and hasattr(file, "content_type"):
            validate_upload(file)
        return file

    def clean(self):
        cleaned = super().clean()
        has_file = bool(cleaned.get("file"))
        has_url = bool(cleaned.get("url"))
        # Errors are attached to a field so that the model's own file-xor-link
        # constraint is not reported a second time in vaguer words.
        if has_file and has_url:
            self.add_error("url", _("Give either a file or a link, not both."))
        elif not has_file and not has_url and "file" not in self.errors:
            self.add_error("file", _("Add a file or a link."))
        return cleaned


ResourceFormSet = forms.inlineformset_factory(
    Practice,
    Resource,
    form=ResourceForm,
    # Several resources in one save: three empty rows, which are ignored when left empty.
    extra=3,
    max_num=20,
    validate_max=True,
    can_delete=True,
    can_delete_extra=False,
)


class ActionPlanVersionForm(forms.ModelForm):
    class Meta:
        model = ActionPlanVersion
        fields = ["version_label", "file"]
        help_texts = {
            "version_label": _("For example “2.0” or “final”; each version needs its own label."),
            "file": _("PDF, Word, OpenDocument, Excel, PNG, JPEG or WebP."),
        }
        widgets = {"file": forms.FileInput}

    def __init__(self, *args, plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_version_label(self) -> str:
        label = self.cleaned_data["version_label"].strip()
        if ActionPlanVersion.objects.filter(plan=self.plan, version_label=label).exists():
            raise forms.ValidationError(
                _("This plan already has a version “%(label)s”. Choose another label."),
                code="duplicate",
                params={"label": label},
            )
        return label

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file:
            validate_upload(file)
        return file


class ReviewForm(forms.ModelForm):
    """A coordinator's decision on a practice in review."""

    # Sent by the button pressed ("Publish", "Send back with a comment"), not a radio.
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ReviewDecision.choices, widget=forms.HiddenInput
    )

    class Meta:
        model = ReviewNote
        fields = ["decision", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "comment": _(
                "Required when you send the practice back: say what the editors should change."
            )
        }

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == ReviewDecision.SENT_BACK
            and not cleaned.get("comment", "").strip()
        ):
            self.add_error("comment", _("Say what should change before sending it back."))
        return cleaned


class DroppedReasonMixin:
    """A dropped action says why; an action that is not dropped keeps no reason."""

    def clean(self):
        cleaned = super().clean()
        reason = (cleaned.get("dropped_reason") or "").strip()
        if cleaned.get("status") == ActionStatus.DROPPED:
            if not reason:
                # On the field, so the model's own constraint is not reported a second time.
                self.add_error("dropped_reason", _("Say why the action was dropped."))
        else:
            reason = ""
        cleaned["dropped_reason"] = reason
        return cleaned


class PlanActionForm(DroppedReasonMixin, forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = [
            "title",
            "description",
            "owner",
            "deadline",
            "status",
            "dropped_reason",
            "position",
            "inspired_by_practices",
            "inspired_by_visits",
            "inspired_by_exchanges",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "dropped_reason": forms.Textarea(attrs={"rows": 3}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "inspired_by_practices": forms.CheckboxSelectMultiple,
            "inspired_by_visits": forms.CheckboxSelectMultiple,
            "inspired_by_exchanges": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "dropped_reason": _("Required when the action is dropped."),
            "position": _("Actions are listed by this number, smallest first."),
            "inspired_by_practices": _("Practices of the toolkit that gave you the idea."),
            "inspired_by_visits": _("Study visits of the plan's project where you saw it."),
            "inspired_by_exchanges": _(
                "Staff exchanges of the plan's project where you learnt it."
            ),
        }

    def __init__(self, *args, plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        # Only what the plan can have learnt from: published practices, its project's activities.
        self.fields["inspired_by_practices"].queryset = Practice.objects.published().order_by(
            "title"
        )
        self.fields["inspired_by_visits"].queryset = StudyVisit.objects.filter(
            project=plan.project
        ).order_by("-start_date", "title")
        self.fields["inspired_by_exchanges"].queryset = StaffExchange.objects.filter(
            project=plan.project
        ).order_by("-start_date", "title")


class PlanActionStatusForm(DroppedReasonMixin, forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = ["status", "dropped_reason"]
        widgets = {
            "status": forms.RadioSelect,
            "dropped_reason": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"dropped_reason": _("Required when the action is dropped.")}


class InvitationForm(forms.ModelForm):
    """A coordinator invites someone to a partner organisation, as member or editor."""

    class Meta:
        model = Invitation
        fields = ["email", "organisation", "role"]
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "off"})}
        help_texts = {
            "email": _("The address the person signs in with, or will sign up with."),
            "role": _("Editors also keep the organisation's pages, practices and plans."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(participations__isnull=False).distinct().by_name()
        )


class AttendanceForm(forms.Form):
    """One button at the door: attended, or (to undo a slip) not attended."""

    attended = forms.BooleanField(required=False)
