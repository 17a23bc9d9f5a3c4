"""Dates and amounts written as each language writes them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

DAY = dt.date(2025, 3, 12)
NBSP = "\u00a0"


def rendered(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load portal_i18n %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "long_date", "short_date"),
    [
        ("en", "12 March 2025", "12 Mar 2025"),
        ("it", "12 marzo 2025", "12/03/2025"),
        ("nl", "12 maart 2025", "12-3-2025"),
        ("cs", "12. března 2025", "12.03.2025"),
        ("de", "12. März 2025", "12.03.2025"),
        ("es", "12 de marzo de 2025", "12/03/2025"),
        ("lv", "2025. gada 12. marts", "12.03.2025"),
        ("el", "12 Μαρτίου 2025", "12/03/2025"),
        ("fr", "12 mars 2025", "12/03/2025"),
        ("fi", "12. maaliskuuta 2025", "12.3.2025"),
    ],
)
def test_dates_follow_each_languages_format(language, long_date, short_date):
    assert rendered('{{ day|date:"DATE_FORMAT" }}', language, day=DAY) == long_date
    assert rendered('{{ day|date:"SHORT_DATE_FORMAT" }}', language, day=DAY) == short_date


@pytest.mark.parametrize(
    ("language", "amount"),
    [
        ("en", "€24,229.08"),
        ("it", f"€{NBSP}24.229,08"),
        ("nl", f"€{NBSP}24.229,08"),
        ("cs", f"24{NBSP}229,08{NBSP}€"),
        ("de", f"24.229,08{NBSP}€"),
        ("es", f"24{NBSP}229,08{NBSP}€"),
        ("lv", f"24{NBSP}229,08{NBSP}€"),
        ("el", f"24.229,08{NBSP}€"),
        ("fr", f"24{NBSP}229,08{NBSP}€"),
        ("fi", f"24{NBSP}229,08{NBSP}€"),
    ],
)
def test_amounts_in_euros_follow_each_languages_format(language, amount):
    assert rendered("{{ amount|euros }}", language, amount=Decimal("24229.08")) == amount
    assert rendered("{{ amount|euros:0 }}", "en", amount=Decimal("24229.08")) == "€24,229"
    assert rendered("{{ amount|euros }}", language, amount=None) == ""
