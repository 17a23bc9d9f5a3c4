import importlib.util
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.urls("bench.urls")

RUN_PY = Path(__file__).resolve().parents[2] / "bench" / "run.py"


def bench_module():
    spec = importlib.util.spec_from_file_location("bench_run", RUN_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db
def test_reference_view_renders_through_the_middleware(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/en/bench/reference/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Benchmark reference page</h1>" in html
    # The same middleware as every page: security headers, CSP, the language.
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Content-Language"] == "en"


@pytest.mark.django_db
def test_reference_view_follows_the_language_prefix(client):
    assert client.get("/it/bench/reference/").content.decode().count('<html lang="it">') == 1
    # Without a prefix, LocaleMiddleware sends the visitor to their language.
    response = client.get("/bench/reference/", headers={"accept-language": "en"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/bench/reference/"


def test_bench_pages_resolve():
    # A renamed URL fails here rather than in the middle of `make bench`.
    pages = bench_module().PAGES
    assert pages[0].key == "reference"
    with translation.override("en"):
        for page in pages:
            kwargs = {"slug": "some-slug"} if page.kwargs else {}
            assert reverse(page.url_name, kwargs=kwargs).startswith("/en/")


def test_bench_table_shows_each_page_in_every_mode_and_skipped_ones():
    bench = bench_module()

    def load(rps: float, ratio: float, p99: float) -> dict:
        return {
            "requests": int(rps * 10),
            "requests_per_second": rps,
            "ratio_to_reference": ratio,
            "latency_ms": {"p50": 20.1, "p95": 48.0, "p99": p99},
            "errors_total": 0,
        }

    report = bench.Report(started="now", config={})
    report.pages = [
        {
            "key": "toolkit",
            "label": "Toolkit list",
            "modes": {
                "anonymous": load(812.4, 0.5, 70.2),
                "member": load(406.0, 0.25, 81.0),
                "edited": load(300.0, 0.185, 90.0),
                "cold": load(163.0, 0.1, 99.0),
            },
            "single_request_ms": 12.3,
            "queries_demo": 9,
            "queries_scale": 9,
            "queries_member": 2,
            "bytes": {"total_gzip": 20480, "total_wire": 81920},
        },
        {"key": "report", "label": "Funder's report", "skipped": "URL name 'report' …"},
    ]
    report.memory = {"workers": [{"pid": 11, "peak_kb": 102400}]}

    table = bench.format_table(report)

    header, _rule, toolkit, skipped, *_ = table.splitlines()
    for mode in bench.MODES:
        assert mode in header
    assert toolkit.startswith("Toolkit list")
    assert toolkit.split()[2:14] == [
        "812",
        "50",
        "70",
        "406",
        "25",
        "81",
        "300",
        "18",
        "90",
        "163",
        "10",
        "99",
    ]
    assert "12.3" in toolkit  # one cold request, ms
    assert "9→9/2" in toolkit  # queries: cold demo → scale / signed in
    assert "20.0" in toolkit  # KB gzip
    assert skipped.startswith("Funder's report        skipped")
    assert "11: 100.0 MB" in table
