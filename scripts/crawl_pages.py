"""Visit every page reachable from the home pages and save the HTML, for the W3C checker.

Run against a database with the demo data (never production: it signs a made-up
editor into the City of Turin for the ``editor`` walk):

    export DJANGO_DEBUG=true DATABASE_URL=sqlite:////tmp/crawl.sqlite3
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_values_demo
    .venv/bin/python scripts/crawl_pages.py /tmp/pages anonymous
    java -jar vnu.jar --errors-only --skip-non-html /tmp/pages   # npm install vnu-jar

It follows links, form actions and redirects on this host (not the admin, not
sign-out), up to 3,000 addresses, and prints every answer that is an error:
any 4xx or 5xx except a 405 for a form's address opened with GET.
"""

import collections
import os
import pathlib
import re
import sys
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
START = ["/en/", "/it/", "/sitemap.xml", "/robots.txt", "/api/"]
SKIP = re.compile(r"^/(admin|static|media)/|logout|/delete/")
LIMIT = 3000


def editor_client(client):
    from allauth.account.models import EmailAddress

    from cities.models import Membership, MembershipRole, Organisation
    from values_portal.users.models import User

    user, _created = User.objects.get_or_create(email="crawl-editor@example.org")
    Membership.objects.get_or_create(
        user=user,
        organisation=Organisation.objects.get(slug="turin"),
        defaults={"role": MembershipRole.EDITOR},
    )
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    client.force_login(user)


def local(url: str, base: str) -> str | None:
    parts = urllib.parse.urlsplit(urllib.parse.urljoin(f"http://testserver{base}", url))
    if parts.netloc != "testserver" or SKIP.search(parts.path):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def main(out: pathlib.Path, persona: str) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "values_portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client(raise_request_exception=False)
    if persona == "editor":
        editor_client(client)
    out.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    queue = collections.deque(START)
    errors = []
    while queue and len(seen) < LIMIT:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code >= 400 and response.status_code != 405:
            errors.append((response.status_code, path))
        if response.status_code in (301, 302, 303, 307, 308):
            target = local(response["Location"], path)
            if target and target not in seen:
                queue.append(target)
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = (b"".join(response) if response.streaming else response.content).decode()
        name = re.sub(r"[^A-Za-z0-9]+", "_", path)[:150] or "root"
        (out / f"{name}.html").write_text(html)
        for url in re.findall(r'(?:href|src|action)="([^"#]*)', html):
            url = url.replace("&amp;", "&")
            if url and not url.startswith(("mailto:", "tel:", "data:", "javascript:")):
                target = local(url, path)
                if target and target not in seen:
                    queue.append(target)
    print(f"{persona}: {len(seen)} addresses, {len(errors)} errors, HTML in {out}")
    for status, path in errors:
        print(status, path)
    return 1 if errors else 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[2] not in {"anonymous", "editor"}:
        raise SystemExit("usage: crawl_pages.py OUTPUT_DIR anonymous|editor")
    raise SystemExit(main(pathlib.Path(sys.argv[1]), sys.argv[2]))
