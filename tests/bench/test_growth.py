from bench.run import growth_rounds, growth_url


def test_growth_url_names_one_database_per_size():
    url = "postgres://postgres@127.0.0.1:5432/values_bench_growth"

    assert growth_url(url, 100_000) == (
        "postgres://postgres@127.0.0.1:5432/values_bench_growth_100000"
    )


def test_growth_rounds_take_each_pages_median_and_most_queries():
    rounds = [
        {"home": {"milliseconds": 40.0, "queries": 16, "path": "/en/"}, "_cookie": "a"},
        {"home": {"milliseconds": 90.0, "queries": 16, "path": "/en/"}, "_cookie": "b"},
        {"home": {"milliseconds": 42.0, "queries": 17, "path": "/en/"}, "_cookie": "c"},
    ]

    combined = growth_rounds(rounds)

    assert combined == {
        "home": {
            "milliseconds": 42.0,
            "rounds_milliseconds": [40.0, 90.0, 42.0],
            "queries": 17,
            "path": "/en/",
        }
    }


def test_growth_rounds_keep_a_skipped_page_as_the_probe_said():
    skipped = {"skipped": "no row to show in the database"}

    assert growth_rounds([{"partner": skipped}, {"partner": skipped}]) == {"partner": skipped}
