from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Installed by bench/settings.py only: the scale data generator and the reference page."""

    name = "bench"
