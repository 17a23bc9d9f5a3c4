from django.utils import translation

from core.countries import country_name


def test_a_country_is_named_in_each_reader_s_language_however_often_it_is_asked():
    with translation.override("it"):
        assert country_name("DE") == "Germania"
        assert country_name("DE") == "Germania"
    with translation.override("en"):
        assert country_name("DE") == "Germany"
    with translation.override("fr"):
        assert country_name("DE") == "Allemagne"


def test_an_unknown_code_is_shown_as_it_is():
    assert country_name("XX") == "XX"
