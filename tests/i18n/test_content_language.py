"""Content in several languages: the reader's language, else the original, labelled."""

import polib
import pytest
from django import forms
from django.conf import settings
from django.utils import timezone, translation

from core.content_language import (
    ContentLanguageSelect,
    OriginalLanguageFormMixin,
    shown_content,
    shown_html,
    shown_text,
)
from exchanges.models import ActionStatus
from tests.factories import (
    ActionPlanFactory,
    ClusterFactory,
    OrganisationFactory,
    PlanActionFactory,
    PracticeFactory,
    StaffExchangeFactory,
    StudyVisitFactory,
)
from toolkit.models import Practice


@pytest.mark.django_db
def test_text_in_the_readers_language_has_no_label():
    cluster = ClusterFactory(name="Young migrants", name_it="Giovani migranti")

    with translation.override("it"):
        text = shown_text(cluster, "name")

    assert (text.text, text.language) == ("Giovani migranti", "it")
    assert not text.is_other_language
    assert text.lang_attribute == ""
    assert text.label == ""


@pytest.mark.django_db
def test_missing_translation_falls_back_to_the_original_with_its_language():
    practice = PracticeFactory(title="Welcome walks", summary="A resident shows a newcomer around.")

    with translation.override("it"):
        text = shown_content(practice, "title", "summary")
        labels = text.labels

    assert text.title.text == "Welcome walks"
    assert text.title.lang_attribute == ' lang="en"'
    assert labels == [{"language": "en", "text": "Originale in inglese"}]


@pytest.mark.django_db
def test_the_original_language_comes_before_other_translations():
    # Written in German, translated into English: an Italian reader gets the German original.
    practice = PracticeFactory(
        language="de", title_de="Willkommensspaziergänge", title_en="Welcome walks"
    )

    with translation.override("it"):
        text = shown_text(practice, "title")
        label = text.label

    assert (text.text, text.language, label) == (
        "Willkommensspaziergänge",
        "de",
        "Originale in tedesco",
    )


@pytest.mark.django_db
def test_text_in_neither_the_readers_nor_the_original_language_says_which_it_is():
    practice = PracticeFactory(language="de", title_en="Welcome walks")

    with translation.override("it"):
        text = shown_text(practice, "title")
        label = text.label

    assert (text.language, label) == ("en", "Mostrato in inglese")


@pytest.mark.django_db
def test_practice_page_marks_and_labels_text_in_its_original_language(client):
    practice = PracticeFactory(
        slug="tutor",
        language="it",
        title_it="Un tutor per ogni giovane",
        title_en="A tutor for every young person",
        summary_it="Un volontario accompagna un giovane.",
        summary_en="A volunteer goes along with a young person.",
        description_it="I tutor sono volontari formati.",
    )

    english = client.get(f"/en/toolkit/{practice.slug}/").content.decode()
    italian = client.get(f"/it/toolkit/{practice.slug}/").content.decode()

    # English readers: title and summary translated; the background is Italian, said so.
    assert "<h1><span>A tutor for every young person</span>" in english
    assert '<div lang="it"><p>I tutor sono volontari formati.</p></div>' in english
    assert english.count('data-content-language="it">Original in Italian</span>') == 1
    # Italian readers: everything in Italian, no label.
    assert "<h1><span>Un tutor per ogni giovane</span>" in italian
    assert "data-content-language" not in italian


@pytest.mark.django_db
def test_partner_and_cluster_pages_label_descriptions_shown_in_english(client):
    OrganisationFactory(slug="riga", description="The city administration of Riga.")
    ClusterFactory(
        slug="young-migrants",
        name="Young migrants",
        name_it="Giovani migranti",
        description="Volunteers and young migrants.",
    )

    partner = client.get("/it/partners/riga/").content.decode()
    cluster = client.get("/it/clusters/young-migrants/").content.decode()

    assert '<div class="prose" lang="en"><p>The city administration of Riga.</p></div>' in partner
    assert 'data-content-language="en">Originale in inglese</span>' in partner
    assert "<h1>Giovani migranti</h1>" in cluster
    assert '<div class="prose" lang="en"><p>Volunteers and young migrants.</p></div>' in cluster


def test_modeltranslation_languages_are_the_content_languages():
    from django.conf import settings

    from core.models import CONTENT_LANGUAGES

    assert tuple(settings.MODELTRANSLATION_LANGUAGES) == tuple(
        code for code, _name in CONTENT_LANGUAGES
    )
    assert {code for code, _name in settings.LANGUAGES} <= set(settings.MODELTRANSLATION_LANGUAGES)


class _PracticeForm(OriginalLanguageFormMixin, forms.ModelForm):
    class Meta:
        model = Practice
        fields = ["title", "summary", "language"]


@pytest.mark.django_db
def test_a_content_form_writes_the_columns_of_the_language_it_is_written_in():
    practice = PracticeFactory(title="Welcome walks", summary="Hosts show newcomers around.")

    with translation.override("it"):  # the editor reads the portal in Italian
        form = _PracticeForm(
            instance=practice,
            data={"title": "Willkommensspaziergänge", "summary": "Gastgeber…", "language": "de"},
        )
        assert form.is_valid(), form.errors
        form.save()

    practice.refresh_from_db()
    assert practice.title_de == "Willkommensspaziergänge"
    assert practice.title_it is None
    assert practice.title_en == "Welcome walks"


@pytest.mark.django_db
def test_a_content_form_shows_the_text_of_the_practices_own_language():
    practice = PracticeFactory(language="it", title_it="Passeggiate", title_en="Walks")

    with translation.override("en"):
        form = _PracticeForm(instance=practice)

    assert form.initial["title"] == "Passeggiate"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "cs", "de", "es", "lv", "el", "fr", "fi"])
def test_a_practice_without_a_translation_is_shown_in_its_original_labelled(client, language):
    PracticeFactory(slug="walks", title="Welcome walks", summary="Hosts show newcomers around.")
    label = polib.pofile(
        str(settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po")
    ).find("Original in English")

    html = client.get(f"/{language}/toolkit/walks/").content.decode()

    assert f'<html lang="{language}">' in html
    assert '<h1><span lang="en">Welcome walks</span>' in html
    assert f'data-content-language="en">{label.msgstr}</span>' in html
    assert label.msgstr != "Original in English"


@pytest.mark.django_db
def test_partner_names_are_shown_in_the_readers_language_or_in_english():
    OrganisationFactory(slug="nuremberg", name="City of Nuremberg", name_it="Città di Norimberga")

    for language, name, lang in [
        ("en", "City of Nuremberg", ""),
        ("it", "Città di Norimberga", ""),
        ("de", "City of Nuremberg", ' lang="en"'),
    ]:
        with translation.override(language):
            text = shown_text(OrganisationFactory(slug="nuremberg"), "name")
        assert (text.text, text.lang_attribute) == (name, lang)


# Fields with one column carry the language of their row (WCAG 3.1.2, language of parts).


@pytest.mark.django_db
def test_a_field_without_translations_is_in_its_rows_language():
    plan = ActionPlanFactory(language="en", title="Welcome plan")
    action = PlanActionFactory(plan=plan, title="Train the hosts")
    organisation = OrganisationFactory(name="Città di Torino", name_language="it")

    with translation.override("it"):
        title, action_title, name = (
            shown_text(plan, "title"),
            shown_text(action, "title"),
            shown_text(organisation, "name"),
        )
    with translation.override("en"):
        name_in_english = shown_text(organisation, "name")

    assert (title.text, title.lang_attribute) == ("Welcome plan", ' lang="en"')
    assert action_title.lang_attribute == ' lang="en"'  # the plan's language
    assert name.lang_attribute == ""
    assert name_in_english.lang_attribute == ' lang="it"'


@pytest.mark.django_db
def test_shown_marks_text_in_another_language_with_a_span():
    organisation = OrganisationFactory(name="Città <di> Torino", name_language="it")

    with translation.override("en"):
        marked = shown_html(organisation, "name")
    with translation.override("it"):
        plain = shown_html(organisation, "name")

    assert marked == '<span lang="it">Città &lt;di&gt; Torino</span>'
    assert plain == "Città &lt;di&gt; Torino"
    assert shown_html(None, "name") == ""


@pytest.mark.django_db
def test_italian_plan_page_marks_the_english_plan_and_its_actions(client):
    turin = OrganisationFactory(slug="turin", name="Città di Torino", name_language="it")
    plan = ActionPlanFactory(
        organisation=turin,
        slug="turin-plan",
        language="en",
        title="Young volunteers plan",
        summary="What Turin will do next.",
    )
    PlanActionFactory(
        plan=plan,
        title="Open the youth centres",
        description="Two evenings a week.",
        status=ActionStatus.DROPPED,
        dropped_reason="No staff left for it.",
    )

    italian = client.get(f"/it/action-plans/{plan.slug}/").content.decode()
    english = client.get(f"/en/action-plans/{plan.slug}/").content.decode()

    assert '<h1><span lang="en">Young volunteers plan</span>' in italian
    assert '<div lang="en"><p>What Turin will do next.</p></div>' in italian
    assert '<span lang="en">Open the youth centres</span>' in italian
    assert '<div lang="en"><p>Two evenings a week.</p></div>' in italian
    assert '<span lang="en">No staff left for it.</span>' in italian
    assert ">Città di Torino</a>" in italian  # Italian on an Italian page: nothing to mark
    # On the English page the plan needs no mark, the Italian name does.
    assert "<h1>Young volunteers plan" in english
    assert '<span lang="it">Città di Torino</span>' in english
    # The breadcrumb too.
    assert (
        '<span aria-current="page"><span lang="en">Young volunteers plan</span></span>' in italian
    )


@pytest.mark.django_db
def test_lists_mark_titles_and_names_in_another_language(client):
    exchange = StaffExchangeFactory(title="Youth workers swap")
    visit = StudyVisitFactory(title="Volunteering in Turin", agenda="Day one: the centres.")

    exchanges = client.get("/it/exchanges/").content.decode()
    visits = client.get("/it/visits/").content.decode()
    page = client.get(visit.get_absolute_url().replace("/en/", "/it/")).content.decode()

    assert (
        f'<a href="/it/exchanges/{exchange.slug}/"><span lang="en">Youth workers swap</span>'
        in (exchanges)
    )
    assert 'lang="en">Volunteering in Turin</a>' in visits
    # The host filter's options too.
    assert f'<option value="{visit.host.slug}" lang="en">{visit.host.name}</option>' in visits
    assert '<div lang="en"><p>Day one: the centres.</p></div>' in page


@pytest.mark.django_db
def test_feed_entries_and_calendar_events_say_their_language(client):
    PracticeFactory(title="Welcome walks", summary="Neighbours show newcomers around.")
    today = timezone.localdate()
    StudyVisitFactory(
        title="Volunteering in Turin",
        summary="Three days in Turin.",
        start_date=today,
        end_date=today,
    )

    feed = client.get("/it/toolkit/feed.atom").content.decode()
    calendar = client.get("/it/visits/calendar.ics").content.decode()

    assert '<feed xml:lang="it" xmlns="http://www.w3.org/2005/Atom">' in feed
    assert '<entry xml:lang="en"><title>Welcome walks</title>' in feed
    assert "SUMMARY;LANGUAGE=en:Volunteering in Turin" in calendar
    assert "DESCRIPTION;LANGUAGE=en:Three days in Turin." in calendar


@pytest.mark.django_db
def test_a_select_of_rows_labels_each_option_as_the_page_shows_the_row():
    turin = OrganisationFactory(slug="turin", name="City of Turin", name_it="Città di Torino")
    OrganisationFactory(slug="cev", name="Centre Européen du Volontariat", name_language="fr")
    ClusterFactory(slug="no-short-name", name="Young migrants", short_name="")
    ClusterFactory(slug="short", name="Migrants as volunteers", short_name="Volunteers")

    class ChoiceForm(forms.Form):
        partner = forms.ModelChoiceField(
            queryset=turin.__class__.objects.order_by("slug"),
            to_field_name="slug",
            empty_label="All partners",
            widget=ContentLanguageSelect(label_field="name"),
        )
        cluster = forms.ModelChoiceField(
            queryset=ClusterFactory._meta.model.objects.order_by("slug"),
            to_field_name="slug",
            widget=ContentLanguageSelect(label_field="short_name"),
        )

    form = ChoiceForm({"partner": "turin"})
    with translation.override("it"):
        partner, cluster = str(form["partner"]), str(form["cluster"])

    assert '<option value="">All partners</option>' in partner
    assert '<option value="turin" selected>Città di Torino</option>' in partner
    # In its own language, marked as such on an Italian page.
    assert '<option value="cev" lang="fr">Centre Européen du Volontariat</option>' in partner
    # A cluster without a short name: its full name (its __str__), in the page's language.
    assert '<option value="no-short-name">Young migrants</option>' in cluster
