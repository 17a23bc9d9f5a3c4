"""The filter forms of the visits, exchanges and plans lists: cheap to build, the same HTML."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django_filters import ModelChoiceFilter

from cities.models import Organisation
from exchanges.filters import ActionPlanFilter, StaffExchangeFilter, StudyVisitFilter
from exchanges.models import ActionPlan, StaffExchange, StudyVisit
from tests.factories import StudyVisitFactory

FILTERS = [
    (StudyVisitFilter, StudyVisit),
    (StaffExchangeFilter, StaffExchange),
    (ActionPlanFilter, ActionPlan),
]


def rendered(filterset_class, model, *, whole_rows: bool = False) -> str:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    filterset = filterset_class(request.GET, queryset=model.objects.all(), request=request)
    if whole_rows:  # what the selects read before they were narrowed to their columns
        for name, item in filterset.form.fields.items():
            if isinstance(filterset.filters[name], ModelChoiceFilter):
                item.queryset = item.queryset.defer(None)
    context = {"form": filterset.form, "action": "/", "legend": "Filter", "request": request}
    return render_to_string("includes/_filter_form.html", context)


@pytest.mark.parametrize("language", ["en", "it"])
def test_filter_forms_read_only_the_columns_of_their_labels_and_write_the_same(db, language):
    call_command("load_values_demo", verbosity=0)
    # A host whose name is in French only: it keeps its lang on every page (WCAG 3.1.2).
    StudyVisitFactory(host=Organisation.objects.get(slug="cev"))

    with translation.override(language):
        for filterset_class, model in FILTERS:
            narrow = rendered(filterset_class, model)

            assert narrow == rendered(filterset_class, model, whole_rows=True)
            assert "<option" in narrow
        narrow = rendered(StudyVisitFilter, StudyVisit)
        assert '<option value="cev" lang="fr">Centre Européen du Volontariat</option>' in narrow


def test_visit_years_are_asked_once_until_a_visit_changes(db, django_assert_num_queries):
    StudyVisitFactory(start_date=dt.date(2019, 3, 12), end_date=dt.date(2019, 3, 14))
    assert StudyVisitFilter().filters["year"].field.choices[1:] == [("2019", "2019")]

    with django_assert_num_queries(0):
        assert StudyVisitFilter().filters["year"].field.choices[1:] == [("2019", "2019")]
    StudyVisitFactory(start_date=dt.date(2024, 5, 2), end_date=dt.date(2024, 5, 3))

    choices = StudyVisitFilter().filters["year"].field.choices[1:]
    assert choices == [("2024", "2024"), ("2019", "2019")]
