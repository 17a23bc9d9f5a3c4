"""``make bench``: the portal at scale, under load, on this machine.

Creates a fresh PostgreSQL database, loads the VALUES demo and the scale data
(``seed_scale``), starts gunicorn with production settings on 127.0.0.1 and,
for each page of ``PAGES``, measures with wrk (20 connections, a fixed
duration) requests per second, latency percentiles and errors, next to a
reference view that renders a trivial template through the same middleware.
It also counts each page's SQL queries at demo size and at scale (Django's
test client in a separate process, against the same database), the bytes a
browser downloads for it (HTML + the CSS and JS it links, compressed) and the
workers' peak memory. Prints a table and writes it as JSON to
``bench/results/<timestamp>.json``.

Settings come from the environment (see bench/README.md): BENCH_SECONDS (10),
BENCH_WARMUP (2), BENCH_CONNECTIONS (20), BENCH_THREADS (2), BENCH_WORKERS (2),
BENCH_DATABASE_URL, BENCH_PRACTICES / BENCH_VISITS / BENCH_PLANS / BENCH_SEED,
BENCH_REUSE_DB (keep an already seeded database: only migrate, then measure).

Only ever aims at 127.0.0.1. gunicorn is stopped at the end, also on failure.
"""

# A benchmark runs programs (wrk, gunicorn, manage.py) and fetches its own pages.
# ruff: noqa: S310, S603, S607

import argparse
import contextlib
import datetime as dt
import gzip
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
WORK_DIR = BENCH_DIR / ".work"
WRK_SCRIPT = BENCH_DIR / "wrk_report.lua"
HOST = "127.0.0.1"
LANGUAGE = "en"
# The cold mode's header: bench/middleware.py makes every cache out of date for it.
COLD_HEADER = "X-Bench-Cold"
MODES = ("anonymous", "member", "edited", "cold")


# --- the pages ---------------------------------------------------------------------
# Data-driven: a page is a URL name, how to find its arguments in the database,
# and a query string. A page whose URL name does not resolve yet is skipped with
# a note. The first page is the reference every ratio is computed against.


def _first_published_practice() -> dict | None:
    from toolkit.models import Practice

    slug = Practice.objects.published().order_by("pk").values_list("slug", flat=True).first()
    return {"slug": slug} if slug else None


def _partner(slug: str) -> Callable[[], dict | None]:
    def kwargs() -> dict | None:
        from cities.models import Organisation

        return {"slug": slug} if Organisation.objects.filter(slug=slug).exists() else None

    return kwargs


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    url_name: str
    kwargs: Callable[[], dict | None] | None = None
    query: str = ""


PAGES = [
    Page("reference", "Reference view", "bench:reference"),
    Page("home", "Home", "home"),
    Page("toolkit", "Toolkit list", "toolkit:list"),
    Page(
        "search",
        "Toolkit search",
        "toolkit:list",
        # Matches practices of the demo data too, so both query counts cover a full page.
        query="q=homework&cluster=young-migrants&target_group=young-migrants",
    ),
    Page("practice", "Practice page", "toolkit:detail", kwargs=_first_published_practice),
    Page("visits", "Study visits list", "exchanges:visit_list"),
    Page("partner", "Partner page", "network:partner_detail", kwargs=_partner("turin")),
    Page("calendar", "Calendar feed", "exchanges:visit_ics"),
    # The public summary of the funder's report; the full report is for coordinators.
    Page("report", "Funder's report", "reporting:summary", kwargs=lambda: {"slug": "values"}),
]


# --- the probe: URLs and SQL queries, run in its own process with Django set up --------


BENCH_MEMBER_EMAIL = "bench-member@example.org"
# Cold single requests per page in the probe; the median is reported.
COLD_REPEATS = 5


def bench_member():
    """A confirmed member of a partner, as a city's staff would be: the signed-in mode's user."""
    from django.contrib.auth import get_user_model

    from cities.models import Membership, MembershipStatus, Organisation

    user, created = get_user_model().objects.get_or_create(email=BENCH_MEMBER_EMAIL)
    if created:
        user.set_unusable_password()
        user.save()
    organisation = Organisation.objects.filter(participations__isnull=False).order_by("pk").first()
    if organisation is not None:
        Membership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"status": MembershipStatus.CONFIRMED}
        )
    return user


def probe(out: Path) -> None:
    """Resolve each page's URL and count its SQL queries: cold, cached and signed in.

    Also signs the bench member in and hands its session key to the load runs.
    """
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from core.cache import content_changed

    client = Client(HTTP_HOST=HOST, HTTP_ACCEPT_LANGUAGE=LANGUAGE)
    member = Client(HTTP_HOST=HOST, HTTP_ACCEPT_LANGUAGE=LANGUAGE)
    member.force_login(bench_member())
    found: dict = {}
    for page in PAGES:
        kwargs = page.kwargs() if page.kwargs else {}
        if kwargs is None:
            found[page.key] = {"skipped": "no row to show in the database"}
            continue
        try:
            with translation.override(LANGUAGE):
                path = reverse(page.url_name, kwargs=kwargs)
        except NoReverseMatch:
            found[page.key] = {"skipped": f"URL name {page.url_name!r} does not resolve yet"}
            continue
        if page.query:
            path = f"{path}?{page.query}"
        client.get(path)  # first request fills per-process caches (content types…)
        # The measured requests render from the database: the page and fragment
        # caches are made out of date first, so the count is the uncached one.
        timings = []
        for _repeat in range(COLD_REPEATS):
            content_changed()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                timings.append(time.perf_counter() - started)
        # Read now: the next request outside a capture empties the connection's log.
        cold = list(queries.captured_queries)
        with CaptureQueriesContext(connection) as cached_queries:
            client.get(path)
        cached = len(cached_queries.captured_queries)
        member.get(path)
        with CaptureQueriesContext(connection) as member_queries:
            member.get(path)
        found[page.key] = {
            "path": path,
            "status": response.status_code,
            "milliseconds": round(sorted(timings)[len(timings) // 2] * 1000, 1),
            "queries": len(cold),
            "queries_cached": cached,
            "queries_member": len(member_queries.captured_queries),
            "sql": [query["sql"][:300] for query in cold[:60]],
        }
    # A browser sends back the cookies it was given: the session and the CSRF cookie.
    found["_cookie"] = "; ".join(
        f"{name}={member.cookies[name].value}"
        for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
        if name in member.cookies
    )
    out.write_text(json.dumps(found, indent=2))


# --- helpers ----------------------------------------------------------------------


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in ("1", "true", "yes")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def say(text: str) -> None:
    print(text, flush=True)


def run(command: list[str], env: dict, what: str) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit(f"bench: {what} failed (exit {result.returncode}).")
    output = result.stdout.strip().splitlines()
    say(f"  {what}: {elapsed:.1f} s" + (f" — {output[-1]}" if output else ""))
    return elapsed


def manage(*args: str, env: dict, what: str) -> float:
    return run([sys.executable, "manage.py", *args], env, what)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def loadavg() -> list[float]:
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        return []


def git_state() -> dict:
    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else ""

    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain"))}


# --- the database -------------------------------------------------------------------

_DB_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def database_name(url: str) -> str:
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    if not _DB_NAME.match(name):
        raise SystemExit(f"bench: {name!r} is not a plain database name.")
    return name


def maintenance_conninfo(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))


def database_recreate(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = database_name(url)
    with psycopg.connect(maintenance_conninfo(url), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def database_exists(url: str) -> bool:
    import psycopg

    with psycopg.connect(maintenance_conninfo(url), autocommit=True) as conn:
        row = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)]
        ).fetchone()
    return row is not None


def postgres_version(url: str) -> str:
    import psycopg

    with psycopg.connect(maintenance_conninfo(url)) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


# --- gunicorn -----------------------------------------------------------------------


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def workers(self) -> list[int]:
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        with contextlib.suppress(OSError):
            return [int(x) for x in children.read_text().split()]
        found = []
        for status in Path("/proc").glob("[0-9]*/status"):
            with contextlib.suppress(OSError):
                if f"PPid:\t{pid}\n" in status.read_text():
                    found.append(int(status.parent.name))
        return found

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        # gunicorn runs in its own session: its group id is its pid, ours to end.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)


def server_start(env: dict, workers: int, ready_path: str) -> Server:
    port = free_port()
    log = WORK_DIR / "gunicorn.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "values_portal.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"{HOST}:{port}",
        "--log-level",
        "warning",
        "--error-logfile",
        str(log),
        "--timeout",
        "60",
    ]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    server = Server(process, port, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"bench: gunicorn exited at start; see {log}")
        with (
            contextlib.suppress(OSError, urllib.error.URLError),
            urllib.request.urlopen(server.base + ready_path, timeout=5) as response,
        ):
            if response.status == 200 and len(server.workers()) >= workers:
                return server
        time.sleep(0.25)
    server.stop()
    raise SystemExit(f"bench: gunicorn did not answer within 60 s; see {log}")


def server_drain(server: Server, path: str, *, limit: float = 180) -> float:
    """Wait until requests queued by the last load run are done: seconds waited.

    wrk stops after its duration, but gunicorn's sync workers still serve every
    request already queued on the socket; they must not slow down the next page.
    A request for the reference page waits behind them, so a few quick answers
    in a row mean the queue is empty.
    """
    started = time.monotonic()
    quick = 0
    while time.monotonic() - started < limit and quick < 3:
        asked = time.monotonic()
        with contextlib.suppress(OSError, urllib.error.URLError):
            urllib.request.urlopen(server.base + path, timeout=limit).read()
        quick = quick + 1 if time.monotonic() - asked < 0.25 else 0
    return round(time.monotonic() - started, 1)


def peak_memory(pid: int) -> dict:
    values = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                values[key] = int(rest.split()[0])  # kB
    return {"pid": pid, "peak_kb": values.get("VmHWM"), "rss_kb": values.get("VmRSS")}


# --- bytes a browser downloads --------------------------------------------------------


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").lower().split()
        if tag == "link" and "stylesheet" in rel and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.links.append(attributes["src"])
        elif tag == "img":
            self.images.append(attributes)


def fetch(url: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(
        url, headers={"Accept-Encoding": "gzip", "Accept-Language": LANGUAGE}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def sizes(url: str, cache: dict) -> dict:
    """What a browser downloads, compressed: the page as served plus its CSS and JS.

    The server may not compress HTML itself (that is a proxy's job in many
    deployments): ``gzip`` then counts what gzip -6 would make of it, ``wire``
    what actually crossed the socket.
    """
    _status, headers, raw = fetch(url)
    compressed_by_server = headers.get("Content-Encoding", "").lower() == "gzip"
    body = gzip.decompress(raw) if compressed_by_server else raw
    html_gzip = len(raw) if compressed_by_server else len(gzip.compress(body, 6))
    parser = _Assets()
    if "html" in headers.get("Content-Type", ""):
        parser.feed(body.decode("utf-8", "replace"))
    assets_wire = assets_gzip = 0
    for link in dict.fromkeys(parser.links):
        asset_url = urllib.parse.urljoin(url, link)
        if urllib.parse.urlsplit(asset_url).hostname != HOST:
            continue
        if asset_url not in cache:
            _s, asset_headers, asset_raw = fetch(asset_url)
            served_gzip = asset_headers.get("Content-Encoding", "").lower() == "gzip"
            cache[asset_url] = (
                len(asset_raw),
                len(asset_raw) if served_gzip else len(gzip.compress(asset_raw, 6)),
            )
        wire, packed = cache[asset_url]
        assets_wire += wire
        assets_gzip += packed
    return {
        "html_bytes": len(body),
        "html_wire": len(raw),
        "html_gzip": html_gzip,
        "html_compressed_by_server": compressed_by_server,
        "assets": len(dict.fromkeys(parser.links)),
        "assets_wire": assets_wire,
        "assets_gzip": assets_gzip,
        "total_wire": len(raw) + assets_wire,
        "total_gzip": html_gzip + assets_gzip,
        "images": len(parser.images),
        "images_unsized": sum(
            1 for image in parser.images if not (image.get("width") and image.get("height"))
        ),
        "images_not_lazy": sum(1 for image in parser.images if image.get("loading") != "lazy"),
    }


# --- wrk ------------------------------------------------------------------------------


def wrk(
    url: str, *, seconds: int, threads: int, connections: int, headers: tuple[str, ...] = ()
) -> dict:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "10s",
        "-H",
        f"Accept-Language: {LANGUAGE}",
        "-H",
        "Accept-Encoding: gzip",
        *(part for header in headers for part in ("-H", header)),
        "-s",
        str(WRK_SCRIPT),
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            data = json.loads(line.removeprefix("BENCH_JSON "))
            break
    else:
        raise RuntimeError(f"wrk gave no summary for {url}: {result.stdout}{result.stderr}")
    duration = data["duration_us"] / 1e6 or 1
    errors = {key: data[key] for key in ("connect", "read", "write", "status", "timeout")}
    return {
        "requests": data["requests"],
        "seconds": round(duration, 2),
        "requests_per_second": round(data["requests"] / duration, 1),
        "latency_ms": {
            key.removesuffix("_us"): round(data[key] / 1000, 1)
            for key in ("p50_us", "p90_us", "p95_us", "p99_us", "max_us", "mean_us")
        },
        "errors": errors,
        "errors_total": sum(errors.values()),
    }


def measure(server: Server, url: str, drain_path: str, config: dict, headers: tuple) -> dict:
    """One mode of one page: a short warm-up, the load run, then an empty queue."""
    if config["warmup_seconds"]:
        # One connection per worker: warms each worker without queueing requests.
        wrk(
            url,
            seconds=config["warmup_seconds"],
            threads=1,
            connections=config["workers"],
            headers=headers,
        )
        server_drain(server, drain_path)
    load = wrk(
        url,
        seconds=config["seconds"],
        threads=config["threads"],
        connections=config["connections"],
        headers=headers,
    )
    load["drain_seconds"] = server_drain(server, drain_path)
    return load


# --- the report -------------------------------------------------------------------------


@dataclass
class Report:
    started: str
    config: dict
    setup_seconds: dict = field(default_factory=dict)
    pages: list = field(default_factory=list)
    memory: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    machine: dict = field(default_factory=dict)
    git: dict = field(default_factory=dict)


def format_table(report: Report) -> str:
    """One line per page: each mode's req/s, % of the reference (anonymous) and p99."""
    modes = " ".join(f"{mode + ' req/s  %ref   p99':>24}" for mode in MODES)
    header = f"{'page':<22} {modes} {'cold 1 ms':>9} {'queries':>16} {'errors':>6} {'KB gz':>6}"
    lines = [header, "-" * len(header)]
    for page in report.pages:
        if "skipped" in page:
            lines.append(f"{page['label']:<22} skipped: {page['skipped']}")
            continue
        cells = []
        for mode in MODES:
            load = page["modes"][mode]
            ratio = load.get("ratio_to_reference")
            p99 = f"{load['latency_ms']['p99']:.0f}" if load["requests"] else "—"
            cells.append(
                f"{load['requests_per_second']:>11.0f} "
                f"{'' if ratio is None else f'{ratio * 100:.0f}':>5} {p99:>6}"
            )
        demo = "—" if page["queries_demo"] is None else page["queries_demo"]
        queries = f"{demo}→{page['queries_scale']}/{page['queries_member']}"
        errors = sum(page["modes"][mode]["errors_total"] for mode in MODES)
        lines.append(
            f"{page['label']:<22} {' '.join(cells)} {page['single_request_ms']:>9.1f} "
            f"{queries:>16} {errors:>6} {page['bytes']['total_gzip'] / 1024:>6.1f}"
        )
    lines.append("")
    lines.append(
        "req/s and p99 ms per mode; %ref: of the reference view served anonymously; "
        "cold 1 ms: one cold request (median); queries: cold demo→scale/signed in."
    )
    memory = report.memory
    if memory.get("workers"):
        peaks = ", ".join(
            f"{worker['pid']}: {worker['peak_kb'] / 1024:.1f} MB" for worker in memory["workers"]
        )
        lines.append(f"Workers' peak memory (VmHWM): {peaks}")
    return "\n".join(lines)


def bench_env(database_url: str) -> dict:
    """Production settings on this machine, with the bench app (bench/settings.py)."""
    WORK_DIR.mkdir(exist_ok=True)
    return {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "DJANGO_MEDIA_ROOT": str(WORK_DIR / "media"),
        "DJANGO_STATIC_ROOT": str(WORK_DIR / "static"),
        "DJANGO_LOG_LEVEL": "WARNING",
        # The portal with the scale data generator and the reference page (bench/settings.py).
        "DJANGO_SETTINGS_MODULE": "bench.settings",
    }


GROWTH_SIZES = (10_000, 100_000)


def growth_url(url: str, practices: int) -> str:
    """The database of one size: ``values_bench_growth`` → ``values_bench_growth_100000``."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{database_name(url)}_{practices}"))


def growth_rounds(rounds: list[dict]) -> dict:
    """One size's probes, round by round, as one: each page's median of the rounds' medians,
    and the most queries any round made (they are the same when all is well)."""
    combined: dict = {}
    for key, first in rounds[0].items():
        if key.startswith("_"):
            continue
        found = [probe.get(key, {}) for probe in rounds]
        if not all("milliseconds" in page for page in found):
            combined[key] = first
            continue
        combined[key] = {
            **first,
            "milliseconds": round(statistics.median([page["milliseconds"] for page in found]), 1),
            "rounds_milliseconds": [page["milliseconds"] for page in found],
            "queries": max(page["queries"] for page in found),
        }
    return combined


def growth() -> None:
    """``make bench-growth``: each page's cold single request at 10,000 and 100,000 practices.

    A database per size (``BENCH_GROWTH_DATABASE_URL`` with the size appended), the demo
    plus the scale data, then the probe (the median of a few cold requests and their query
    count) on each, in turn, for ``BENCH_GROWTH_ROUNDS`` rounds. The machine's speed drifts
    from minute to minute (other work, its caches, PostgreSQL's autovacuum after seeding):
    measured once each, one after the other, a page unchanged by the data (same SQL, same
    rows) came out 50 % slower at the second size. Alternating, both sizes meet the same
    moments. The time may grow a little with the data; the query count must not.
    """
    base_url = os.environ.get(
        "BENCH_GROWTH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/values_bench_growth"
    )
    rounds = max(1, env_int("BENCH_GROWTH_ROUNDS", 7))
    reuse_db = env_flag("BENCH_REUSE_DB")
    envs = {
        practices: {
            **bench_env(growth_url(base_url, practices)),
            "DJANGO_MEDIA_ROOT": str(WORK_DIR / f"media-{practices}"),
        }
        for practices in GROWTH_SIZES
    }
    probe_out = Path(tempfile.mkdtemp(prefix="values-bench-")) / "probe.json"
    names = ", ".join(database_name(growth_url(base_url, size)) for size in GROWTH_SIZES)
    say(f"bench-growth: databases {names}; {rounds} rounds")
    for practices in GROWTH_SIZES:
        say(f"{practices} practices:")
        env = envs[practices]
        reuse = reuse_db and database_exists(env["DATABASE_URL"])
        if not reuse:
            shutil.rmtree(env["DJANGO_MEDIA_ROOT"], ignore_errors=True)
            database_recreate(env["DATABASE_URL"])
        manage("migrate", "--no-input", env=env, what="migrate")
        if practices == GROWTH_SIZES[0]:
            manage("collectstatic", "--no-input", "-v0", env=env, what="collectstatic")
        if reuse:
            say("  seeded before: reused (BENCH_REUSE_DB)")
            continue
        manage("load_values_demo", env=env, what="load_values_demo")
        manage("seed_scale", "--practices", str(practices), env=env, what="seed_scale")
    probes: dict[int, list[dict]] = {practices: [] for practices in GROWTH_SIZES}
    for number in range(1, rounds + 1):
        say(f"round {number} of {rounds}:")
        for practices in GROWTH_SIZES:
            command = [sys.executable, __file__, "probe", str(probe_out)]
            run(command, envs[practices], f"cold requests, {practices} practices")
            probes[practices].append(json.loads(probe_out.read_text()))
    shutil.rmtree(probe_out.parent, ignore_errors=True)
    results = {practices: growth_rounds(found) for practices, found in probes.items()}
    small, large = GROWTH_SIZES
    header = (
        f"{'page':<22} {f'{small} ms':>10} {f'{large} ms':>10} {'growth':>7} "
        f"{f'queries {small}':>15} {f'queries {large}':>16}"
    )
    lines = [header, "-" * len(header)]
    for page in PAGES:
        before, after = results[small].get(page.key, {}), results[large].get(page.key, {})
        if "milliseconds" not in before or "milliseconds" not in after:
            lines.append(f"{page.label:<22} skipped")
            continue
        change = (after["milliseconds"] / before["milliseconds"] - 1) * 100
        lines.append(
            f"{page.label:<22} {before['milliseconds']:>10.1f} {after['milliseconds']:>10.1f} "
            f"{change:>+6.0f}% {before['queries']:>15} {after['queries']:>16}"
        )
    say("")
    say("\n".join(lines))
    say(f"ms: the median of {rounds} rounds' medians of {COLD_REPEATS} cold requests each.")
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    path = RESULTS_DIR / f"growth-{stamp}.json"
    report = {str(size): found for size, found in results.items()}
    path.write_text(json.dumps({**report, "rounds": rounds}, indent=2))
    say(f"\nbench-growth: written to {path.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", default="bench", choices=["bench", "growth", "probe"])
    parser.add_argument("out", nargs="?", help="(probe) where to write the JSON")
    args = parser.parse_args()
    if args.command == "probe":
        probe(Path(args.out))
        return
    if args.command == "growth":
        growth()
        return

    # `kill` (or make being stopped) should still stop gunicorn: unwind through `finally`.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    if not shutil.which("wrk"):
        raise SystemExit("bench: wrk is not installed (apt-get install -y wrk).")
    config = {
        "seconds": env_int("BENCH_SECONDS", 5),
        "warmup_seconds": env_int("BENCH_WARMUP", 1),
        "connections": env_int("BENCH_CONNECTIONS", 10),
        "threads": env_int("BENCH_THREADS", 2),
        "workers": env_int("BENCH_WORKERS", 2),
        "practices": env_int("BENCH_PRACTICES", 10_000),
        "visits": env_int("BENCH_VISITS", 2_000),
        "plans": env_int("BENCH_PLANS", 1_000),
        "seed": env_int("BENCH_SEED", 42),
        "reuse_db": env_flag("BENCH_REUSE_DB"),
        "database_url": os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/values_bench"
        ),
        # The workers share Redis when REDIS_URL is set, as in production; else each
        # keeps its own memory cache and the tokens live in files (core/cache_versions.py).
        "cache": "redis" if os.environ.get("REDIS_URL") else "memory",
    }
    began = time.perf_counter()
    report = Report(started=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), config=config)
    report.git = git_state()
    report.machine = {
        "cpus": os.cpu_count(),
        "loadavg_start": loadavg(),
        "python": sys.version.split()[0],
        "postgresql": postgres_version(config["database_url"]),
    }

    env = bench_env(config["database_url"])
    steps = report.setup_seconds
    probe_out = Path(tempfile.mkdtemp(prefix="values-bench-")) / "probe.json"
    demo_probe: dict = {}
    say(
        f"bench: database {database_name(config['database_url'])}, cache: "
        + ("Redis (REDIS_URL)" if config["cache"] == "redis" else "each worker's memory")
    )
    reuse = config["reuse_db"] and database_exists(config["database_url"])
    if reuse:
        report.notes.append("Database reused (BENCH_REUSE_DB): no queries at demo size.")
    else:
        shutil.rmtree(WORK_DIR / "media", ignore_errors=True)
        database_recreate(config["database_url"])
    steps["migrate"] = manage("migrate", "--no-input", env=env, what="migrate")
    steps["collectstatic"] = manage(
        "collectstatic", "--no-input", "-v0", env=env, what="collectstatic"
    )
    if not reuse:
        steps["load_values_demo"] = manage("load_values_demo", env=env, what="load_values_demo")
        steps["probe_demo"] = run(
            [sys.executable, __file__, "probe", str(probe_out)], env, "queries at demo size"
        )
        demo_probe = json.loads(probe_out.read_text())
        steps["seed_scale"] = manage(
            "seed_scale",
            "--practices",
            str(config["practices"]),
            "--visits",
            str(config["visits"]),
            "--plans",
            str(config["plans"]),
            "--seed",
            str(config["seed"]),
            env=env,
            what="seed_scale",
        )
    steps["probe_scale"] = run(
        [sys.executable, __file__, "probe", str(probe_out)], env, "queries at scale"
    )
    scale_probe = json.loads(probe_out.read_text())
    shutil.rmtree(probe_out.parent, ignore_errors=True)

    reference = scale_probe.get(PAGES[0].key, {})
    if "path" not in reference:
        raise SystemExit(
            "bench: the reference view is not mounted; bench/urls.py mounts it "
            "(DJANGO_SETTINGS_MODULE=bench.settings)."
        )

    modes = {
        "anonymous": (),
        "member": (f"Cookie: {scale_probe['_cookie']}",),
        "edited": (f"{COLD_HEADER}: edit",),
        "cold": (f"{COLD_HEADER}: 1",),
    }
    server = server_start(env, config["workers"], reference["path"])
    try:
        say(f"  gunicorn: {config['workers']} workers on {server.base}")
        asset_cache: dict = {}
        reference_rps = None
        for page in PAGES:
            found = scale_probe.get(page.key, {})
            entry = {"key": page.key, "label": page.label}
            if "skipped" in found:
                entry["skipped"] = found["skipped"]
                report.notes.append(f"{page.label}: skipped, {found['skipped']}.")
                report.pages.append(entry)
                continue
            url = server.base + found["path"]
            entry.update(
                path=found["path"],
                status=found["status"],
                queries_demo=demo_probe.get(page.key, {}).get("queries"),
                queries_scale=found["queries"],
                queries_cached=found["queries_cached"],
                queries_member=found["queries_member"],
                single_request_ms=found["milliseconds"],
                sql_sample=found["sql"],
                modes={},
            )
            if found["status"] != 200:
                report.notes.append(f"{page.label}: answered {found['status']}, not 200.")
            try:
                entry["bytes"] = sizes(url, asset_cache)
                for mode, headers in modes.items():
                    entry["modes"][mode] = measure(server, url, reference["path"], config, headers)
            except (OSError, subprocess.SubprocessError, RuntimeError) as error:
                entry["skipped"] = f"measuring failed ({error})"
                report.notes.append(f"{page.label}: {entry['skipped']}.")
                report.pages.append(entry)
                server_drain(server, reference["path"])
                continue
            if page.key == PAGES[0].key:
                reference_rps = entry["modes"]["anonymous"]["requests_per_second"]
            for mode, load in entry["modes"].items():
                if not load["requests"]:
                    report.notes.append(
                        f"{page.label} ({mode}): no request finished within the "
                        f"{config['seconds']} s run (one cold request alone took "
                        f"{found['milliseconds']:.0f} ms)."
                    )
                rps = load["requests_per_second"]
                load["ratio_to_reference"] = (
                    round(rps / reference_rps, 3) if reference_rps else None
                )
            say(
                f"  {page.label}: "
                + ", ".join(
                    f"{mode} {load['requests_per_second']:.1f} req/s "
                    f"(p99 {load['latency_ms']['p99']} ms)"
                    for mode, load in entry["modes"].items()
                )
                + f"; {found['queries']} queries"
            )
            report.pages.append(entry)
        report.memory = {
            "master": peak_memory(server.process.pid),
            "workers": [peak_memory(pid) for pid in server.workers()],
        }
    finally:
        server.stop()

    for page in report.pages:
        size = page.get("bytes")
        if not size:
            continue
        if not size["html_compressed_by_server"]:
            note = "HTML is not compressed by the server; KB gz counts it as gzip -6 would."
            if note not in report.notes:
                report.notes.append(note)
        if size["images_unsized"] or size["images_not_lazy"]:
            report.notes.append(
                f"{page['label']}: {size['images']} images, {size['images_unsized']} without "
                f"width/height, {size['images_not_lazy']} without loading=lazy."
            )
    report.machine["loadavg_end"] = loadavg()
    report.setup_seconds["total"] = round(time.perf_counter() - began, 1)

    say("")
    say(format_table(report))
    for note in report.notes:
        say(f"note: {note}")
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    path = RESULTS_DIR / f"{stamp}.json"
    path.write_text(json.dumps(report.__dict__, indent=2, ensure_ascii=False) + "\n")
    say(
        f"\nbench: {report.setup_seconds['total']:.0f} s in all; "
        f"load average {report.machine['loadavg_start']} → {report.machine['loadavg_end']}; "
        f"written to {path.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
