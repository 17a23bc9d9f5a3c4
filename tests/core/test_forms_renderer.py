"""The form renderer writes selects itself: byte for byte what Django's templates write."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import RequestFactory
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from core.forms_renderer import FORBIDDEN_IN_HTML, FastSelectRenderer, without_forbidden_characters
from exchanges.filters import StudyVisitFilter
from exchanges.models import StudyVisit
from tests.factories import OrganisationFactory, StudyVisitFactory


class Choices(forms.Form):
    plain = forms.ChoiceField(
        choices=[
            ("", "---"),
            ("x&y", "X & <Y>"),
            (2025, 2025),
            ("Group", [("1", "one"), ("2", mark_safe("<b>two</b>"))]),
        ],
        required=False,
    )
    several = forms.MultipleChoiceField(choices=[("1", "Ünï"), ("2", "b")], required=False)
    marked = forms.TypedChoiceField(
        choices=[(1, "a"), (1.5, 1.5)],
        widget=forms.Select(attrs={"class": 'x"y', "disabled": True, "data-off": False}),
    )


@pytest.mark.parametrize("data", [None, {"plain": "x&y", "several": ["1", "2"]}, {"plain": "2"}])
@pytest.mark.parametrize("language", ["en", "de"])
def test_selects_are_written_as_the_templates_write_them(data, language):
    with translation.override(language):
        for name in Choices.base_fields:
            ours = Choices(data, renderer=FastSelectRenderer())[name]
            django = Choices(data, renderer=DjangoTemplates())[name]
            assert str(ours) == str(django)
            assert ours.as_field_group() == django.as_field_group()


def test_a_filter_form_is_written_as_the_templates_write_it(db):
    host = OrganisationFactory(name="Città di Torino")
    StudyVisitFactory(host=host)
    request = RequestFactory().get("/", {"host": host.slug})
    filterset = StudyVisitFilter(request.GET, queryset=StudyVisit.objects.all(), request=request)
    ours = filterset.form
    ours.renderer = FastSelectRenderer()
    django = StudyVisitFilter(request.GET, queryset=StudyVisit.objects.all(), request=request).form
    django.renderer = DjangoTemplates()

    for name in ours.fields:
        assert ours[name].as_field_group() == django[name].as_field_group()
    assert "Città di Torino" in ours["host"].as_field_group()


FORBIDDEN = "a\x00b\x01c\x0bd\x7fe\x85f\ufffeg\U0010ffffh"


def test_fields_write_back_a_value_without_the_characters_html_forbids():
    class Search(forms.Form):
        q = forms.CharField(required=False)
        kind = forms.ChoiceField(choices=[("x\x01", "X")], required=False)

    form = Search({"q": FORBIDDEN + "\tI\nJ é", "kind": "x\x01"}, renderer=FastSelectRenderer())

    assert 'value="abcdefgh\tI\nJ é"' in str(form["q"])
    assert 'value="x"' in str(form["kind"])
    assert not FORBIDDEN_IN_HTML.search(form.as_div())


def test_forbidden_characters_leave_safe_text_safe():
    cleaned = without_forbidden_characters(mark_safe("<b>\x00bold</b>"))

    assert cleaned == "<b>bold</b>"
    assert isinstance(cleaned, SafeString)
    assert without_forbidden_characters("plain ünï\r\n\x0c") == "plain ünï\r\n\x0c"
