import argparse
import time

from django.core.management.base import BaseCommand, CommandError

from bench.scale import ScaleDataError, ScaleSizes, scale_data_seed


def count(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{raw} is negative; give a number of rows ≥ 0.")
    return value


class Command(BaseCommand):
    help = (
        "Add generated organisations, practices, study visits and action plans to the "
        "VALUES demo data, to measure the portal at scale (make bench). Run it once, "
        "after load_values_demo; the same --seed gives the same rows."
    )

    def add_arguments(self, parser) -> None:
        defaults = ScaleSizes()
        parser.add_argument(
            "--practices", type=count, default=defaults.practices, help="Practices to add."
        )
        parser.add_argument(
            "--visits", type=count, default=defaults.visits, help="Study visits to add."
        )
        parser.add_argument(
            "--plans", type=count, default=defaults.plans, help="Action plans to add."
        )
        parser.add_argument(
            "--organisations",
            type=count,
            default=defaults.organisations,
            help="Organisations added across Europe besides the VALUES partners.",
        )
        parser.add_argument(
            "--seed", type=int, default=42, help="Random seed: the same seed gives the same rows."
        )

    def handle(self, *args, **options) -> None:
        sizes = ScaleSizes(
            practices=options["practices"],
            visits=options["visits"],
            plans=options["plans"],
            organisations=options["organisations"],
        )
        verbose = options["verbosity"] >= 1

        def progress(name: str, rows: int, seconds: float) -> None:
            if verbose and name == "analyze":
                self.stdout.write(f"  planner statistics (ANALYZE) in {seconds:.2f} s")
            elif verbose:
                self.stdout.write(f"  {name.replace('_', ' ')}: {rows} rows in {seconds:.2f} s")

        started = time.perf_counter()
        try:
            result = scale_data_seed(sizes=sizes, seed=options["seed"], progress=progress)
        except ScaleDataError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Scale data (seed {options['seed']}): {result.summary()}")
        )
        self.stdout.write(f"seed_scale took {elapsed:.1f} s.")
