"""The demo data of the VALUES Portal, as a coordinator would check it.

Part 1 — FACTS about the VALUES project. Unless a comment says otherwise, each
fact comes from the City of Turin's page about its participation in VALUES
(SOURCE_URL; a copy is kept at shared/seed/values-torino.txt). Facts added from
public knowledge are marked "added" and listed in each section's comment.
Nothing here may be guessed: an unknown amount or date stays ``None``.

Part 2 — EXAMPLES. Everything below the "EXAMPLES" line is invented to show
what the portal can do: visits, exchanges, practices, resources and plans.
Every such row is stored with ``is_example=True`` (the models that have no
such flag — documents, files, head counts — belong to an example row).

Rows refer to each other by slug. The loader looks every row up by its slug
(or natural key), so editing a value here and loading again updates that row.
"""

# The Italian originals keep the source's typographic apostrophes (U+2019).
# ruff: noqa: RUF001

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from cities.models import OrganisationKind, ParticipationRole
from core.models import Visibility
from exchanges.models import (
    ActionStatus,
    ActivityStatus,
    PublicationStatus,
    RegistrationScope,
    StaffExchangeKind,
    TransferStage,
)
from toolkit.models import AssessmentKind, PracticeStatus, VolunteeringModel

SOURCE_URL = "https://www.torinoeuprojects.it/project/values/?lang=en"

UTC = dt.UTC

# =============================================================================
# FACTS
# =============================================================================

# From the source: name, acronym, fund, duration (27 months) and the four
# numbered targets. The source gives no start or end date: they stay empty.
# The description is an English rendering of the source's first paragraph.
PROJECT = {
    "slug": "values",
    "acronym": "VALUES",
    "name": "Volunteering Activities to Leverage Urban and European Social integration of migrants",
    "fund": "Asylum, Migration and Integration Fund (AMIF)",
    "start_date": None,
    "end_date": None,
    "duration_months": 27,
    "target_clusters": 4,
    "target_study_visits": 16,
    "target_staff_exchanges": 8,
    "target_cities": 15,
    "description": (
        "The project, funded by the Asylum, Migration and Integration Fund (AMIF), "
        "promoted the exchange of knowledge, experience and good practice at European "
        "level between cities and volunteering networks on the best ways to transfer and "
        "carry out concrete local actions for the successful integration of migrants from "
        "third countries and beneficiaries of international protection in European cities. "
        "VALUES set out to promote structural cooperation between the different actors "
        "involved in integration policies at urban level, creating genuine communities "
        "of practice."
    ),
}

# From the source: the 17 partners it names, their countries (the source's "UK"
# is stored as the ISO code "GB"), EUROCITIES as lead partner ("capofila"), and
# the City of Turin itself with its EU contribution of EUR 24,229.08. No other
# contribution is known: ``None``, never an estimate.
#
# ``name_it`` is the source's own Italian name of each partner ("Città di Norimberga",
# "Comune di Cesena", "Città di Dusseldorf" as it spells it; Turin's from "La Città di
# Torino"); ``name`` is its English name. EUROCITIES, Migration Work and the Centre
# Européen du Volontariat keep their own names in Italian too: no ``name_it``, so that
# Italian pages mark them as English (or, for the CEV, French: ``name_language``).
#
# Added from public knowledge: the kinds of organisation, the cities of
# EUROCITIES and the Centre Européen du Volontariat (Brussels) and of Migration
# Work (London: see its row), the coordinates of each city centre (a central
# square or the town hall, 5 decimals), the websites (left blank where not
# certain) and the one- or two-sentence descriptions.
ORGANISATIONS = [
    {
        "slug": "eurocities",
        "name": "EUROCITIES",
        "kind": OrganisationKind.NETWORK,
        "city": "Brussels",
        "country": "BE",
        "latitude": Decimal("50.84673"),
        "longitude": Decimal("4.35247"),
        "website": "https://eurocities.eu/",
        "description": (
            "The network of major European cities, based in Brussels. "
            "EUROCITIES led the VALUES project."
        ),
        "role": ParticipationRole.LEAD,
        "eu_contribution": None,
    },
    {
        "slug": "migration-work",
        "name": "Migration Work",
        "kind": OrganisationKind.NGO,
        # The source gives only "UK". MigrationWork CIC is a UK community
        # interest company (migrationwork.org); London as its city is from
        # public knowledge and was not confirmed by a published address.
        "city": "London",
        "country": "GB",
        "latitude": Decimal("51.50735"),
        "longitude": Decimal("-0.12776"),
        "website": "https://www.migrationwork.org/",
        "description": (
            "MigrationWork CIC, a UK community interest company that supports the "
            "integration of migrants. Its experts facilitated learning in VALUES."
        ),
        "role": ParticipationRole.PARTNER,
        "eu_contribution": None,
    },
    {
        "slug": "cev",
        "name": "Centre Européen du Volontariat",
        "name_language": "fr",
        "kind": OrganisationKind.VOLUNTEERING,
        "city": "Brussels",
        "country": "BE",
        "latitude": Decimal("50.84673"),
        "longitude": Decimal("4.35247"),
        "website": "https://www.cev.be/",
        "description": (
            "The European Volunteer Centre (CEV), a European network of volunteer "
            "centres and volunteering support organisations, based in Brussels."
        ),
        "role": ParticipationRole.PARTNER,
        "eu_contribution": None,
    },
    {
        "slug": "amsterdam",
        "name": "City of Amsterdam",
        "name_it": "Città di Amsterdam",
        "kind": OrganisationKind.CITY,
        "city": "Amsterdam",
        "country": "NL",
        "latitude": Decimal("52.37307"),
        "longitude": Decimal("4.89245"),
        "website": "https://www.amsterdam.nl/",
        "description": "The city administration of Amsterdam, a partner city of VALUES.",
        "role": ParticipationRole.PARTNER,
        "eu_contribution": None,
    },
    {
        "slug": "bristol",
        "name": "City of Bristol",
        "name_it": "Città di Bristol",
        "kind": OrganisationKind.CITY,
        "city": "Bristol",
        "country": "GB",
        "latitude": Decimal("51.45360"),
        "longitude": Decimal("-2.59730"),
        "website": "https://www.bristol.gov.uk/",
        "description": (
            "The city administration of Bristol. It worked with Turin, Nuremberg and "
            "Toulouse on involving young migrants in community life."
        ),
        "role": ParticipationRole.PARTNER,
        "eu_contribution": None,
    },
    {
        "slug": "brno",
        "name": "City of Brno",
        "name_it": "Città di Brno",
        "kind": OrganisationKind.CITY,
        "city": "Brno",
        "country": "CZ",
        "latitude": Decimal("49.19463"),
        "longitude": Decimal("16.60837"),
        "website": "https://www.brno.cz/",
        "description": "The city administration of Brno, a partner city of VALUES.",
        "role": ParticipationRole.PARTNER,
        "eu_contribution": None,
    },
    {
        "slug": "cesena",
        "name": "Municipality of Cesena",
        "name_it": "Comune di Cesena",
        "kind": OrganisationKind.CITY,
        "city": "Cesena",
        "country": "IT",
        "latitude": Decimal("44.13790"),
        "longitude": Decimal("12.24350"),
        "website": "https://www.comune.cesena.fc.it/",
        "description": "The municipality of Cesena, a partner city of VALUES.",
        "role": ParticipationRole.PARTNER,
        "eu_contribution": None,
    },
    {
        "slug": "dusseldorf",
        "name": "City of Düsseldorf",
        "name_it": "Città di Dusseldorf",
        "kind": OrganisationKind.CITY,
        "city": "Düsseldorf",
        "country": "DE",
        "latitude": Decimal("51.22590"),
        "longitude": Decimal("6.77190"),
        "website": "https://www.duesseldorf.de/",
        "description": "The city administration of Düsseldorf, a partner city of VALUES.",
        "role": ParticipationRole.PARTNER,
        "eu_contribution": None,
    },
    {
        "slug": "madrid-employment-agency",
        "name": "Madrid Employment Agency",
        "name_it": "Agenzia per l’Impiego di Madrid",
        "kind": OrganisationKind.PUBLIC_AGENCY,
        "city": "Madrid",
        "country": "ES",
        "latitude": Decimal("40.41690"),
        "longitude": Decimal("-3.70350"),
        "website": "",
        "description": (
            "The Agencia para el Empleo de Madrid, the employment agency of the City of "
            "Madrid, a partner of VALUES."
        ),
        "role": ParticipationRole.PARTNER,
        "eu_contribution": None,
    },
    {
        "slug": "nuremberg",
        "name": "City of Nuremberg",
        "name_it": "Città di Norimberga",
        "kind": OrganisationKind.CITY,
        "city": "Nuremberg",
        "country": "DE",
        "latitude": Decimal("49.45400"),
        "longitude": Decimal("11.07760"),
        "website": "https://www.nuernberg.de/",
        "description": (
            "The city administration of Nuremberg. It worked with Turin, Bristol and "
            "Toulouse on involving young migrants in community life."
        ),
        "role": ParticipationRole.PARTNER,
        "eu_contribution": None,
    },
    {
        "slug": "ostend",
        "name": "City of Ostend",
        "name_it": "Città di Ostenda",
        "kind": OrganisationKind.CITY,
        "city": "Ostend",
        "country": "BE",
        "latitude": Decimal("51.22940"),
        "longitude": Decimal("2.91920"),
        "website": "https://www.oostende.be/",
        "description": "The city administration of Ostend, a partner city of VALUES.",
        "role": ParticipationRole.PARTNER,
        "eu_contribution": None,
    },
    {
        "slug": "riga",
        "name": "City of Riga",
        "name_it": "Città di Riga",
        "kind": OrganisationKind.CITY,
        "city": "Riga",
        "country": "LV",
        "latitude": Decimal("56.94720"),
        "longitude": Decimal("24.10640"),
        "website": "https://www.riga.lv/",
        "description": "The city administration of Riga, a partner city of VALUES.",
        "role": ParticipationRole.PARTNER,
        "eu_contribution": None,
    },
    {
        "slug": "sheffield",
        "name": "City of Sheffield",
        "name_it": "Città di Sheffield",
        "kind": OrganisationKind.CITY,
        "city": "Sheffield",
        "country": "GB",
        "latitude": Decimal("53.38010"),
        "longitude": Decimal("-1.46990"),
        "website": "https://www.sheffield.gov.uk/",
        "description": "The city administration of Sheffield, a partner city of VALUES.",
        "role": ParticipationRole.PARTNER,
        "eu_contribution": None,
    },
    {
        "slug": "terrassa",
        "name": "City of Terrassa",
        "name_it": "Città di Terrassa",
        "kind": OrganisationKind.CITY,
        "city": "Terrassa",
        "country": "ES",
        "latitude": Decimal("41.56330"),
        "longitude": Decimal("2.01000"),
        "website": "https://www.terrassa.cat/",
        "description": "The city administration of Terrassa, a partner city of VALUES.",
        "role": ParticipationRole.PARTNER,
        "eu_contribution": None,
    },
    {
        "slug": "thessaloniki",
        "name": "City of Thessaloniki",
        "name_it": "Città di Salonicco",
        "kind": OrganisationKind.CITY,
        "city": "Thessaloniki",
        "country": "GR",
        "latitude": Decimal("40.63260"),
        "longitude": Decimal("22.94090"),
        "website": "https://thessaloniki.gr/",
        "description": "The city administration of Thessaloniki, a partner city of VALUES.",
        "role": ParticipationRole.PARTNER,
        "eu_contribution": None,
    },
    {
        "slug": "toulouse",
        "name": "City of Toulouse",
        "name_it": "Città di Tolosa",
        "kind": OrganisationKind.CITY,
        "city": "Toulouse",
        "country": "FR",
        "latitude": Decimal("43.60440"),
        "longitude": Decimal("1.44340"),
        "website": "https://www.toulouse.fr/",
        "description": (
            "The city administration of Toulouse. It worked with Turin, Bristol and "
            "Nuremberg on involving young migrants in community life."
        ),
        "role": ParticipationRole.PARTNER,
        "eu_contribution": None,
    },
    {
        "slug": "vantaa",
        "name": "City of Vantaa",
        "name_it": "Città di Vantaa",
        "kind": OrganisationKind.CITY,
        "city": "Vantaa",
        "country": "FI",
        # Tikkurila, where Vantaa's city hall stands.
        "latitude": Decimal("60.29340"),
        "longitude": Decimal("25.03780"),
        "website": "https://www.vantaa.fi/",
        "description": "The city administration of Vantaa, a partner city of VALUES.",
        "role": ParticipationRole.PARTNER,
        "eu_contribution": None,
    },
    {
        # The source is Turin's own page, so Turin is the eighteenth partner.
        "slug": "turin",
        "name": "City of Turin",
        "name_it": "Città di Torino",
        "kind": OrganisationKind.CITY,
        "city": "Turin",
        "country": "IT",
        "latitude": Decimal("45.07110"),
        "longitude": Decimal("7.68580"),
        "website": "https://www.comune.torino.it/",
        "description": (
            "The city administration of Turin. It worked with Bristol, Nuremberg and "
            "Toulouse on involving young migrants in community life through volunteering."
        ),
        "description_it": (
            "L’amministrazione comunale di Torino. Ha lavorato con Bristol, Norimberga e "
            "Tolosa per coinvolgere i giovani migranti nella vita di comunità attraverso il "
            "volontariato."
        ),
        "role": ParticipationRole.PARTNER,
        "eu_contribution": Decimal("24229.08"),
    },
]

# From the source: the four thematic clusters, in its order. ``name_it`` is the
# source's wording (with a capital letter); ``name`` is its English translation.
# Short names, descriptions and slugs are the portal's own, in both languages.
CLUSTERS = [
    {
        "slug": "welcoming-culture",
        "position": 1,
        "short_name": "Welcoming culture",
        "name": "Community building in cities to promote a welcoming culture",
        "name_it": "Community building nelle città per promuovere una cultura dell’accoglienza",
        "short_name_it": "Cultura dell’accoglienza",
        "description": "How cities and volunteers build communities that welcome newcomers.",
        "description_it": "Come città e volontari costruiscono comunità che accolgono chi arriva.",
    },
    {
        "slug": "migrants-as-volunteers",
        "position": 2,
        "short_name": "Migrants as volunteers",
        "name": (
            "Innovative volunteering for integration: involving migrants and refugees in "
            "volunteering aimed at integration"
        ),
        "name_it": (
            "Attività di volontariato innovative nel campo dell’integrazione: coinvolgimento "
            "dei migranti e dei rifugiati in attività di volontariato finalizzate "
            "all’integrazione"
        ),
        "short_name_it": "Migranti volontari",
        "description": (
            "How migrants and refugees take part in volunteering that helps integration."
        ),
        "description_it": (
            "Come migranti e rifugiati partecipano ad attività di volontariato che favoriscono "
            "l’integrazione."
        ),
    },
    {
        "slug": "neighbourhood-cooperation",
        "position": 3,
        "short_name": "Neighbourhood cooperation",
        "name": (
            "Cooperation between cities and volunteering organisations for the integration "
            "of migrants at neighbourhood (or community) level"
        ),
        "name_it": (
            "Cooperazione tra città ed enti di volontariato per l’integrazione dei migranti "
            "a livello di quartiere (o di comunità)"
        ),
        "short_name_it": "Cooperazione di quartiere",
        "description": (
            "How city administrations and volunteering organisations work together in "
            "neighbourhoods."
        ),
        "description_it": (
            "Come le amministrazioni comunali e gli enti di volontariato collaborano nei quartieri."
        ),
    },
    {
        "slug": "young-migrants",
        "position": 4,
        "short_name": "Young migrants",
        "name": "Mobilising volunteers to involve young migrants in community life",
        "name_it": (
            "Mobilitazione dei volontari nel coinvolgere i giovani migranti nella vita di comunità"
        ),
        "short_name_it": "Giovani migranti",
        "description": (
            "How volunteers help young migrants take part in the life of their community."
        ),
        "description_it": (
            "Come i volontari aiutano i giovani migranti a partecipare alla vita della loro "
            "comunità."
        ),
    },
]

# From the source: Turin worked with Bristol, Nuremberg and Toulouse on the
# young-migrants theme, through four study visits (one in each city, each
# leading to a local action plan), staff exchanges and benchmarking. The
# source names no lead organisation: ``None``.
WORKING_GROUPS = [
    {
        "slug": "young-migrants-turin-bristol-nuremberg-toulouse",
        "name": "Turin, Bristol, Nuremberg and Toulouse",
        "cluster": "young-migrants",
        "members": ["turin", "bristol", "nuremberg", "toulouse"],
        "lead": None,
        "description": (
            "Four cities that worked on involving young migrants in community life through "
            "volunteering. They built the skills of city staff and of volunteering "
            "organisations through a study visit in each city, each leading to a local "
            "action plan; staff exchanges between cities and between volunteering "
            "organisations; and benchmarking of good practice for a toolkit."
        ),
    },
]

# Reference data for the toolkit's filters (not example content), in English and Italian.
TARGET_GROUPS = [
    {
        # "Young migrants" is the fourth cluster's name (the source's "giovani migranti"):
        # the group of people is named as the others are (women, families), so the
        # toolkit's filters do not offer the same words twice. The slug stays, so a
        # database loaded before keeps one row.
        "slug": "young-migrants",
        "name": "Young people",
        "description": "Young people with a migrant background, usually aged 15 to 29.",
        "name_it": "Giovani",
        "description_it": "Giovani con background migratorio, di solito tra i 15 e i 29 anni.",
    },
    {
        "slug": "refugees",
        "name": "Refugees",
        "description": "People granted international protection.",
        "name_it": "Rifugiati",
        "description_it": "Persone a cui è stata riconosciuta la protezione internazionale.",
    },
    {
        "slug": "asylum-seekers",
        "name": "Asylum seekers",
        "description": "People who have applied for international protection.",
        "name_it": "Richiedenti asilo",
        "description_it": "Persone che hanno chiesto la protezione internazionale.",
    },
    {
        "slug": "unaccompanied-minors",
        "name": "Unaccompanied minors",
        "description": "Children who arrived without a parent or guardian.",
        "name_it": "Minori non accompagnati",
        "description_it": "Bambini e ragazzi arrivati senza un genitore o un tutore.",
    },
    {
        "slug": "women",
        "name": "Women",
        "description": "Women and girls with a migrant background.",
        "name_it": "Donne",
        "description_it": "Donne e ragazze con background migratorio.",
    },
    {
        "slug": "newcomers",
        "name": "Newcomers",
        "description": "People who arrived in the city recently.",
        "name_it": "Nuovi arrivati",
        "description_it": "Persone arrivate in città da poco.",
    },
    {
        "slug": "families",
        "name": "Families",
        "description": "Parents and children who settle in the city together.",
        "name_it": "Famiglie",
        "description_it": "Genitori e figli che si stabiliscono insieme in città.",
    },
]

# Reference data, not facts from the source: the criteria on which the VALUES
# practices are benchmarked. The one-sentence descriptions (English and Italian)
# are the portal's own. The project's scale (0 to 5) and threshold (3.50) are
# the model's defaults. A high score is always better, "cost" included: a high
# score there means the practice is cheap to run.
BENCHMARK_CRITERIA = [
    {
        "slug": "migrant-participation",
        "name": "Migrant participation",
        "description": (
            "How far migrants and refugees shape and run the practice, not only benefit from it."
        ),
        "name_it": "Partecipazione dei migranti",
        "description_it": (
            "Quanto migranti e rifugiati definiscono e gestiscono la pratica, non solo quanto ne "
            "beneficiano."
        ),
    },
    {
        "slug": "volunteer-involvement",
        "name": "Volunteer involvement",
        "description": (
            "How many volunteers take part, how well they are prepared and supported, and how "
            "long they stay."
        ),
        "name_it": "Coinvolgimento dei volontari",
        "description_it": (
            "Quanti volontari partecipano, quanto sono preparati e sostenuti e per quanto tempo "
            "restano."
        ),
    },
    {
        "slug": "city-organisation-cooperation",
        "name": "City–organisation cooperation",
        "description": (
            "How closely the city administration and volunteering organisations plan and run "
            "the practice together."
        ),
        "name_it": "Cooperazione tra città e organizzazioni",
        "description_it": (
            "Quanto l'amministrazione comunale e le organizzazioni di volontariato progettano e "
            "gestiscono insieme la pratica."
        ),
    },
    {
        "slug": "evidence-of-results",
        "name": "Evidence of results",
        "description": (
            "How well the results are documented, with figures, evaluations or testimonies "
            "that others can check."
        ),
        "name_it": "Evidenza dei risultati",
        "description_it": (
            "Quanto i risultati sono documentati, con dati, valutazioni o testimonianze che altri "
            "possono verificare."
        ),
    },
    {
        "slug": "sustainability",
        "name": "Sustainability",
        "description": (
            "Whether the practice can go on after its first funding ends, with stable people, "
            "money and partners."
        ),
        "name_it": "Sostenibilità",
        "description_it": (
            "Se la pratica può continuare dopo la fine del primo finanziamento, con persone, "
            "risorse e partner stabili."
        ),
    },
    {
        "slug": "transferability",
        "name": "Transferability",
        "description": (
            "How easily another city or organisation could adapt the practice to its own context."
        ),
        "name_it": "Trasferibilità",
        "description_it": (
            "Quanto facilmente un'altra città o organizzazione potrebbe adattare la pratica al "
            "proprio contesto."
        ),
    },
    {
        "slug": "cost",
        "name": "Cost",
        "description": (
            "How affordable the practice is to run: a high score means it needs little money "
            "or staff time."
        ),
        "name_it": "Costo",
        "description_it": (
            "Quanto è economica la pratica: un punteggio alto significa che richiede poco denaro o"
            " poco tempo del personale."
        ),
    },
]

# =============================================================================
# EXAMPLES — invented for the demo. Stored with is_example=True.
# =============================================================================

# The working group's four visits really took place, one in each city (source);
# their dates, agendas, head counts and lessons below are invented. The other
# visits are invented outright. Fixed dates keep loading repeatable; the Ostend
# visit lies in the future so that "next visits" has something to show.


class HeadCount(NamedTuple):
    """Who came to a visit from one organisation."""

    city_staff: int
    volunteering_staff: int
    volunteers: int
    migrants: int


STUDY_VISITS = [
    {
        "slug": "turin-young-migrants-visit",
        "title": "Study visit to Turin: young volunteers in the neighbourhoods",
        "host": "turin",
        "cluster": "young-migrants",
        "working_group": "young-migrants-turin-bristol-nuremberg-toulouse",
        "start_date": dt.date(2019, 3, 12),
        "end_date": dt.date(2019, 3, 14),
        "status": ActivityStatus.COMPLETED,
        # Attendance was recorded at the door: the loader makes one attended registration
        # (with a certificate) per person of the head counts below.
        "attendance_recorded": True,
        "hours": Decimal("18"),
        "summary": (
            "Staff from Bristol, Nuremberg and Toulouse met Turin's youth services and "
            "volunteering associations to see how young migrants join local projects."
        ),
        "agenda": (
            "Day 1: welcome at the city hall; the city's youth and integration services.\n"
            "Day 2: visits to two neighbourhood houses and a youth volunteering desk.\n"
            "Day 3: workshop on the first ideas for each city's action plan."
        ),
        "lessons_learned": (
            "Young migrants stay involved when a named volunteer follows them. "
            "Neighbourhood houses are good first contact points."
        ),
        "participants": {
            "bristol": HeadCount(city_staff=2, volunteering_staff=1, volunteers=1, migrants=0),
            "nuremberg": HeadCount(city_staff=2, volunteering_staff=2, volunteers=0, migrants=1),
            "toulouse": HeadCount(city_staff=1, volunteering_staff=2, volunteers=1, migrants=1),
        },
    },
    {
        "slug": "bristol-young-migrants-visit",
        "title": "Study visit to Bristol: youth-led volunteering",
        "host": "bristol",
        "cluster": "young-migrants",
        "working_group": "young-migrants-turin-bristol-nuremberg-toulouse",
        "start_date": dt.date(2019, 5, 21),
        "end_date": dt.date(2019, 5, 23),
        "status": ActivityStatus.COMPLETED,
        "summary": (
            "The group saw youth clubs where young refugees plan and run their own "
            "volunteering activities."
        ),
        "agenda": (
            "Day 1: the city's youth offer and its partners.\n"
            "Day 2: visits to two youth clubs; meeting with young volunteers.\n"
            "Day 3: peer review of the host city's challenge."
        ),
        "lessons_learned": (
            "Let young people choose the activity. Short, concrete tasks work better "
            "than long commitments at the start."
        ),
        "participants": {
            "turin": HeadCount(city_staff=2, volunteering_staff=1, volunteers=1, migrants=1),
            "nuremberg": HeadCount(city_staff=1, volunteering_staff=1, volunteers=1, migrants=0),
            "toulouse": HeadCount(city_staff=2, volunteering_staff=1, volunteers=0, migrants=0),
        },
    },
    {
        "slug": "nuremberg-young-migrants-visit",
        "title": "Study visit to Nuremberg: sports clubs and mentors",
        "host": "nuremberg",
        "cluster": "young-migrants",
        "working_group": "young-migrants-turin-bristol-nuremberg-toulouse",
        "start_date": dt.date(2019, 9, 17),
        "end_date": dt.date(2019, 9, 19),
        "status": ActivityStatus.COMPLETED,
        "summary": (
            "Sports clubs and volunteer mentors showed how they welcome young newcomers "
            "and unaccompanied minors."
        ),
        "agenda": (
            "Day 1: the city's integration strategy.\n"
            "Day 2: training evening at a sports club; talk with volunteer mentors.\n"
            "Day 3: workshop on recruiting and keeping volunteers."
        ),
        "lessons_learned": (
            "Clubs need a contact person for newcomers. Mentors need training and "
            "someone to call when things go wrong."
        ),
        "participants": {
            "turin": HeadCount(city_staff=1, volunteering_staff=2, volunteers=0, migrants=1),
            "bristol": HeadCount(city_staff=2, volunteering_staff=1, volunteers=0, migrants=0),
            "toulouse": HeadCount(city_staff=1, volunteering_staff=1, volunteers=1, migrants=0),
        },
    },
    {
        "slug": "toulouse-young-migrants-visit",
        "title": "Study visit to Toulouse: volunteering in youth centres",
        "host": "toulouse",
        "cluster": "young-migrants",
        "working_group": "young-migrants-turin-bristol-nuremberg-toulouse",
        "start_date": dt.date(2019, 11, 5),
        "end_date": dt.date(2019, 11, 7),
        "status": ActivityStatus.COMPLETED,
        "summary": (
            "The last visit of the group: youth centres, a civic service scheme and a "
            "final exchange on the four action plans."
        ),
        "agenda": (
            "Day 1: youth centres and their volunteers.\n"
            "Day 2: meeting young people on civic service placements.\n"
            "Day 3: each city presents its draft action plan."
        ),
        "lessons_learned": (
            "Recognition matters: a certificate or a reference letter helps young "
            "volunteers find work or training."
        ),
        "participants": {
            "turin": HeadCount(city_staff=2, volunteering_staff=1, volunteers=0, migrants=0),
            "bristol": HeadCount(city_staff=1, volunteering_staff=1, volunteers=1, migrants=1),
            "nuremberg": HeadCount(city_staff=2, volunteering_staff=1, volunteers=0, migrants=0),
        },
    },
    {
        "slug": "amsterdam-welcoming-culture-visit",
        "title": "Study visit to Amsterdam: welcoming neighbourhoods",
        "host": "amsterdam",
        "cluster": "welcoming-culture",
        "working_group": None,
        "start_date": dt.date(2019, 10, 8),
        "end_date": dt.date(2019, 10, 10),
        "status": ActivityStatus.COMPLETED,
        "summary": (
            "Neighbourhood hosts showed how residents welcome newcomers in their first "
            "weeks in the city."
        ),
        "agenda": (
            "Day 1: the city's welcome policy.\n"
            "Day 2: a welcome walk with neighbourhood hosts.\n"
            "Day 3: workshop on measuring a welcoming culture."
        ),
        "lessons_learned": (
            "A personal welcome in the first weeks makes later contact much easier."
        ),
        "participants": {
            "riga": HeadCount(city_staff=2, volunteering_staff=1, volunteers=0, migrants=0),
            "vantaa": HeadCount(city_staff=2, volunteering_staff=0, volunteers=1, migrants=0),
            "brno": HeadCount(city_staff=1, volunteering_staff=1, volunteers=0, migrants=1),
        },
    },
    {
        "slug": "cesena-migrants-as-volunteers-visit",
        "title": "Study visit to Cesena: newcomers who volunteer",
        "host": "cesena",
        "cluster": "migrants-as-volunteers",
        "working_group": None,
        "start_date": dt.date(2020, 2, 4),
        "end_date": dt.date(2020, 2, 6),
        "status": ActivityStatus.COMPLETED,
        "summary": (
            "Associations in Cesena presented how refugees volunteer alongside long-time residents."
        ),
        "agenda": (
            "Day 1: the local volunteering network.\n"
            "Day 2: visits to three associations with migrant volunteers.\n"
            "Day 3: peer review and next steps."
        ),
        "lessons_learned": (
            "Volunteering is a way into the local language and a first reference for a job."
        ),
        "participants": {
            "terrassa": HeadCount(city_staff=2, volunteering_staff=1, volunteers=0, migrants=1),
            "thessaloniki": HeadCount(city_staff=1, volunteering_staff=1, volunteers=1, migrants=0),
            "madrid-employment-agency": HeadCount(
                city_staff=2, volunteering_staff=0, volunteers=0, migrants=0
            ),
        },
    },
    {
        "slug": "sheffield-neighbourhood-cooperation-visit",
        "title": "Study visit to Sheffield: the city and its voluntary sector",
        "host": "sheffield",
        "cluster": "neighbourhood-cooperation",
        "working_group": None,
        "start_date": dt.date(2019, 11, 19),
        "end_date": dt.date(2019, 11, 21),
        "status": ActivityStatus.COMPLETED,
        "summary": (
            "City officers and voluntary organisations explained how they share the work "
            "of welcoming refugees in neighbourhoods."
        ),
        "agenda": (
            "Day 1: the city's partnership with the voluntary sector.\n"
            "Day 2: visits to two community centres.\n"
            "Day 3: workshop on funding agreements with volunteering organisations."
        ),
        "lessons_learned": "Written agreements on who does what avoid gaps and duplication.",
        "participants": {
            "dusseldorf": HeadCount(city_staff=2, volunteering_staff=1, volunteers=0, migrants=0),
            "ostend": HeadCount(city_staff=1, volunteering_staff=1, volunteers=1, migrants=0),
        },
    },
    {
        "slug": "ostend-neighbourhood-cooperation-visit",
        "title": "Study visit to Ostend: neighbourhood volunteering points",
        "host": "ostend",
        "cluster": "neighbourhood-cooperation",
        "working_group": None,
        "start_date": dt.date(2027, 5, 18),
        "end_date": dt.date(2027, 5, 20),
        "status": ActivityStatus.PLANNED,
        "hours": Decimal("16"),
        "registration": {
            "registration_open": True,
            "registration_scope": RegistrationScope.PARTNERS,
            "registration_closes_on": dt.date(2027, 5, 4),
            "capacity": 20,
            "capacity_per_organisation": 3,
        },
        "summary": (
            "A planned visit to the neighbourhood points where residents and newcomers "
            "find volunteering opportunities."
        ),
        "agenda": (
            "Day 1: the city's neighbourhood approach.\n"
            "Day 2: visits to two neighbourhood points.\n"
            "Day 3: workshop with the visiting cities."
        ),
        "lessons_learned": "",
        "participants": {
            "dusseldorf": HeadCount(city_staff=2, volunteering_staff=1, volunteers=0, migrants=0),
            "sheffield": HeadCount(city_staff=1, volunteering_staff=1, volunteers=0, migrants=0),
        },
    },
]

# One document on one visit: its PDF is generated by the loader.
VISIT_DOCUMENTS = [
    {
        "visit": "turin-young-migrants-visit",
        "title": "Agenda of the Turin study visit",
        "original_filename": "turin-study-visit-agenda.pdf",
        "language": "en",
        "visibility": Visibility.PUBLIC,
        "pdf_lines": [
            "Agenda of the Turin study visit, 12-14 March 2019",
            "Example agenda — invented demo content",
        ],
    },
]

STAFF_EXCHANGES = [
    {
        "slug": "turin-nuremberg-staff-exchange",
        "title": "Turin city staff in Nuremberg",
        "kind": StaffExchangeKind.CITY_CITY,
        "sending": "turin",
        "hosting": "nuremberg",
        "cluster": "young-migrants",
        "start_date": dt.date(2019, 10, 14),
        "end_date": dt.date(2019, 10, 18),
        "staff_count": 2,
        "status": ActivityStatus.COMPLETED,
        "objectives": "See how the city supports sports clubs that welcome young newcomers.",
        "outcomes": "Turin added a contact person for sports clubs to its action plan.",
    },
    {
        "slug": "bristol-toulouse-volunteering-exchange",
        "title": "Bristol volunteering organisations in Toulouse",
        "kind": StaffExchangeKind.ORG_ORG,
        "sending": "bristol",
        "hosting": "toulouse",
        "cluster": "young-migrants",
        "start_date": dt.date(2020, 1, 20),
        "end_date": dt.date(2020, 1, 24),
        "staff_count": 3,
        "status": ActivityStatus.COMPLETED,
        "objectives": (
            "Staff of volunteering organisations working with the City of Bristol spend a "
            "week with their peers in Toulouse's youth centres."
        ),
        "outcomes": "A shared recognition letter for young volunteers, used in both cities.",
    },
    {
        "slug": "sheffield-terrassa-mixed-exchange",
        "title": "Sheffield officers and volunteers in Terrassa",
        "kind": StaffExchangeKind.MIXED,
        "sending": "sheffield",
        "hosting": "terrassa",
        "cluster": "migrants-as-volunteers",
        "start_date": dt.date(2020, 2, 17),
        "end_date": dt.date(2020, 2, 21),
        "staff_count": 4,
        "status": ActivityStatus.COMPLETED,
        "objectives": (
            "City officers and volunteer leaders learn how newcomers are invited to "
            "volunteer in local associations."
        ),
        "outcomes": "Sheffield tried a volunteering taster day for newcomers in spring 2020.",
    },
]

# Eight published practices across the four clusters — six from partners, two
# from outside the network (no organisation) — and one draft and one in review.
PRACTICES = [
    {
        "slug": "welcome-walks-with-neighbourhood-hosts",
        "title": "Welcome walks with neighbourhood hosts",
        "organisation": "amsterdam",
        "origin_city": "Amsterdam",
        "origin_country": "NL",
        "clusters": ["welcoming-culture"],
        "target_groups": ["newcomers", "refugees"],
        "volunteering_model": VolunteeringModel.NEIGHBOURHOOD,
        "language": "en",
        "status": PracticeStatus.PUBLISHED,
        "published_at": dt.datetime(2020, 3, 2, 9, 0, tzinfo=UTC),
        "summary": (
            "A resident shows a newcomer around the neighbourhood in their first weeks: "
            "the shops, the library, the doctor and the community centre."
        ),
        "description": (
            "Neighbourhood hosts are residents who give two hours a month. Each walk ends "
            "with coffee and an invitation to a local activity."
        ),
        "how_it_works": (
            "The city's welcome desk asks newcomers if they want a walk. A coordinator "
            "matches them with a host who lives nearby and speaks a shared language."
        ),
        "resources_needed": (
            "A part-time coordinator, a short training for hosts, a small budget for coffee."
        ),
        "results": (
            "Most newcomers who took a walk joined at least one local activity afterwards."
        ),
        "transferability": (
            "Works in any city with active neighbourhood centres. Start with one neighbourhood."
        ),
        "contact": "Welcome desk, City of Amsterdam (example contact)",
    },
    {
        "slug": "newcomers-at-the-food-bank",
        "title": "Newcomers volunteer at the food bank",
        "organisation": "terrassa",
        "origin_city": "Terrassa",
        "origin_country": "ES",
        "clusters": ["migrants-as-volunteers"],
        "target_groups": ["newcomers", "asylum-seekers"],
        "volunteering_model": VolunteeringModel.MIGRANTS_AS_VOLUNTEERS,
        "language": "en",
        "status": PracticeStatus.PUBLISHED,
        "published_at": dt.datetime(2020, 4, 6, 9, 0, tzinfo=UTC),
        "summary": (
            "Newcomers sort and hand out food alongside long-time volunteers, and practise "
            "the local language while they work."
        ),
        "description": (
            "The food bank reserves places on each shift for newcomers. A long-time "
            "volunteer acts as buddy for the first month."
        ),
        "how_it_works": (
            "Language classes announce the shifts. Newcomers sign up for one shift a week "
            "and receive a volunteer card."
        ),
        "resources_needed": "Buddies willing to explain tasks, a shift plan, volunteer insurance.",
        "results": "Several volunteers later found work in logistics and retail.",
        "transferability": (
            "Any organisation with regular shifts can do it. Keep tasks simple at first."
        ),
        "contact": "Volunteering office, City of Terrassa (example contact)",
    },
    {
        "slug": "un-tutor-volontario-per-ogni-giovane",
        "title": "Un tutor volontario per ogni giovane arrivato",
        "organisation": "turin",
        "origin_city": "Turin",
        "origin_country": "IT",
        "clusters": ["young-migrants"],
        "target_groups": ["young-migrants", "unaccompanied-minors"],
        "volunteering_model": VolunteeringModel.MENTORING,
        "language": "it",
        "status": PracticeStatus.PUBLISHED,
        "published_at": dt.datetime(2020, 5, 11, 9, 0, tzinfo=UTC),
        "summary": (
            "Un volontario accompagna un giovane arrivato da poco per sei mesi: scuola, "
            "sport, tempo libero e primi passi nella città."
        ),
        "description": (
            "I tutor sono volontari formati dalle associazioni del quartiere. Si incontrano "
            "con il giovane una volta alla settimana."
        ),
        "how_it_works": (
            "I servizi sociali segnalano i giovani interessati. L'associazione forma i "
            "tutor e organizza un primo incontro in un luogo pubblico."
        ),
        "resources_needed": (
            "Un coordinatore, una formazione di due giornate, un piccolo fondo per le attività."
        ),
        "results": "Quasi tutti i giovani hanno completato i sei mesi con il loro tutor.",
        "transferability": (
            "Funziona dove esiste già una rete di associazioni giovanili. Serve un accordo "
            "chiaro con i servizi sociali."
        ),
        "contact": "Servizio giovani, Città di Torino (contatto di esempio)",
        # Written in Italian (``language``); its title and summary also in English.
        "translations": {
            "en": {
                "title": "A volunteer tutor for every young newcomer",
                "summary": (
                    "A volunteer accompanies a young person who has just arrived for six "
                    "months: school, sport, free time and first steps in the city."
                ),
            },
        },
    },
    {
        "slug": "sports-clubs-open-their-doors",
        "title": "Sports clubs open their doors",
        "organisation": "nuremberg",
        "origin_city": "Nuremberg",
        "origin_country": "DE",
        "clusters": ["young-migrants", "welcoming-culture"],
        "target_groups": ["young-migrants", "unaccompanied-minors"],
        "volunteering_model": VolunteeringModel.EVENT_BASED,
        "language": "en",
        "status": PracticeStatus.PUBLISHED,
        "published_at": dt.datetime(2020, 6, 8, 9, 0, tzinfo=UTC),
        "summary": (
            "Local sports clubs hold open training days for young newcomers, run by their "
            "volunteer coaches."
        ),
        "description": (
            "Each open day is followed by a free trial month. Volunteer coaches learn a few "
            "words of the young people's languages."
        ),
        "how_it_works": (
            "The city publishes a calendar of open days and pays the trial month's fees. "
            "Youth workers bring groups to the first session."
        ),
        "resources_needed": "Willing clubs, a small fund for fees and kit, a calendar.",
        "results": "About half of the young people stayed in a club after the trial month.",
        "transferability": (
            "Start with the clubs that already have young members from migrant families."
        ),
        "contact": "Sports office, City of Nuremberg (example contact)",
    },
    {
        "slug": "skills-exchange-evenings",
        "title": "Skills exchange evenings",
        "organisation": "bristol",
        "origin_city": "Bristol",
        "origin_country": "GB",
        "clusters": ["migrants-as-volunteers"],
        "target_groups": ["refugees", "women"],
        "volunteering_model": VolunteeringModel.SKILLS_BASED,
        "language": "en",
        "status": PracticeStatus.PUBLISHED,
        "published_at": dt.datetime(2020, 7, 6, 9, 0, tzinfo=UTC),
        "summary": (
            "Refugees and residents teach each other a skill in one evening: cooking, "
            "repairing a bicycle, writing a CV."
        ),
        "description": (
            "Each evening has three short workshops. Refugees lead at least one of them."
        ),
        "how_it_works": (
            "A community centre hosts the evenings once a month. Volunteers collect ideas "
            "and help the workshop leaders prepare."
        ),
        "resources_needed": "A room with tables, basic materials, two volunteer organisers.",
        "results": "Refugee workshop leaders reported more confidence in speaking English.",
        "transferability": "Easy to start; choose skills people in the room actually have.",
        "contact": "Community development team, City of Bristol (example contact)",
    },
    {
        "slug": "neighbourhood-volunteering-desks",
        "title": "Neighbourhood volunteering desks",
        "organisation": "riga",
        "origin_city": "Riga",
        "origin_country": "LV",
        "clusters": ["neighbourhood-cooperation"],
        "target_groups": ["newcomers", "families"],
        "volunteering_model": VolunteeringModel.NEIGHBOURHOOD,
        "language": "en",
        "status": PracticeStatus.PUBLISHED,
        "published_at": dt.datetime(2020, 9, 7, 9, 0, tzinfo=UTC),
        "summary": (
            "A desk in the neighbourhood library where the city and local associations "
            "offer volunteering opportunities together."
        ),
        "description": (
            "City staff and association volunteers share the desk two afternoons a week."
        ),
        "how_it_works": (
            "Associations post their needs on a shared list. Desk staff help residents and "
            "newcomers choose an activity and introduce them to the association."
        ),
        "resources_needed": "A desk in a public building, a shared list, a rota.",
        "results": "Associations reached families they had not met before.",
        "transferability": "Choose a building people already visit, such as a library.",
        "contact": "Neighbourhood office, City of Riga (example contact)",
    },
    {
        "slug": "online-conversation-partners",
        "title": "Online conversation partners",
        "organisation": None,
        "origin_city": "Porto",
        "origin_country": "PT",
        "clusters": ["welcoming-culture"],
        "target_groups": ["women", "newcomers"],
        "volunteering_model": VolunteeringModel.ONLINE,
        "language": "en",
        "status": PracticeStatus.PUBLISHED,
        "published_at": dt.datetime(2020, 10, 5, 9, 0, tzinfo=UTC),
        "summary": (
            "Volunteers meet newcomers by video call for a weekly conversation in the local "
            "language."
        ),
        "description": (
            "Useful for newcomers who cannot attend classes because of work or children."
        ),
        "how_it_works": (
            "A volunteer and a newcomer agree a time each week. A short guide suggests "
            "topics for the first calls."
        ),
        "resources_needed": "A phone or computer for each pair, a conversation guide.",
        "results": "Pairs often continued meeting in person after a few months.",
        "transferability": "Works anywhere with internet access; check privacy rules first.",
        "contact": "A local association in Porto (example contact)",
    },
    {
        "slug": "family-homework-clubs",
        "title": "Family homework clubs",
        "organisation": None,
        "origin_city": "Malmö",
        "origin_country": "SE",
        "clusters": ["neighbourhood-cooperation", "young-migrants"],
        "target_groups": ["families", "young-migrants"],
        "volunteering_model": VolunteeringModel.OTHER,
        "language": "en",
        "status": PracticeStatus.PUBLISHED,
        "published_at": dt.datetime(2020, 11, 2, 9, 0, tzinfo=UTC),
        "summary": (
            "Volunteer students help children with homework while their parents meet other "
            "parents in the next room."
        ),
        "description": (
            "The club runs in a school after lessons. Parents' meetings cover school life "
            "and local services."
        ),
        "how_it_works": (
            "The school lends two rooms. A volunteering organisation recruits students and "
            "a teacher answers questions once a month."
        ),
        "resources_needed": "Two rooms, volunteer students, snacks, a contact teacher.",
        "results": "Parents said they understood the school system better.",
        "transferability": "Needs a school willing to open after hours.",
        "contact": "A neighbourhood association in Malmö (example contact)",
    },
    {
        "slug": "cycling-lessons-with-volunteer-trainers",
        "title": "Cycling lessons with volunteer trainers",
        "organisation": "vantaa",
        "origin_city": "Vantaa",
        "origin_country": "FI",
        "clusters": ["migrants-as-volunteers"],
        "target_groups": ["women"],
        "volunteering_model": VolunteeringModel.SKILLS_BASED,
        "language": "en",
        "status": PracticeStatus.DRAFT,
        "published_at": None,
        "summary": "Women who learnt to cycle become volunteer trainers for the next group.",
        "description": "A draft written by the city; not yet sent for review.",
        "how_it_works": "Lessons on Saturday mornings in a school yard.",
        "resources_needed": "Bicycles, helmets, a safe space.",
        "results": "To be completed.",
        "transferability": "To be completed.",
        "contact": "Sports services, City of Vantaa (example contact)",
    },
    {
        "slug": "volunteer-job-search-mentors",
        "title": "Volunteer mentors for job seekers",
        "organisation": "madrid-employment-agency",
        "origin_city": "Madrid",
        "origin_country": "ES",
        "clusters": ["migrants-as-volunteers"],
        "target_groups": ["asylum-seekers", "refugees"],
        "volunteering_model": VolunteeringModel.MENTORING,
        "language": "en",
        "status": PracticeStatus.IN_REVIEW,
        "published_at": None,
        "summary": (
            "Retired professionals help refugees prepare for job interviews, one hour a week."
        ),
        "description": "Sent for review; the coordinators have not published it yet.",
        "how_it_works": "The agency matches a mentor and a job seeker by sector.",
        "resources_needed": "Volunteer mentors, a meeting room, a matching list.",
        "results": "Early results are promising.",
        "transferability": "Needs an employment service willing to host volunteers.",
        "contact": "Madrid Employment Agency (example contact)",
    },
]

RESOURCES = [
    {
        "practice": "welcome-walks-with-neighbourhood-hosts",
        "title": "European Volunteer Centre (CEV)",
        "url": "https://www.cev.be/",
        "language": "en",
        "visibility": Visibility.PUBLIC,
    },
    {
        "practice": "welcome-walks-with-neighbourhood-hosts",
        "title": "Checklist for neighbourhood hosts",
        "original_filename": "checklist-for-neighbourhood-hosts.pdf",
        "language": "en",
        "visibility": Visibility.PUBLIC,
        "pdf_lines": [
            "Checklist for neighbourhood hosts",
            "Example checklist — invented demo content",
        ],
    },
]

ACTION_PLANS = [
    {
        "slug": "turin-action-plan-young-migrants",
        "title": "Turin action plan: young migrants and volunteering",
        "organisation": "turin",
        "language": "en",
        "status": PublicationStatus.PUBLISHED,
        "visibility": Visibility.PUBLIC,
        "published_at": dt.datetime(2020, 3, 16, 10, 0, tzinfo=UTC),
        "summary": (
            "What Turin will do after the working group's visits: a volunteer tutor for "
            "young newcomers, a contact person for sports clubs and a recognition letter "
            "for young volunteers."
        ),
        "study_visits": [
            "turin-young-migrants-visit",
            "bristol-young-migrants-visit",
            "nuremberg-young-migrants-visit",
            "toulouse-young-migrants-visit",
        ],
        "staff_exchanges": ["turin-nuremberg-staff-exchange"],
        "versions": [
            {
                "version_label": "1.0",
                "original_filename": "turin-action-plan.pdf",
                "uploaded_at": dt.datetime(2020, 3, 16, 10, 0, tzinfo=UTC),
                "pdf_lines": [
                    "Turin action plan: young migrants and volunteering",
                    "Example action plan — invented demo content",
                ],
            },
        ],
    },
    {
        "slug": "bristol-action-plan-young-migrants",
        "title": "Bristol action plan: youth-led volunteering",
        "organisation": "bristol",
        "language": "en",
        "status": PublicationStatus.PUBLISHED,
        "visibility": Visibility.MEMBERS,
        "published_at": dt.datetime(2020, 4, 20, 10, 0, tzinfo=UTC),
        "summary": (
            "Bristol's plan for youth clubs where young refugees lead volunteering "
            "activities; shared with members of the network only."
        ),
        "study_visits": [
            "bristol-young-migrants-visit",
            "toulouse-young-migrants-visit",
        ],
        "staff_exchanges": ["bristol-toulouse-volunteering-exchange"],
        "versions": [],
    },
    {
        "slug": "nuremberg-action-plan-young-migrants",
        "title": "Nuremberg action plan: mentors and sports clubs",
        "organisation": "nuremberg",
        "language": "en",
        "status": PublicationStatus.DRAFT,
        "visibility": Visibility.PUBLIC,
        "published_at": None,
        "summary": "A draft: mentors for young newcomers and open days in sports clubs.",
        "study_visits": ["nuremberg-young-migrants-visit"],
        "staff_exchanges": [],
        "versions": [],
    },
]

# Example assessments of the example practices, on BENCHMARK_CRITERIA. They carry
# no flag of their own: they belong to example practices. No assessor is named
# (the demo has no user accounts). Welcome walks stays below the threshold; the
# Turin tutors were peer-reviewed twice, and only the later review counts.
ASSESSMENTS = [
    {
        "practice": "sports-clubs-open-their-doors",
        "kind": AssessmentKind.SELF,
        "assessed_on": dt.date(2020, 4, 20),
        "comment": "Nuremberg's own view before the peer review.",
        "scores": {
            "migrant-participation": (5, "Young newcomers coach younger players in two clubs."),
            "volunteer-involvement": (5, "Every open day is run by club volunteers."),
            "city-organisation-cooperation": (4, "The sports office and the clubs meet monthly."),
            "evidence-of-results": (4, "Clubs count new members after each open day."),
            "sustainability": (4, "The clubs pay for the open days from their own budgets."),
            "transferability": (5, "Any city with sports clubs can copy it."),
            "cost": (4, "Mostly volunteer time and a small budget for kits."),
        },
    },
    {
        "practice": "sports-clubs-open-their-doors",
        "kind": AssessmentKind.PEER,
        "assessed_on": dt.date(2020, 5, 18),
        "comment": "A simple idea, well run; the evidence could be stronger.",
        "scores": {
            "migrant-participation": (4, "Newcomers take part and some now coach."),
            "volunteer-involvement": (4, "Club volunteers run every open day."),
            "city-organisation-cooperation": (5, "A named contact in the sports office for clubs."),
            "evidence-of-results": (3, "Membership counts only; no follow-up after a year."),
            "sustainability": (4, "The clubs carry on without project money."),
            "transferability": (4, "Turin is already adopting it."),
            "cost": (3, "Kits and insurance are a real cost for small clubs."),
        },
    },
    {
        "practice": "un-tutor-volontario-per-ogni-giovane",
        "kind": AssessmentKind.PEER,
        "assessed_on": dt.date(2019, 12, 2),
        "comment": "First review: promising, but too early to judge the results.",
        "scores": {
            "migrant-participation": (3, "Young newcomers choose their activities with the tutor."),
            "volunteer-involvement": (3, "Thirty tutors, not yet trained together."),
            "city-organisation-cooperation": (4, "Youth services and two associations share it."),
            "evidence-of-results": (2, "No figures yet after the first months."),
            "sustainability": (3, "Funded for one year only."),
            "transferability": (3, "Depends on a large pool of volunteers."),
            "cost": (3, "One coordinator for the tutors."),
        },
    },
    {
        "practice": "un-tutor-volontario-per-ogni-giovane",
        "kind": AssessmentKind.SELF,
        "assessed_on": dt.date(2020, 3, 30),
        "comment": "Turin's own view after the first full year.",
        "scores": {
            "migrant-participation": (5, "Former tutees now tutor newcomers themselves."),
            "volunteer-involvement": (5, "Sixty tutors, trained twice a year."),
            "city-organisation-cooperation": (4, "Youth services and four associations."),
            "evidence-of-results": (4, "A yearly survey of tutors and young people."),
            "sustainability": (4, "Included in the city's youth budget."),
            "transferability": (4, "The tutor handbook is written for other cities."),
            "cost": (4, "One coordinator and a training day."),
        },
    },
    {
        "practice": "un-tutor-volontario-per-ogni-giovane",
        "kind": AssessmentKind.PEER,
        "assessed_on": dt.date(2020, 4, 27),
        "comment": "Second review: the results are now documented.",
        "scores": {
            "migrant-participation": (4, "Some former tutees have become tutors."),
            "volunteer-involvement": (5, "A large, trained and stable pool of tutors."),
            "city-organisation-cooperation": (4, "Clear roles between the city and associations."),
            "evidence-of-results": (4, "A yearly survey with a good response rate."),
            "sustainability": (3, "In the budget, but for one more year only."),
            "transferability": (4, "Bristol is piloting it with the handbook."),
            "cost": (3, "The coordinator's post is the main cost."),
        },
    },
    {
        "practice": "welcome-walks-with-neighbourhood-hosts",
        "kind": AssessmentKind.SELF,
        "assessed_on": dt.date(2020, 2, 24),
        "comment": "Amsterdam's own view.",
        "scores": {
            "migrant-participation": (4, "Newcomers suggest the places the walks visit."),
            "volunteer-involvement": (4, "Neighbourhood hosts lead every walk."),
            "city-organisation-cooperation": (4, "District offices find the hosts."),
            "evidence-of-results": (3, "Hosts write a short note after each walk."),
            "sustainability": (4, "The walks need no money from the project."),
            "transferability": (4, "Works in any neighbourhood with willing hosts."),
            "cost": (5, "Almost free: a map and a coffee."),
        },
    },
    {
        "practice": "welcome-walks-with-neighbourhood-hosts",
        "kind": AssessmentKind.PEER,
        "assessed_on": dt.date(2020, 3, 23),
        "comment": "Cheap and friendly; the link with lasting contacts is not yet shown.",
        "scores": {
            "migrant-participation": (3, "Newcomers are mostly guests, not organisers."),
            "volunteer-involvement": (4, "A steady group of hosts."),
            "city-organisation-cooperation": (3, "Depends on each district office."),
            "evidence-of-results": (2, "No record of what happens after the walk."),
            "sustainability": (3, "Rests on a few enthusiastic hosts."),
            "transferability": (4, "Simple to start elsewhere."),
            "cost": (4, "Very little money, some coordination time."),
        },
    },
    {
        "practice": "skills-exchange-evenings",
        "kind": AssessmentKind.PEER,
        "assessed_on": dt.date(2020, 6, 22),
        "comment": "Well attended and well documented.",
        "scores": {
            "migrant-participation": (4, "Newcomers teach half of the skills on offer."),
            "volunteer-involvement": (3, "Volunteers host, but turnover is high."),
            "city-organisation-cooperation": (3, "The city lends rooms; little joint planning."),
            "evidence-of-results": (3, "Attendance is counted at every evening."),
            "sustainability": (4, "Run by a community centre with its own funding."),
            "transferability": (4, "Toulouse is adapting it."),
            "cost": (4, "Rooms are free; materials are cheap."),
        },
    },
    {
        "practice": "newcomers-at-the-food-bank",
        "kind": AssessmentKind.SELF,
        "assessed_on": dt.date(2020, 5, 4),
        "comment": "Terrassa's own view; a peer review is planned.",
        "scores": {
            "migrant-participation": (5, "Newcomers are half of the volunteers on each shift."),
            "volunteer-involvement": (4, "Regular shifts with a named shift leader."),
            "city-organisation-cooperation": (
                3,
                "The city refers newcomers; the food bank runs it.",
            ),
            "evidence-of-results": (3, "Shift lists show who keeps coming."),
            "sustainability": (4, "The food bank runs all year."),
            "transferability": (5, "Any organisation with regular shifts can do it."),
            "cost": (5, "No extra cost for the food bank."),
        },
    },
]

# Example transfers: practices taken up by other partners, through the example
# visits and exchanges above. The Turin transfer has an example evidence file.
TRANSFERS = [
    {
        "practice": "sports-clubs-open-their-doors",
        "organisation": "turin",
        "stage": TransferStage.ADOPTED,
        "started_on": dt.date(2019, 10, 1),
        "stage_reached_on": dt.date(2020, 6, 15),
        "study_visit": "nuremberg-young-migrants-visit",
        "staff_exchange": None,
        "evidence_url": "",
        "evidence_pdf": {
            "original_filename": "turin-sports-clubs-open-day-report.pdf",
            "pdf_lines": [
                "Turin: sports clubs open their doors — first season",
                "Example report — invented demo content",
            ],
        },
        "notes": (
            "Turin's sports department named a contact person for clubs after the visit to "
            "Nuremberg; twelve clubs held open days in the first season."
        ),
    },
    {
        "practice": "un-tutor-volontario-per-ogni-giovane",
        "organisation": "bristol",
        "stage": TransferStage.PILOTING,
        "started_on": dt.date(2019, 4, 15),
        "stage_reached_on": dt.date(2020, 1, 13),
        "study_visit": "turin-young-migrants-visit",
        "staff_exchange": None,
        "evidence_url": "",
        "notes": "Two youth clubs in Bristol pilot volunteer tutors with Turin's handbook.",
    },
    {
        "practice": "un-tutor-volontario-per-ogni-giovane",
        "organisation": "nuremberg",
        "stage": TransferStage.CONSIDERING,
        "started_on": dt.date(2019, 11, 4),
        "stage_reached_on": None,
        "study_visit": None,
        "staff_exchange": "turin-nuremberg-staff-exchange",
        "evidence_url": "",
        "notes": "Turin's staff presented the tutors during their exchange in Nuremberg.",
    },
    {
        "practice": "welcome-walks-with-neighbourhood-hosts",
        "organisation": "riga",
        "stage": TransferStage.ADAPTING,
        "started_on": dt.date(2019, 11, 1),
        "stage_reached_on": dt.date(2020, 3, 2),
        "study_visit": "amsterdam-welcoming-culture-visit",
        "staff_exchange": None,
        "evidence_url": "",
        "notes": "Riga adapts the walks to its neighbourhood volunteering desks.",
    },
    {
        "practice": "newcomers-at-the-food-bank",
        "organisation": "sheffield",
        "stage": TransferStage.MAINSTREAMED,
        "started_on": dt.date(2020, 3, 2),
        "stage_reached_on": dt.date(2020, 12, 1),
        "study_visit": None,
        "staff_exchange": "sheffield-terrassa-mixed-exchange",
        # example.org is reserved for examples: this address is invented.
        "evidence_url": "https://www.example.org/sheffield-food-bank-volunteers",
        "notes": "Every food bank funded by the city now offers shifts to newcomers.",
    },
    {
        "practice": "skills-exchange-evenings",
        "organisation": "toulouse",
        "stage": TransferStage.ADAPTING,
        "started_on": dt.date(2020, 2, 3),
        "stage_reached_on": None,
        "study_visit": None,
        "staff_exchange": "bristol-toulouse-volunteering-exchange",
        "evidence_url": "",
        "notes": "Bristol's staff ran a first skills evening in a Toulouse youth centre.",
    },
]

# Example actions of the example action plans, and what inspired them: a mix of
# planned, started, done and one dropped action with its reason.
PLAN_ACTIONS = [
    {
        "plan": "turin-action-plan-young-migrants",
        "position": 1,
        "title": "Recruit volunteer tutors for young newcomers",
        "description": "Sixty volunteer tutors, each paired with a young newcomer for a year.",
        "owner": "Youth services",
        "deadline": dt.date(2020, 9, 30),
        "status": ActionStatus.DONE,
        "dropped_reason": "",
        "practices": [],
        "visits": ["bristol-young-migrants-visit"],
        "exchanges": [],
    },
    {
        "plan": "turin-action-plan-young-migrants",
        "position": 2,
        "title": "Name a contact person for sports clubs",
        "description": "One person in the sports department helps clubs open their doors.",
        "owner": "Sports department",
        "deadline": dt.date(2020, 12, 31),
        "status": ActionStatus.STARTED,
        "dropped_reason": "",
        "practices": ["sports-clubs-open-their-doors"],
        "visits": ["nuremberg-young-migrants-visit"],
        "exchanges": ["turin-nuremberg-staff-exchange"],
    },
    {
        "plan": "turin-action-plan-young-migrants",
        "position": 3,
        "title": "A recognition letter for young volunteers",
        "description": "A letter from the city listing what each young volunteer has done.",
        "owner": "Youth services",
        "deadline": dt.date(2021, 3, 31),
        "status": ActionStatus.PLANNED,
        "dropped_reason": "",
        "practices": [],
        "visits": ["toulouse-young-migrants-visit"],
        "exchanges": [],
    },
    {
        "plan": "turin-action-plan-young-migrants",
        "position": 4,
        "title": "A volunteering fair in every district",
        "description": "A yearly fair where associations meet young newcomers.",
        "owner": "District offices",
        "deadline": dt.date(2020, 10, 31),
        "status": ActionStatus.DROPPED,
        "dropped_reason": (
            "The districts preferred to join the city's yearly volunteering week instead of "
            "holding fairs of their own."
        ),
        "practices": [],
        "visits": ["bristol-young-migrants-visit"],
        "exchanges": [],
    },
    {
        "plan": "bristol-action-plan-young-migrants",
        "position": 1,
        "title": "Youth clubs led by young refugees",
        "description": "Young refugees plan and lead one volunteering activity a month.",
        "owner": "Youth and play team",
        "deadline": dt.date(2020, 12, 31),
        "status": ActionStatus.STARTED,
        "dropped_reason": "",
        "practices": [],
        "visits": ["toulouse-young-migrants-visit"],
        "exchanges": ["bristol-toulouse-volunteering-exchange"],
    },
    {
        "plan": "bristol-action-plan-young-migrants",
        "position": 2,
        "title": "Pilot volunteer tutors in two youth clubs",
        "description": "Turin's tutor scheme, tried in two youth clubs first.",
        "owner": "Youth and play team",
        "deadline": dt.date(2020, 7, 31),
        "status": ActionStatus.DONE,
        "dropped_reason": "",
        "practices": ["un-tutor-volontario-per-ogni-giovane"],
        "visits": ["turin-young-migrants-visit"],
        "exchanges": [],
    },
    {
        "plan": "nuremberg-action-plan-young-migrants",
        "position": 1,
        "title": "Mentors for young newcomers",
        "description": "Volunteer mentors for young newcomers, after Turin's tutors.",
        "owner": "Office for integration",
        "deadline": dt.date(2021, 6, 30),
        "status": ActionStatus.PLANNED,
        "dropped_reason": "",
        "practices": ["un-tutor-volontario-per-ogni-giovane"],
        "visits": ["turin-young-migrants-visit"],
        "exchanges": ["turin-nuremberg-staff-exchange"],
    },
]
