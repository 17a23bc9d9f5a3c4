import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from exchanges.models import Transfer, TransferStage
from tests.admin.cases import admin_url
from tests.factories import (
    PDF_BYTES,
    OrganisationFactory,
    PracticeFactory,
    StaffExchangeFactory,
    StudyVisitFactory,
    TransferFactory,
)
from toolkit.models import PracticeStatus

pytestmark = pytest.mark.shared_cache


def detail(practice) -> str:
    return reverse("toolkit:detail", kwargs={"slug": practice.slug})


def partner(organisation) -> str:
    return reverse("network:partner_detail", kwargs={"slug": organisation.slug})


def evidence(transfer) -> str:
    return reverse(
        "exchanges:transfer_evidence", kwargs={"slug": transfer.practice.slug, "pk": transfer.pk}
    )


def queries_for(client, url: str) -> tuple[int, str]:
    cache.clear()  # anonymous pages are cached whole (core.cache): render anew
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.text


@pytest.fixture
def nuremberg_visit(turin):
    return StudyVisitFactory(
        title="Study visit to Nuremberg: sports clubs", slug="nuremberg-visit", host=turin
    )


@pytest.fixture
def taken_by_bristol(buddies, bristol, nuremberg_visit):
    return TransferFactory(
        practice=buddies,
        organisation=bristol,
        stage=TransferStage.PILOTING,
        started_on=dt.date(2019, 4, 15),
        stage_reached_on=dt.date(2020, 1, 13),
        study_visit=nuremberg_visit,
        evidence_url="https://example.org/bristol-pilot",
        evidence_file=ContentFile(PDF_BYTES, name="pilot-report.pdf"),
        notes="Two youth clubs pilot the buddies.",
        is_example=True,
    )


def test_practice_page_shows_where_it_travelled(client, buddies, taken_by_bristol):
    html = client.get(detail(buddies)).text
    section = html[html.index('id="travelled"') :]

    assert f'<a href="{partner(taken_by_bristol.organisation)}">City of Bristol</a>' in section
    assert '<span class="status status--piloting">Piloting</span>' in section
    assert '<time datetime="2019-04-15">15 April 2019</time>' in section
    assert 'reached this stage on <time datetime="2020-01-13">13 January 2020</time>' in section
    assert (
        'through the study visit <a href="/en/visits/nuremberg-visit/">'
        "Study visit to Nuremberg: sports clubs</a>" in section
    )
    assert 'href="https://example.org/bristol-pilot" rel="external noopener"' in section
    assert f'href="{evidence(taken_by_bristol)}"' in section
    assert "(PDF, 193\xa0bytes)" in section
    assert "Two youth clubs pilot the buddies." in section
    assert 'class="example-mark"' in section
    assert "1 organisation ·" in html  # the fact in the summary list


def test_practice_page_map_marks_the_organisations_that_took_it_up(
    client, buddies, taken_by_bristol
):
    html = client.get(detail(buddies)).text
    section = html[html.index('id="travelled"') :]

    assert 'class="map__svg"' in section
    assert "<title>City of Bristol, Bristol</title>" in section
    assert section.count('class="map__marker"') == 1


def test_practice_page_without_transfers_has_no_trail(client, buddies):
    html = client.get(detail(buddies)).text

    assert 'id="travelled"' not in html
    assert "map__svg" not in html


def test_transfer_through_a_staff_exchange(client, buddies, bristol, turin):
    exchange = StaffExchangeFactory(
        title="Turin staff in Bristol", slug="turin-bristol", sending=turin, hosting=bristol
    )
    TransferFactory(practice=buddies, organisation=bristol, staff_exchange=exchange)

    html = client.get(detail(buddies)).text

    assert (
        'through the staff exchange <a href="/en/exchanges/turin-bristol/">'
        "Turin staff in Bristol</a>" in html
    )


def test_transfer_shows_on_both_partner_pages(client, buddies, turin, taken_by_bristol):
    taker = client.get(partner(taken_by_bristol.organisation)).text
    giver = client.get(partner(turin)).text

    assert "What City of Bristol took from whom" in taker
    assert "What City of Bristol gave to whom" not in taker
    assert f'<a href="{detail(buddies)}">Buddies for newcomers</a>' in taker
    assert f'from <a href="{partner(turin)}">City of Turin</a>' in taker
    assert '<span class="status status--piloting">Piloting</span>' in taker

    assert "What City of Turin gave to whom" in giver
    assert "What City of Turin took from whom" not in giver
    assert f'<a href="{detail(buddies)}">Buddies for newcomers</a>' in giver
    assert (
        f'taken up by <a href="{partner(taken_by_bristol.organisation)}">City of Bristol</a>'
        in giver
    )
    assert f'href="{evidence(taken_by_bristol)}"' in giver


def test_practice_from_outside_the_network_names_its_city(client, bristol):
    outside = PracticeFactory(
        title="Language cafés", organisation=None, origin_city="Ghent", origin_country="BE"
    )
    TransferFactory(practice=outside, organisation=bristol)

    html = client.get(partner(bristol)).text

    assert "from Ghent, Belgium" in html


def test_transfers_of_unpublished_practices_stay_hidden(client, turin, bristol):
    draft = PracticeFactory(
        title="Secret draft", organisation=turin, status=PracticeStatus.DRAFT, published_at=None
    )
    transfer = TransferFactory(
        practice=draft,
        organisation=bristol,
        evidence_file=ContentFile(PDF_BYTES, name="report.pdf"),
    )

    assert "Secret draft" not in client.get(partner(bristol)).text
    assert "Secret draft" not in client.get(partner(turin)).text
    assert client.get(evidence(transfer)).status_code == 404


def test_evidence_file_downloads_as_an_attachment(client, taken_by_bristol):
    response = client.get(evidence(taken_by_bristol))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment;")
    assert "buddies-bristol" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_evidence_download_404s(client, buddies, bristol, taken_by_bristol):
    no_file = TransferFactory(practice=buddies, organisation=OrganisationFactory())
    wrong_practice = reverse(
        "exchanges:transfer_evidence", kwargs={"slug": "another", "pk": taken_by_bristol.pk}
    )
    missing = TransferFactory(
        practice=PracticeFactory(),
        organisation=bristol,
        evidence_file=ContentFile(PDF_BYTES, name="gone.pdf"),
    )
    missing.evidence_file.storage.delete(missing.evidence_file.name)

    assert client.get(evidence(no_file)).status_code == 404
    assert client.get(wrong_practice).status_code == 404
    assert client.get(evidence(missing)).status_code == 404
    # The page still renders, without a link to the missing file.
    html = client.get(detail(missing.practice)).text
    assert evidence(missing) not in html


def test_practice_and_partner_pages_queries_do_not_grow_with_transfers(client, db):
    def practice_taken_up(count: int):
        owner = OrganisationFactory()
        practice = PracticeFactory(organisation=owner)
        visit = StudyVisitFactory()
        exchange = StaffExchangeFactory()
        for number in range(count):
            TransferFactory(
                practice=practice,
                organisation=OrganisationFactory(latitude=Decimal(40 + number)),
                study_visit=visit if number % 2 else None,
                staff_exchange=None if number % 2 else exchange,
                evidence_url="https://example.org/evidence",
            )
        return practice, owner

    def taking_up(count: int):
        taker = OrganisationFactory()
        for _number in range(count):
            TransferFactory(practice=PracticeFactory(language="it"), organisation=taker)
        return taker

    one, one_owner = practice_taken_up(1)
    ten, ten_owner = practice_taken_up(10)
    one_taker, ten_taker = taking_up(1), taking_up(10)
    client.get(detail(one))  # warm caches

    # In Italian too: a title shown in another language than the reader's reads no row again.
    for language in ("en", "it"):
        with translation.override(language):
            assert queries_for(client, detail(one))[0] == queries_for(client, detail(ten))[0]
            given = [queries_for(client, partner(owner))[0] for owner in (one_owner, ten_owner)]
            assert given[0] == given[1]
            taken = [queries_for(client, partner(taker))[0] for taker in (one_taker, ten_taker)]
            assert taken[0] == taken[1]
    html = queries_for(client, detail(ten))[1]
    assert html.count('class="transfer"') == 10


# --- The coordinators' admin -------------------------------------------------------------


def test_admin_refuses_a_transfer_through_a_visit_and_an_exchange(
    client, coordinator, buddies, bristol
):
    visit, exchange = StudyVisitFactory(), StaffExchangeFactory()
    client.force_login(coordinator)

    response = client.post(
        admin_url(Transfer, "add"),
        {
            "practice": buddies.pk,
            "organisation": bristol.pk,
            "stage": "adapting",
            "started_on": "2020-01-01",
            "study_visit": visit.pk,
            "staff_exchange": exchange.pk,
        },
    )

    assert response.status_code == 200
    assert "one study visit or one staff exchange, not both" in response.text
    assert not Transfer.objects.exists()


def test_admin_records_a_transfer(client, coordinator, buddies, bristol, nuremberg_visit):
    client.force_login(coordinator)

    response = client.post(
        admin_url(Transfer, "add"),
        {
            "practice": buddies.pk,
            "organisation": bristol.pk,
            "stage": "adopted",
            "started_on": "2020-01-01",
            "stage_reached_on": "2020-06-01",
            "study_visit": nuremberg_visit.pk,
        },
    )

    assert response.status_code == 302
    transfer = Transfer.objects.get()
    assert (transfer.stage, transfer.study_visit) == ("adopted", nuremberg_visit)
    assert "City of Bristol" in client.get(detail(buddies)).text
