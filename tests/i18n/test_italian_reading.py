"""Italian as a native speaker reads it: agreement, plural, capitals, allauth's defaults."""

# ruff: noqa: RUF001 (Italian is written with typographic apostrophes)

import datetime as dt

import pytest
from django.template import Context, Template
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation

from exchanges.models import ActivityStatus
from tests.factories import StaffExchangeFactory, StudyVisitFactory

pytestmark = pytest.mark.django_db


def italian(source: str, **context) -> str:
    with translation.override("it"):
        return Template("{% load i18n %}" + source).render(Context(context))


def test_status_badges_agree_with_their_noun():
    visit = StudyVisitFactory.build(status=ActivityStatus.COMPLETED)
    exchange = StaffExchangeFactory.build(status=ActivityStatus.CANCELLED)

    with translation.override("it"):
        assert str(visit.get_status_display()) == "Completata"
        assert str(exchange.get_status_display()) == "Annullato"
        assert translation.pgettext("practice status", "Published") == "Pubblicata"
    with translation.override("en"):
        assert str(exchange.get_status_display()) == "Cancelled"


def test_the_plural_follows_the_noun_it_counts():
    with translation.override("it"):
        one_known = translation.ngettext(
            "%(known)d of %(all)d amount known", "%(known)d of %(all)d amounts known", 18
        ) % {"known": 1, "all": 18}

    assert one_known == "1 su 18 importi noti"


def test_months_are_lower_case_and_bytes_are_italian():
    assert italian('{{ day|date:"DATE_FORMAT" }}', day=dt.date(2020, 11, 2)) == "2 novembre 2020"
    with translation.override("it"):
        assert filesizeformat(717) == "717\xa0byte"


def test_the_admin_adds_a_row_without_a_masculine_article():
    with translation.override("it"):
        add = translation.gettext("Add another %(verbose_name)s") % {
            "verbose_name": "Partecipazione"
        }
        view = translation.gettext("View")

    assert add == "Aggiungi un’altra riga (Partecipazione)"
    assert view == "Visualizza"


def test_your_account_says_you_have_signed_in(client, member):
    client.force_login(member)

    with translation.override("it"):
        html = client.get(reverse("accounts:account")).text

    assert "Hai effettuato l’accesso come" in html
    assert "Accedi come" not in html


def test_the_sign_in_page_reads_as_written(client):
    with translation.override("it"):
        html = client.get(reverse("account_login")).text

    assert "<h1>Accedi</h1>" in html
    assert "Resta connesso su questo dispositivo" in html
    assert "Registrati" not in html
